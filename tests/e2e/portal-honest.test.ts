import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { requiredFor } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres } from '../support/server';
import { ARTIFACTS, type E2E, it, startE2E } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/** Every procedure of the researched seed. */
const SEEDED_CODES: string[] = (
  JSON.parse(
    readFileSync(new URL('../../src/server/db/seed/catalogue/procedures.json', import.meta.url), 'utf8'),
  ) as { procedures: { code: string }[] }
).procedures.map((p) => p.code);

/** How curators' source notes read, and a fee's kind said twice: neither belongs on a citizen's page. */
const CURATOR_NOTE = [
  /bản công bố/i,
  /CSDLQG/,
  /câu chữ/i,
  /hiển thị '/,
  /nguyên văn/i,
  /không kèm đơn vị/,
  /trình tự thực hiện[:)]/i,
  /bản thu thập/,
  /nguồn thứ cấp/,
  /cần đối chiếu/,
  /khối 1\.\d/,
  /(?<!số )\bQĐ \d/,
  /(Lệ phí|Phí) \1/i,
  /\(nếu có yêu cầu\)nếu có yêu cầu/,
];

async function signInOnPhone(page: Page) {
  await page.goto('/dang-nhap');
  await page.getByLabel(/tên đăng nhập/i).fill('congdan');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
}

