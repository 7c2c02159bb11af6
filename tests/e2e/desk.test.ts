import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, startE2E } from './harness';

describe('reception at the desk', () => {
  let e: E2E;
  before(async () => {
    // Friday 20 November 2026, 15:00.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00' });
  });
  after(() => e?.close());

  it('receives a complete dossier at the counter and shows why it is due on the 26th', async () => {
    const page = await e.newPage();
    await page.goto('/desk/tiep-nhan');
    await page.getByLabel('Tên đăng nhập').fill('tiepnhan');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const picker = page.getByLabel('Thủ tục hành chính');
    await picker.click();
    await picker.pressSequentially('dang ky tam tru', { delay: 20 });
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '1.004194',
      })
      .first()
      .click();
    await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
    // Tick every component that is required in all cases.
    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Phạm Văn Khoa');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('079090001234');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909123456');
    await e.shot(page, 'desk-reception');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã tiếp nhận hồ sơ 000.01.30.H29-261120-0001').waitFor();
    await page.getByText('Hẹn trả kết quả: 15:00 ngày 26/11/2026').waitFor();
    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
    await page.getByText('Vì sao hẹn trả ngày này?').waitFor();
    await page.getByText('Ngày Văn hóa Việt Nam', { exact: false }).first().waitFor();
    await page.getByText('Hẹn trả: 15:00 26/11/2026').waitFor();
    await e.shot(page, 'desk-dossier');
  });
});
