import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { PROCEDURE_COLUMNS } from '../../src/domain/catalogue/spreadsheet';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { BACKENDS, skipUnlessPostgres } from '../support/server';
import { ARTIFACTS, chooseOption, type E2E, it, startE2E } from './harness';

// The server's clock is set (a manual clock at this instant), so 'today' never depends on when the test runs.
const NOW = '2026-11-23T09:00:00+07:00';
const today = NOW.slice(0, 10);
const vn = (iso: string) => iso.split('-').reverse().join('/');

async function workbook(path: string) {
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet('Thủ tục');
  ps.addRow(PROCEDURE_COLUMNS.map((c) => c.header));
  const row = (code: string, name: string, days: string, fee: string) => [
    code,
    name,
    'TN',
    'Cấp xã',
    'Ủy ban nhân dân cấp xã',
    '',
    days,
    'Ngày làm việc',
    '',
    fee,
    'Đơn đề nghị|1|0|Bắt buộc||Mẫu đơn thử nghiệm',
    '',
    'Giấy xác nhận',
    'Quyết định thử nghiệm',
    'Trực tiếp; Trực tuyến',
    'Một phần',
    '',
  ];
  ps.addRow(row('9.300001', 'Xác nhận hoàn thành thử nghiệm nuôi ong mật', '5', ''));
  ps.addRow(
    row('9.300002', 'Cấp giấy chứng nhận thử nghiệm trồng rừng ngập mặn', '7', 'Lệ phí|Cấp giấy|10000||'),
  );
  const fs = wb.addWorksheet('Lĩnh vực');
  fs.addRow(['Mã lĩnh vực', 'Tên lĩnh vực', 'Ngành']);
  fs.addRow(['TN', 'Thử nghiệm', 'Nông nghiệp']);
  await wb.xlsx.writeFile(path);
}

async function pickDate(page: Page, label: string, iso: string) {
  const input = page.getByLabel(label, { exact: true }).last();
  await input.click();
  await input.fill(vn(iso));
  await input.press('Enter');
}

/** Picks a procedure in one of the decision's pickers, which empty themselves once they acted. */
async function pick(page: Page, label: string, code: string, landed: Locator) {
  await chooseOption(page, page.getByLabel(label, { exact: true }).last(), code, code, landed);
}

for (const backend of BACKENDS) {
  describe(`procedure catalogue in the browser on ${backend}`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let e: E2E;
    before(async () => {
      e = await startE2E({ MOTCUA_CLOCK_START: NOW }, backend);
    });
    after(() => e?.close());

    it('imports a spreadsheet, publishes an amendment and an abolition, and a citizen on a phone sees the result', async () => {
      const file = `${ARTIFACTS}/catalogue-import-${backend}.xlsx`;
      await workbook(file);
      const admin = await e.newPage();
      await admin.goto('/admin/nhap-xuat');
      // The sheet brings a new field (TN): only the system administrator may add one (issue 16).
      await admin.getByLabel('Tên đăng nhập').fill('quantri.hethong');
      await admin.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await admin.getByRole('button', { name: 'Đăng nhập' }).click();

      // 1. Import the spreadsheet as a draft decision, then publish it.
      await admin.locator('input[type=file]').setInputFiles(file);
      await admin.getByLabel('Số quyết định').fill('1/QĐ-THUNGHIEM');
      await pickDate(admin, 'Ngày ký', today);
      await pickDate(admin, 'Ngày có hiệu lực', today);
      await admin.getByLabel('Cơ quan ban hành').fill('Chủ tịch UBND Thành phố Hồ Chí Minh');
      await admin.getByRole('button', { name: 'Nhập thành dự thảo quyết định' }).click();
      await admin.getByText('2 thủ tục thêm mới', { exact: false }).waitFor();
      await e.shot(admin, `catalogue-imported-${backend}`);
      await admin.getByRole('button', { name: 'Xem và công bố' }).click();
      await admin.getByRole('cell', { name: '1/QĐ-THUNGHIEM' }).click();
      await admin.getByRole('button', { name: 'Công bố' }).click();
      await admin.getByRole('button', { name: 'Công bố', exact: true }).last().click();
      await admin.getByText('Đã công bố quyết định 1/QĐ-THUNGHIEM', { exact: false }).waitFor();

      // 2. A second decision amends one procedure (time and fee) and abolishes the other.
      await admin.getByRole('button', { name: 'Soạn quyết định' }).click();
      await admin.getByLabel('Số quyết định').fill('2/QĐ-THUNGHIEM');
      await pickDate(admin, 'Ngày ký', today);
      await pickDate(admin, 'Ngày có hiệu lực', today);
      await admin.getByLabel('Cơ quan ban hành').fill('Chủ tịch UBND Thành phố Hồ Chí Minh');
      await pick(admin, 'Sửa đổi thủ tục…', '9.300001', admin.getByText('Nội dung sửa đổi, bổ sung'));
      // Beside the form: where the current text came from (the first decision).
      await admin.getByText('Công bố theo quyết định 1/QĐ-THUNGHIEM.', { exact: true }).waitFor();
      await admin.getByLabel('Thời hạn giải quyết').fill('2');
      await admin.getByRole('button', { name: 'Thêm khoản phí, lệ phí' }).click();
      await admin.getByLabel('Tên khoản thu').fill('Cấp giấy xác nhận');
      await admin.getByLabel('Số tiền (đồng)').fill('15000');
      await admin.getByRole('button', { name: 'Đưa vào quyết định' }).click();
      await admin.getByText('Nội dung sửa đổi, bổ sung').waitFor({ state: 'hidden' });
      await pick(
        admin,
        'Bãi bỏ thủ tục…',
        '9.300002',
        admin.locator('.ant-list-item', { hasText: '9.300002' }),
      );
      await e.shot(admin, `catalogue-decision-${backend}`);
      await admin.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await admin.getByRole('button', { name: 'Công bố' }).click();
      await admin.getByRole('button', { name: 'Công bố', exact: true }).last().click();
      await admin.getByText('Đã công bố quyết định 2/QĐ-THUNGHIEM', { exact: false }).waitFor();

      // 3. A citizen on a phone finds the amended procedure without diacritics, and not the abolished one.
      const phone = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
      await phone.goto('/thu-tuc');
      await phone.getByLabel('Tìm thủ tục hành chính').fill('xac nhan hoan thanh thu nghiem nuoi ong');
      await phone.getByLabel('Tìm thủ tục hành chính').press('Enter');
      await phone.getByRole('link', { name: 'Xác nhận hoàn thành thử nghiệm nuôi ong mật' }).click();
      await phone.getByText('02 ngày làm việc').first().waitFor();
      await phone.getByText('15.000 đồng', { exact: false }).first().waitFor();
      await e.shot(phone, `catalogue-citizen-${backend}`);
      await phone.goto('/thu-tuc?q=trong%20rung%20ngap%20man');
      await phone.getByText('Tìm thấy 0 thủ tục').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0);
    });
  });
}