/** Issue 25 items 3, 4, 7 and 10: what the citizens' portal says is what is true and usable. */
for (const backend of BACKENDS) {
  describe(`the portal tells citizens the truth (${backend})`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let e: E2E;
    before(async () => {
      e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' }, backend);
    });
    after(() => e?.close());

    it('the temporary reference of an online submission finds the dossier in “Tra cứu hồ sơ”, then shows the official code', async () => {
      const page = await e.newPage(PHONE);
      await signInOnPhone(page);
      const sub = await page.request.post('/api/v1/dossiers', {
        headers: { 'idempotency-key': 'portal-honest-reference-1' },
        data: {
          procedureCode: '1.004194',
          channel: 'online',
          agencyCode: '000.01.30.H29',
          applicant: {
            kind: 'citizen',
            fullName: 'Đặng Thị Mai',
            idNumber: '079192000123',
            phone: '0912345678',
          },
        },
      });
      assert.equal(sub.status(), 201);
      const id = ((await sub.json()) as { id: string }).id;

      // The confirmation page gives the temporary reference and says how to use it.
      await page.goto(`/thu-tuc/1.004194/nop/da-nop/${id}`);
      await page.getByText('Đã nộp hồ sơ trực tuyến').waitFor();
      const shown = (
        await page
          .getByText(/^Mã tạm:/)
          .first()
          .innerText()
      )
        .replace('Mã tạm:', '')
        .trim();
      assert.equal(shown, id.slice(0, 8).toUpperCase());
      await page.getByText('4 số cuối số điện thoại đã khai', { exact: false }).waitFor();
      // Opened afresh (a reload, a bookmark): the citizen's own view of the dossier fills what was submitted.
      await page.getByText('Nơi tiếp nhận', { exact: true }).waitFor();
      await page.getByText('Thời điểm nộp', { exact: true }).waitFor();
      await page.getByText('Đang chờ tiếp nhận', { exact: true }).waitFor();
      await e.shot(page, 'portal-honest-submitted');

      // Typed into "Tra cứu hồ sơ", with the phone's last four digits: found, and honestly waiting.
      await page.goto('/tra-cuu');
      await page.getByLabel('Mã hồ sơ').fill(shown.toLowerCase());
      await page.getByLabel('Mã hồ sơ').press('Enter');
      await page.getByLabel('4 số cuối điện thoại').fill('5678');
      await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
      await page.getByText('Hồ sơ đang chờ tiếp nhận').waitFor();
      await page.getByText('Đang chờ tiếp nhận', { exact: true }).waitFor();
      assert.equal(await page.getByText('Không tìm thấy', { exact: false }).count(), 0);
      await page.getByText('Đ*** T** M**', { exact: true }).waitFor(); // the name masked, as by code
      await e.shot(page, 'portal-honest-track-waiting');

      // Wrong digits: not found, and nothing about the dossier.
      await page.getByLabel('4 số cuối điện thoại').fill('1111');
      await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
      await page.getByText('Không tìm thấy hồ sơ có mã tạm', { exact: false }).waitFor();
      assert.equal(await page.getByText('Đang chờ tiếp nhận', { exact: true }).count(), 0);

      // The desk accepts: the reference now says which official code replaced it.
      const desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
      const accepted = await desk.post<{ code: string }>(`/api/v1/dossiers/${id}/commands`, {
        action: 'accept',
      });
      assert.equal(accepted.status, 200);
      await page.reload();
      await page.getByLabel('4 số cuối điện thoại').fill('5678');
      await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
      await page
        .getByText(`Mã hồ sơ chính thức ${accepted.body.code} thay cho mã tạm ${shown}`, { exact: false })
        .waitFor();
      await e.shot(page, 'portal-honest-track-accepted');
      await page.getByRole('link', { name: 'Tra cứu bằng mã hồ sơ' }).click();
      await page.getByText('Được tiếp nhận', { exact: true }).waitFor();
    });

    // The pages render the same catalogue text on either database (the API's answer on both is checked in
    // tests/integration/portal-honest.test.ts): one walk through every page is enough.
    if (backend === 'pglite')
      it('shows every seeded procedure’s page without curator notes or a fee’s kind said twice', async () => {
        const page = await e.newPage(PHONE);
        const found: string[] = [];
        for (const code of SEEDED_CODES) {
          await page.goto(`/thu-tuc/${code}`);
          await page.getByText('Thành phần hồ sơ', { exact: true }).first().waitFor();
          const text = await page.locator('body').innerText();
          for (const rx of CURATOR_NOTE) if (rx.test(text)) found.push(`${code}: “${text.match(rx)?.[0]}”`);
          if (code === '1.001193') {
            await page.screenshot({
              path: join(ARTIFACTS, 'portal-honest-procedure-birth-top.png'),
              clip: { x: 0, y: 0, width: 390, height: 1300 },
              fullPage: true,
            });
          }
        }
        assert.deepEqual(found, []);
        // The fee line names the fee once.
        await page.goto('/thu-tuc/1.001193');
        await page.getByText('Lệ phí đăng ký khai sinh:', { exact: false }).waitFor();
      });

    it('fills the applicant’s ID number and birth date from what the account gave before, editable, with a note', async () => {
      const page = await e.newPage(PHONE);
      await signInOnPhone(page);
      const earlier = await page.request.post('/api/v1/dossiers', {
        headers: { 'idempotency-key': 'portal-honest-prefill-1' },
        data: {
          procedureCode: '1.004194',
          channel: 'online',
          agencyCode: '000.01.30.H29',
          applicant: {
            kind: 'citizen',
            fullName: 'Đặng Thị Mai',
            idNumber: '079192000123',
            dateOfBirth: '1992-03-12',
            phone: '0912345678',
          },
        },
      });
      assert.equal(earlier.status(), 201);
      await page.goto('/thu-tuc/1.004873/nop');
      await page.getByText('Bước 1/6: Cơ quan').waitFor();
      await page.getByRole('radio', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Bước 2/6: Người nộp').waitFor();
      assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Đặng Thị Mai');
      assert.equal(await page.getByLabel('Số định danh cá nhân').inputValue(), '079192000123');
      assert.equal(await page.getByLabel('Ngày sinh').inputValue(), '12/03/1992');
      await page.getByText('từ hồ sơ bạn nộp gần nhất (số định danh, ngày sinh)', { exact: false }).waitFor();
      assert.equal(await page.getByLabel('Số định danh cá nhân').isEditable(), true, 'still editable');
      await e.shot(page, 'portal-honest-prefilled');
      // The e-form's requester takes the same details.
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Bước 3/6: Tờ khai').waitFor();
      assert.equal(await page.locator('#formData_nguoiYeuCauSoDinhDanh').inputValue(), '079192000123');
    });

    it('warns before submitting when a required paper is missing, and sends nothing', async () => {
      const page = await e.newPage(PHONE);
      await signInOnPhone(page);
      const proc = (await (await page.request.get('/api/v1/procedures/1.002755')).json()) as {
        agencies: { code: string }[];
        components: { name: string; required: boolean; condition: string | null }[];
      };
      const required = proc.components.filter((c) => requiredFor(c, 'online'));
      assert.ok(required.length > 0, 'the procedure lists a required paper');
      // A draft reopened at its last step with nothing attached (saved from another device, or before the
      // procedure's list of papers changed).
      const draft = await page.request.put(`/api/v1/drafts/${crypto.randomUUID()}`, {
        data: {
          procedureCode: '1.002755',
          agencyCode: proc.agencies[0]!.code,
          data: {
            step: 5,
            submitKey: crypto.randomUUID(),
            onBehalf: false,
            applicant: { kind: 'citizen', fullName: 'Đặng Thị Mai', phone: '0912345678' },
            formData: {},
            delivery: { method: 'online' },
          },
        },
      });
      assert.equal(draft.status(), 201, await draft.text());
      const submits: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/submit')) submits.push(r.url());
      });
      await page.goto('/thu-tuc/1.002755/nop');
      await page.getByText('Bước 6/6: Xem lại').waitFor();
      await page.getByText('Còn thiếu giấy tờ bắt buộc', { exact: true }).waitFor();
      await page.getByText(required[0]!.name, { exact: true }).first().waitFor();
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await page.getByText('Chưa nộp được: còn thiếu giấy tờ bắt buộc', { exact: false }).waitFor();
      await e.shot(page, 'portal-honest-missing-paper');
      assert.deepEqual(submits, [], 'nothing was sent');
      assert.equal(await page.getByText('Đã nộp hồ sơ trực tuyến').count(), 0);
      await page.getByRole('button', { name: 'Bổ sung giấy tờ' }).click();
      await page.getByText('Bước 4/6: Giấy tờ').waitFor();
    });
  });
}
