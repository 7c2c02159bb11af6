import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { type E2E, it, signIn, startE2E } from './harness';

describe('procedure workflows in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  it('lets an administrator send a procedure’s decision to the province and save it as a new version', async () => {
    const page = await e.newPage();
    await signIn(page, '/admin/quy-trinh', 'quantri', DEMO_PASSWORD);
    const picker = page.getByLabel('Chọn thủ tục…');
    await picker.click();
    await picker.pressSequentially('tinh trang hon nhan', { delay: 20 });
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '1.004873',
      })
      .first()
      .click();
    await page.getByText('Quy trình mặc định (chưa cấu hình)').waitFor();
    await e.shot(page, 'admin-workflow-default');
    // The approval step moves to the level above (liên thông).
    await page.getByLabel('Tên bước 2').fill('Lãnh đạo Sở Tư pháp phê duyệt');
    const agencyCells = page.locator('.ant-table-row').nth(1).locator('.ant-select');
    await agencyCells.nth(1).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'Cấp trên (liên thông)',
      })
      .click();
    await page.getByLabel('Căn cứ thay đổi').fill('Quyết định số 12/QĐ-UBND (thử nghiệm)');
    await page.getByRole('button', { name: 'Lưu quy trình' }).click();
    await page.getByText(/Đã lưu phiên bản 1/).waitFor();
    await page.getByText('Quy trình chung của thủ tục, phiên bản 1').waitFor();
    await e.shot(page, 'admin-workflow-saved');
    const admin = await new Client(e.server.app).login('quantri', DEMO_PASSWORD);
    const w = await admin.get<{ workflow: { steps: { name: string; agency: unknown }[] } }>(
      '/api/v1/procedures/1.004873/workflow',
    );
    assert.deepEqual(w.body.workflow.steps[1], {
      ...w.body.workflow.steps[1],
      name: 'Lãnh đạo Sở Tư pháp phê duyệt',
      agency: 'parent',
    });
  });
});
