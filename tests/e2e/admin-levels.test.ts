import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, it, seriousA11yViolations, signIn, startE2E } from './harness';

/**
 * The administration face offers each administrator only what the server lets them do (issue 16): a commune's
 * administrator sees the official calendar and the catalogue read-only, with who may change them; the system
 * administrator has the administration face and the list of fields.
 */
describe('administrators’ levels in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-20T09:00:00+07:00' });
  });
  after(() => e?.close());

  it('shows a commune administrator the calendar and the catalogue read-only, saying who may change them', async () => {
    const page = await e.newPage();
    await signIn(page, '/admin/lich-lam-viec', 'quantri.saigon', DEMO_PASSWORD);
    await page.getByRole('heading', { name: /Lịch làm việc năm/ }).waitFor();
    // The header names the reach: "Quản trị hệ thống" is the system administrator's alone.
    await page.getByRole('banner').getByText('Quản trị cơ quan', { exact: true }).waitFor();
    await page.getByText('Chỉ quản trị viên cấp tỉnh', { exact: false }).first().waitFor();
    assert.equal(await page.getByText('Bấm vào ngày để đánh dấu', { exact: false }).count(), 0);
    // Clicking a day starts no draft: there is nothing to save.
    await page.locator('button[data-date="2026-12-01"]').click();
    assert.equal(await page.getByRole('button', { name: 'Lưu lịch nghỉ chính thức' }).count(), 0);
    await e.shot(page, 'admin-levels-commune-calendar');

    await page.goto('/admin/linh-vuc');
    await page.getByRole('heading', { name: 'Lĩnh vực' }).waitFor();
    await page.getByText('Chỉ quản trị hệ thống', { exact: false }).first().waitFor();
    await page.getByRole('cell', { name: 'Hộ tịch', exact: true }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Thêm lĩnh vực/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Sửa' }).count(), 0);

    await page.goto('/admin/quyet-dinh');
    await page.getByRole('heading', { name: 'Quyết định công bố thủ tục' }).waitFor();
    await page.getByText('Chỉ quản trị viên cấp tỉnh', { exact: false }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Soạn quyết định/ }).count(), 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await e.shot(page, 'admin-levels-commune-decisions');

    await page.goto('/admin/nhap-xuat');
    await page.getByRole('link', { name: /Tải danh mục hiện hành/ }).waitFor();
    await page.getByText('Chỉ quản trị viên cấp tỉnh', { exact: false }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Nhập thành dự thảo quyết định/ }).count(), 0);
    await e.shot(page, 'admin-levels-commune-import');
  });

  it('lets the province administrator enter the calendar but not change the fields', async () => {
    const page = await e.newPage();
    await signIn(page, '/admin/lich-lam-viec', 'quantri', DEMO_PASSWORD);
    await page.getByText('Bấm vào ngày để đánh dấu', { exact: false }).waitFor();
    await page.getByRole('banner').getByText('Quản trị cấp tỉnh', { exact: true }).waitFor();
    assert.equal(await page.getByText('Chỉ quản trị viên cấp tỉnh', { exact: false }).count(), 0);
    await page.goto('/admin/linh-vuc');
    await page.getByText('Chỉ quản trị hệ thống', { exact: false }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Thêm lĩnh vực/ }).count(), 0);
    await page.goto('/admin/quyet-dinh');
    await page.getByRole('button', { name: /Soạn quyết định/ }).waitFor();
  });

  it('gives the system administrator the administration face, the fields and the role to grant', async () => {
    const page = await e.newPage();
    await signIn(page, '/admin/linh-vuc', 'quantri.hethong', DEMO_PASSWORD);
    await page.getByRole('button', { name: /Thêm lĩnh vực/ }).waitFor();
    await page.getByRole('banner').getByText('Quản trị hệ thống', { exact: true }).waitFor();
    await page.getByText('Quản trị hệ thống · Ủy ban nhân dân Thành phố Hồ Chí Minh').first().waitFor();
    assert.equal(await page.getByText('Bạn chỉ xem được nội dung này').count(), 0);
    await e.shot(page, 'admin-levels-system-fields');
    await page.goto('/admin/nguoi-dung');
    await page.getByRole('cell', { name: 'Trương Ngọc Diệp' }).waitFor();
    await page.getByRole('button', { name: /Thêm người dùng/ }).click();
    const form = page.getByRole('dialog').last();
    await form.getByLabel('Vai trò').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'Quản trị hệ thống',
      })
      .waitFor();
    await e.shot(page, 'admin-levels-system-users');
  });
});
