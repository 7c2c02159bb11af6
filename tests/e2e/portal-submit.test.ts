import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { BACKENDS, skipUnlessPostgres } from '../support/server';
import { chooseOption, type E2E, it, signIn, startE2E } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
// A tiny but valid JPEG (1×1 px): what a phone camera hands the page.
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** Picks from an antd Select by typing (without diacritics) and clicking the option. */
async function choose(page: Page, label: string, typed: string, option: string) {
  await chooseOption(page, page.getByLabel(label, { exact: true }), option, typed);
}

async function pickAddress(page: Page, label: string, detail: string) {
  await page.getByLabel(`${label}: số nhà, đường, thôn, ấp`).fill(detail);
  await choose(page, `${label}: tỉnh, thành phố`, 'Ho Chi Minh', 'Thành phố Hồ Chí Minh');
  await choose(page, `${label}: xã, phường, đặc khu`, 'Sai Gon', 'Phường Sài Gòn');
}

for (const backend of BACKENDS) {
  describe(`online submission from a phone (${backend})`, { skip: await skipUnlessPostgres(backend) }, () => {
    let e: E2E;
    before(async () => {
      // Monday 23 November 2026, 09:00: a working morning.
      e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' }, backend);
    });
    after(() => e?.close());

    it('fills the e-form with an address picker, uploads a photo, survives a reload, submits once, reaches the desk', async () => {
      const page = await e.newPage(PHONE);
      try {
        await journey(page);
      } catch (err) {
        await e.shot(page, 'portal-submit-failure');
        throw err;
      }
    });

    async function journey(page: Page) {
      await page.goto('/thu-tuc/1.004873');
      await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      // Not signed in: the login page, then back to the form.
      await page.waitForURL(/\/dang-nhap\?tiep=/);
      await page.getByLabel(/tên đăng nhập/i).fill('congdan');
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/thu-tuc\/1\.004873\/nop$/);

      await page.getByText('Bước 1/6: Cơ quan').waitFor();
      await page.getByRole('radio', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.getByText('Bước 2/6: Người nộp').waitFor();
      // Prefilled from the account.
      assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Đặng Thị Mai');
      assert.equal(await page.getByLabel('Điện thoại').inputValue(), '0912345678');
      await page.getByLabel('Số định danh cá nhân').fill('079190000123');
      await pickAddress(page, 'Địa chỉ', '12 Lê Lợi');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.getByText('Bước 3/6: Tờ khai').waitFor();
      // The requester's fields took the applicant's details.
      assert.equal(await page.locator('#formData_nguoiYeuCauHoTen').inputValue(), 'Đặng Thị Mai');
      // Checked as typed, with the server's own messages.
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Họ, chữ đệm, tên người được cấp Giấy xác nhận: bắt buộc.').waitFor();
      await page.locator('#formData_soDinhDanh').fill('07919');
      await page.getByText('Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số.').waitFor();
      await page.locator('#formData_soDinhDanh').fill('079190000123');
      await page.locator('#formData_quanHe').fill('Bản thân');
      await page.locator('#formData_hoTen').fill('Đặng Thị Mai');
      await page.locator('#formData_ngaySinh').fill('12/03/1992');
      await page.locator('#formData_ngaySinh').press('Enter');
      await choose(page, 'Giới tính', 'Nu', 'Nữ');
      await page.locator('#formData_danToc').fill('Kinh');
      await page.locator('#formData_quocTich').fill('Việt Nam');
      await pickAddress(page, 'Nơi cư trú', '12 Lê Lợi');
      await page.locator('#formData_tinhTrangHonNhan').fill('Chưa đăng ký kết hôn với ai');
      await page.locator('#formData_mucDich').fill('Để đăng ký kết hôn');
      await e.shot(page, 'portal-submit-eform');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.getByText('Bước 4/6: Giấy tờ').waitFor();
      // Limits are told before anything is uploaded.
      await page.getByText('tối đa 10 MB mỗi tệp', { exact: false }).waitFor();
      const camera = page.locator('input[type=file][capture]').first();
      assert.equal(await camera.getAttribute('accept'), 'image/*');
      await camera.setInputFiles({ name: 'to-khai-chup.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
      await page.getByText('to-khai-chup.jpg', { exact: false }).waitFor();
      await page.getByText(/Đã lưu nháp \d\d:\d\d:\d\d/).waitFor();
      await e.shot(page, 'portal-submit-photo');

      // A closed browser loses nothing: the draft is on the account.
      await page.reload();
      await page.getByText('Đã mở lại bản nháp', { exact: false }).waitFor();
      await page.getByText('Bước 4/6: Giấy tờ').waitFor();
      await page.getByText('to-khai-chup.jpg', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.getByText('Bước 5/6: Nhận kết quả').waitFor();
      await page.getByRole('radio', { name: 'Gửi qua bưu chính công ích đến địa chỉ' }).check();
      await pickAddress(page, 'Địa chỉ nhận kết quả', '12 Lê Lợi');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.getByText('Bước 6/6: Xem lại').waitFor();
      await page.getByText('12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh').first().waitFor();
      await page.getByText('Để đăng ký kết hôn').waitFor();
      await e.shot(page, 'portal-submit-review');

      const submits: { url: string; key: string }[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/submit')) {
          submits.push({ url: r.url(), key: r.headers()['idempotency-key'] ?? '' });
        }
      });
      // A double tap.
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
      await page.getByText('Đã nộp hồ sơ trực tuyến').waitFor();
      await page.getByText(/^Mã tạm:/).waitFor();
      await page.getByText('Ngày hẹn trả kết quả', { exact: true }).waitFor();
      await e.shot(page, 'portal-submit-done');
      const dossierId = page.url().split('/').pop();
      assert.ok(submits.length >= 1);
      // The same key sent again (a retry after a lost answer) gives the same dossier, not a second one.
      const again = await page.request.post(submits[0]!.url, {
        headers: { 'idempotency-key': submits[0]!.key },
        data: {},
      });
      assert.equal(again.status(), 201);
      assert.equal(((await again.json()) as { dossier: { id: string } }).dossier.id, dossierId);
      // The draft is gone: the form starts afresh.
      await page.goto('/thu-tuc/1.004873/nop');
      await page.getByText('Bước 1/6: Cơ quan').waitFor();
      assert.equal(await page.getByText('Đã mở lại bản nháp', { exact: false }).count(), 0);

      // The desk finds it, once, in the queue of online dossiers waiting for its check.
      const desk = await e.newPage();
      await signIn(desk, '/desk/xu-ly?list=check', 'tiepnhan', DEMO_PASSWORD);
      await desk.getByRole('cell', { name: 'Đặng Thị Mai' }).first().waitFor();
      assert.equal(await desk.getByRole('cell', { name: 'Đặng Thị Mai' }).count(), 1);
      await e.shot(desk, 'portal-submit-desk-queue');
      const d = await desk.request.get(`/api/v1/dossiers/${dossierId}`);
      const body = (await d.json()) as {
        channel: string;
        files: { name: string }[];
        formData: Record<string, unknown>;
      };
      assert.equal(body.channel, 'online');
      assert.deepEqual(
        body.files.map((f) => f.name),
        ['to-khai-chup.jpg'],
      );
      assert.equal((body.formData.noiCuTru as { communeName: string }).communeName, 'Phường Sài Gòn');
    }
  });
}
