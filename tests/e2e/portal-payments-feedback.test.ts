import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import jsQR from 'jsqr';
import { requiredFor } from '../../src/domain/dossier/intake';
import { parseVietQr } from '../../src/domain/payment/vietqr';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { hmacHex, SIGNATURE_HEADER } from '../../src/server/modules/payments/gateway';
import { DEV_GATEWAY_SECRET } from '../../src/server/modules/payments/payments.config';
import type { FeesView } from '../../src/server/modules/payments/payments.schema';
import { Client } from '../support/http';
import { chooseOption, type E2E, it, signIn, startE2E } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};

describe('fees, rating and feedback on the portal and the desk', () => {
  let e: E2E;
  let desk: Client;
  const ok = async (c: Client, id: string, body: Record<string, unknown>) => {
    const r = await c.post(`/api/v1/dossiers/${id}/commands`, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  /** A temporary-residence dossier received and accepted at the Sài Gòn counter. */
  const receive = async () => {
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    const components = p.body.components
      .filter((c) => requiredFor(c, 'counter'))
      .map((c) => ({ name: c.name, received: true }));
    const r = await desk.post<{ id: string; code: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant,
      components,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
    desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
  });
  after(() => e?.close());

  it('shows the fee with a VietQR code on the phone, records the gateway’s payment, then takes a rating', async () => {
    const page = await e.newPage(PHONE);
    try {
      const d = await receive();
      await page.goto(`/tra-cuu/${d.code}`);
      const fees = page.getByTestId('fees-block');
      await fees.getByText('10.000 đồng').first().waitFor();
      await fees.getByRole('button', { name: /Tạo mã QR để nộp 10\.000 đồng/ }).click();
      const qr = fees.getByRole('img', { name: /Mã VietQR: chuyển 10\.000 đồng/ });
      await qr.waitFor();
      const reference = (await fees.getByTestId('payment-reference').textContent())?.trim() ?? '';
      assert.match(reference, /^MC[2-9A-HJKMNP-Z]{8}$/);
      await fees.getByText('Tài khoản minh họa').waitFor();
      await e.shot(page, 'portal-fees-vietqr');
      // The image encodes exactly the payload the API gives for this request.
      const api = await new Client(e.server.app).get<FeesView>(`/api/v1/public/dossiers/${d.code}/fees`);
      const payload = api.body.payments[0]!.qr!.payload;
      assert.equal(parseVietQr(payload).purpose, reference);
      assert.equal(await qr.getAttribute('src'), api.body.payments[0]!.qr!.image);
      // …and a scanner reads that payload back from the pixels the phone shows.
      const pixels = await qr.evaluate((img: HTMLImageElement) => {
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return { w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
      });
      assert.equal(jsQR(new Uint8ClampedArray(pixels.data), pixels.w, pixels.h)?.data, payload);

      // The bank's gateway reports the transfer.
      const body = JSON.stringify({
        txnId: 'E2E-1',
        reference,
        amountVnd: 10_000,
        status: 'paid',
        paidAt: null,
      });
      const cb = await e.server.app.inject({
        method: 'POST',
        url: '/api/v1/payments/callback/development',
        payload: body,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: `sha256=${hmacHex(DEV_GATEWAY_SECRET, body)}`,
        },
      });
      assert.equal(cb.statusCode, 200, cb.body);
      await page.reload();
      await fees.getByText(/Đã nộp 10\.000 đồng \(cổng thanh toán trực tuyến\)/).waitFor();
      assert.equal(await fees.getByRole('img', { name: /Mã VietQR/ }).count(), 0);

      // Processed and returned: the rating form appears on the same page.
      const specialist = await new Client(e.server.app).login('chuyenvien', DEMO_PASSWORD);
      const leader = await new Client(e.server.app).login('lanhdao', DEMO_PASSWORD);
      await ok(desk, d.id, { action: 'forward' });
      await ok(specialist, d.id, { action: 'claim' });
      await ok(specialist, d.id, { action: 'forward' });
      await ok(leader, d.id, { action: 'decide', outcome: 'approved' });
      await ok(desk, d.id, {
        action: 'return',
        method: 'counter',
        receiver: 'Trương Văn Bình',
        earlyNotice: 'Đã gọi điện',
      });
      await page.reload();
      const rating = page.getByTestId('rating-block');
      await rating.getByText('Đánh giá mức độ hài lòng').waitFor();
      for (const [label, score] of [
        ['Tiếp cận dịch vụ', '5'],
        ['Thủ tục hành chính', '4'],
        ['Công chức giải quyết', '5'],
        ['Kết quả giải quyết', '5'],
        ['Tiếp nhận, xử lý phản ánh, kiến nghị', '4'],
      ] as const) {
        await rating.getByRole('radiogroup', { name: label }).getByText(score, { exact: true }).click();
      }
      await rating.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
      await rating.getByLabel('4 chữ số cuối số điện thoại đã khai trong hồ sơ').fill('0000');
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText(/không khớp số điện thoại/).waitFor();
      await rating.getByLabel('4 chữ số cuối số điện thoại đã khai trong hồ sơ').fill('3456');
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Cảm ơn ông/bà đã đánh giá').waitFor();
      await e.shot(page, 'portal-rated');
      const saved = await desk.get<{ rating: { scores: Record<string, number> } }>(
        `/api/v1/dossiers/${d.id}/rating`,
      );
      assert.deepEqual(saved.body.rating.scores, {
        access: 5,
        procedure: 4,
        officers: 5,
        result: 5,
        feedback: 4,
      });
    } catch (err) {
      await e.shot(page, 'portal-payments-failure');
      throw err;
    }
  });

  it('lets the desk record cash received for a pending request on the dossier page', async () => {
    const page = await e.newPage();
    try {
      const d = await receive();
      const created = await new Client(e.server.app).post<FeesView>(
        `/api/v1/public/dossiers/${d.code}/payments`,
      );
      const ref = created.body.payments[0]!.reference;
      await signIn(page, `/desk/ho-so/${d.id}`, 'tiepnhan', DEMO_PASSWORD);
      const panel = page.getByTestId('payment-panel');
      const row = panel.getByTestId(`payment-${ref}`);
      await row.getByText('Chờ thanh toán').waitFor();
      await row.getByRole('button', { name: 'Đã thu tiền mặt' }).click();
      await page.getByRole('button', { name: 'Đã thu', exact: true }).click();
      await row.getByText('Đã nộp', { exact: true }).waitFor();
      await row.getByText(/xác nhận: Nguyễn Thị Lan/).waitFor();
      await e.shot(page, 'desk-payment-confirmed');
      const after = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      assert.deepEqual([after.body.payments[0]!.status, after.body.payments[0]!.method], ['paid', 'counter']);
    } catch (err) {
      await e.shot(page, 'desk-payment-failure');
      throw err;
    }
  });

  it('sends feedback from a phone, the desk answers and publishes it, and the portal lists the answer', async () => {
    const phone = await e.newPage(PHONE);
    const deskPage = await e.newPage();
    try {
      await phone.goto('/phan-anh-kien-nghi');
      await phone.getByText('Chưa có phản ánh, kiến nghị nào được công khai.').waitFor();
      await phone.getByRole('tab', { name: 'Gửi phản ánh' }).click();
      await phone.getByText('Kiến nghị', { exact: true }).click();
      await chooseOption(phone, phone.getByLabel('Cơ quan nhận'), 'Phường Sài Gòn', 'Sai Gon');
      await chooseOption(phone, phone.getByLabel('Thủ tục hành chính'), 'Đăng ký tạm trú', 'tam tru');
      await phone.getByLabel('Họ và tên').fill('Lê Văn Tư');
      await phone.getByLabel('Số điện thoại').fill('0908111222');
      await phone.getByLabel('Tiêu đề').fill('Cho nộp lệ phí bằng mã QR');
      await phone
        .getByLabel('Nội dung')
        .fill('Đề nghị phường cho nộp lệ phí tạm trú bằng chuyển khoản quét mã QR.');
      await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
      const code = (await phone.getByTestId('feedback-code').textContent())?.trim() ?? '';
      assert.match(code, /^PAKN-261123-[2-9A-HJKMNP-Z]{5}$/);
      await e.shot(phone, 'portal-feedback-sent');

      await signIn(deskPage, '/desk/phan-anh', 'tiepnhan', DEMO_PASSWORD);
      const item = deskPage.getByTestId(`feedback-${code}`);
      await item.getByText('Cho nộp lệ phí bằng mã QR').waitFor();
      await item.getByText(/0908111222/).waitFor();
      await item
        .getByLabel(`Trả lời ${code}`)
        .fill('Từ tháng 12/2026 phường nhận lệ phí qua mã VietQR in trên phiếu hẹn.');
      await item.getByRole('button', { name: 'Trả lời và công khai' }).click();
      await item.getByText('Đã công khai').waitFor();
      await e.shot(deskPage, 'desk-feedback-published');

      await phone.goto('/phan-anh-kien-nghi');
      await phone.getByText('Cho nộp lệ phí bằng mã QR').waitFor();
      await phone.getByText(/nhận lệ phí qua mã VietQR/).waitFor();
      assert.equal(await phone.getByText('0908111222').count(), 0, 'no contact on the public list');
      assert.equal(await phone.getByText('Lê Văn Tư').count(), 0, 'the sender’s name is masked');
      await e.shot(phone, 'portal-feedback-published');
    } catch (err) {
      await e.shot(phone, 'portal-feedback-failure');
      await e.shot(deskPage, 'desk-feedback-failure');
      throw err;
    }
  });
});
