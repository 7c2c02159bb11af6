import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres } from '../support/server';
import { type E2E, it, seriousA11yViolations, startE2E } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const PASSWORD = 'matkhau-moi-2026';
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/**
 * Issue 7's journey on a phone: a new account submits online, the desk asks for a supplement, the
 * citizen sends it from "Hồ sơ của tôi" (the clock resumes), the desk finishes, and anyone tracks the
 * dossier by its code without logging in and rates the service.
 */
for (const backend of BACKENDS) {
  describe(`a citizen’s dossier from a phone, end to end (${backend})`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let e: E2E;
    before(async () => {
      e = await startE2E(
        { MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00', MOTCUA_SESSION_HOURS: '720' },
        backend,
      );
    });
    after(() => e?.close());

    it('registers, submits, supplements from the phone, and rates after tracking by code', async () => {
      const setNow = (iso: string) => (e.server.clock as ManualClock).set(new Date(iso));
      // A new account (the registration screens have their own browser test).
      const api = new Client(e.server.app);
      const reg = await api.post('/api/v1/accounts/register', {
        accountKind: 'person',
        fullName: 'Lý Thị Thu',
        phone: '0987 654 321',
        password: PASSWORD,
        confirmPassword: PASSWORD,
      });
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      const sms = await api.get<{ items: { text: string }[] }>('/api/v1/dev/messages?to=0987654321');
      const code = /\b(\d{6})\b/.exec(sms.body.items[0]!.text)![1];
      assert.equal((await api.post('/api/v1/accounts/verify', { phone: '0987654321', code })).status, 200);

      const page = await e.newPage(PHONE);
      await page.goto('/dang-nhap');
      await page.getByLabel(/tên đăng nhập/i).fill('0987654321');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();

      // Submitted online (the six-step form has its own browser test): temporary residence at the ward.
      const sub = await page.request.post('/api/v1/dossiers', {
        headers: { 'idempotency-key': 'journey-0987654321-1' },
        data: {
          procedureCode: '1.004194',
          channel: 'online',
          agencyCode: '000.01.30.H29',
          applicant: {
            kind: 'citizen',
            fullName: 'Lý Thị Thu',
            idNumber: '079195004321',
            phone: '0987654321',
          },
        },
      });
      assert.equal(sub.status(), 201);
      const id = ((await sub.json()) as { id: string }).id;

      // The desk accepts and forwards; the specialist finds a paper missing.
      const desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
      const specialist = await new Client(e.server.app).login('chuyenvien', DEMO_PASSWORD);
      const leader = await new Client(e.server.app).login('lanhdao', DEMO_PASSWORD);
      const ok = async (c: Client, body: Record<string, unknown>) => {
        const r = await c.post<{ code: string }>(`/api/v1/dossiers/${id}/commands`, body);
        assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
        return r.body;
      };
      const { code: dossierCode } = await ok(desk, { action: 'accept' });
      await ok(desk, { action: 'forward' });
      await ok(specialist, { action: 'claim' });
      setNow('2026-11-25T10:00:00+07:00');
      await ok(specialist, {
        action: 'request-supplement',
        items: ['Hợp đồng thuê nhà còn hiệu lực (bản sao)'],
        reason: 'Hợp đồng đã nộp hết hạn ngày 01/11/2026',
      });

      // On the phone: the dossier waiting for her is flagged; she opens it, photographs the paper, sends it.
      setNow('2026-11-26T08:30:00+07:00');
      await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
      await page.getByText('Có hồ sơ cần bạn bổ sung giấy tờ', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Đăng ký tạm trú' }).click();
      await page.getByText('Hợp đồng thuê nhà còn hiệu lực (bản sao)', { exact: true }).waitFor();
      await page
        .getByText('Lý do: Hợp đồng đã nộp hết hạn ngày 01/11/2026', { exact: false })
        .first()
        .waitFor();
      assert.deepEqual(await seriousA11yViolations(page), []);
      await e.shot(page, 'portal-journey-supplement-asked');
      await page
        .locator('#supp-camera')
        .setInputFiles({ name: 'hop-dong-moi.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
      await page.getByText('hop-dong-moi.jpg', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Nộp bổ sung' }).click();
      await page.getByText(/Đã nhận hồ sơ bổ sung\. Hẹn trả kết quả 08:30 ngày 01\/12\/2026/).waitFor();
      await e.shot(page, 'portal-journey-supplement-sent');

      // The desk finishes and returns the result at the counter.
      await ok(specialist, { action: 'forward', note: 'Đủ điều kiện' });
      setNow('2026-11-27T10:00:00+07:00');
      await ok(leader, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
      setNow('2026-11-30T09:00:00+07:00');
      await ok(desk, {
        action: 'return',
        method: 'counter',
        receiver: 'Lý Thị Thu',
        earlyNotice: 'Đã nhắn tin',
      });

      // Anyone with the code (or the slip's QR) follows it without logging in; personal data is masked.
      const stranger = await e.newPage(PHONE);
      await stranger.goto(`/tra-cuu/${dossierCode}`);
      await stranger.getByText('Đã trả kết quả').first().waitFor();
      assert.equal(await stranger.getByText('Lý Thị Thu').count(), 0, 'the name is masked');
      const rating = stranger.getByTestId('rating-block');
      await rating.getByText('Đánh giá mức độ hài lòng').waitFor();
      for (const label of [
        'Tiếp cận dịch vụ',
        'Thủ tục hành chính',
        'Công chức giải quyết',
        'Kết quả giải quyết',
        'Tiếp nhận, xử lý phản ánh, kiến nghị',
      ]) {
        await rating.getByRole('radiogroup', { name: label }).getByText('5', { exact: true }).click();
      }
      await rating.getByLabel('4 chữ số cuối số điện thoại đã khai trong hồ sơ').fill('4321');
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Cảm ơn ông/bà đã đánh giá').waitFor();
      await e.shot(stranger, 'portal-journey-rated');

      // Her own page tells the whole story in plain words.
      await page.reload();
      await page.getByText('Đã trả kết quả tại Bộ phận Một cửa.').waitFor();
    });
  });
}
