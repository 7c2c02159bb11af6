import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { chooseOption, type E2E, it, startE2E } from './harness';

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('foundation in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  it('lets a reception officer sign in and see the desk with their name and agency', async () => {
    const page = await e.newPage();
    await page.goto('/desk');
    await signIn(page, 'tiepnhan', DEMO_PASSWORD);
    await page.getByText('Nguyễn Thị Lan').first().waitFor();
    await page.getByText('Phường Sài Gòn').first().waitFor();
    await page.getByText('Tiếp nhận hồ sơ').first().waitFor();
    await e.shot(page, 'desk-home');
  });

  it('refuses a wrong password with a Vietnamese message and no session', async () => {
    const page = await e.newPage();
    await page.goto('/desk');
    await signIn(page, 'tiepnhan', 'khong-dung');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng', { exact: false }).first().waitFor();
    const me = await page.request.get('/api/v1/auth/me');
    assert.equal(me.status(), 401);
  });

  it('lets an administrator create a commune and a user who can then sign in', async () => {
    const page = await e.newPage();
    await page.goto('/admin');
    await signIn(page, 'quantri', DEMO_PASSWORD);
    await page
      .getByRole('menuitem', { name: /Cơ quan/ })
      .first()
      .click();
    await page
      .getByRole('button', { name: /Thêm cơ quan/ })
      .first()
      .click();
    const agencyForm = page.getByRole('dialog').last();
    await agencyForm.getByLabel('Mã định danh').fill('000.07.30.H29');
    await agencyForm.getByLabel('Tên', { exact: true }).fill('Ủy ban nhân dân Phường Tân Định');
    await chooseOption(page, agencyForm.getByLabel('Cấp', { exact: true }), 'Xã/Phường');
    await chooseOption(page, agencyForm.getByLabel('Cơ quan cấp trên'), 'Thành phố Hồ Chí Minh');
    await agencyForm.getByLabel('Địa chỉ').fill('Phường Tân Định, Thành phố Hồ Chí Minh');
    await e.shot(page, 'admin-agency-form');
    await agencyForm.getByRole('button', { name: 'Lưu' }).click();
    // Saved when the dialog closes and the table lists the new agency: waited for, never slept on.
    await agencyForm.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Ủy ban nhân dân Phường Tân Định' }).waitFor();
    await e.shot(page, 'admin-agency-saved');
    await e.shot(page, 'admin-agencies');

    await page
      .getByRole('menuitem', { name: /Người dùng/ })
      .first()
      .click();
    await page
      .getByRole('button', { name: /Thêm người dùng/ })
      .first()
      .click();
    const userForm = page.getByRole('dialog').last();
    await userForm.getByLabel('Tên đăng nhập').fill('tiepnhan.tandinh');
    await userForm.getByLabel('Họ và tên').fill('Bùi Thị Thu');
    await userForm.getByLabel('Mật khẩu').fill('tan-dinh-2026');
    await chooseOption(page, userForm.getByLabel('Vai trò'), 'Cán bộ một cửa');
    await page.keyboard.press('Escape');
    await chooseOption(page, userForm.getByLabel('Cơ quan'), 'Tân Định', 'Tân Định');
    await e.shot(page, 'admin-user-form');
    await userForm.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Bùi Thị Thu').first().waitFor();
    await e.shot(page, 'admin-users');

    const officer = await e.newPage();
    await officer.goto('/desk');
    await signIn(officer, 'tiepnhan.tandinh', 'tan-dinh-2026');
    await officer.getByText('Bùi Thị Thu').first().waitFor();
    await officer.getByText('Phường Tân Định').first().waitFor();
    await e.shot(officer, 'desk-new-user');
  });

  it('opens the citizen portal on a 390×844 phone without sideways scrolling', async () => {
    const page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto('/');
    await page.getByText('Phường Sài Gòn').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    await e.shot(page, 'portal-phone');
  });
});
