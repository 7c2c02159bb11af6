import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { chooseOption, type E2E, it, signIn, startE2E } from './harness';

describe('procedure workflows in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  it('lets an administrator send a procedure’s decision to the province and save it as a new version', async () => {
    const page = await e.newPage();
    await signIn(page, '/admin/quy-trinh', 'quantri', DEMO_PASSWORD);
    const opened = page.getByText('Quy trình mặc định (chưa cấu hình)');
    await chooseOption(page, page.getByLabel('Chọn thủ tục…'), '1.004873', 'tinh trang hon nhan', opened);
    await e.shot(page, 'admin-workflow-default');
    // The approval step moves to the level above (liên thông).
    await page.getByLabel('Tên bước 2').fill('Lãnh đạo Sở Tư pháp phê duyệt');
    const agencyCells = page.locator('.ant-table-row').nth(1).locator('.ant-select');
    await chooseOption(page, agencyCells.nth(1).locator('input'), 'Cấp trên (liên thông)');
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
