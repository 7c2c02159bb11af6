import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type E2E, firstLoadScripts, it, seriousA11yViolations, startE2E } from './harness';

/**
 * The portal is used by elderly citizens on cheap phones: labels, focus order and contrast must hold.
 * axe-core checks each public page at 390×844, with and without the large-text setting.
 */
describe('portal accessibility (axe-core, phone viewport)', () => {
  let e: E2E;
  let page: Page;
  before(async () => {
    e = await startE2E();
    page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  after(() => e?.close());

  const pages: [string, string][] = [
    ['/', 'Trang chủ'],
    ['/thu-tuc', 'Danh sách thủ tục'],
    ['/thu-tuc/1.001193', 'Trang thủ tục'],
    ['/tra-cuu', 'Tra cứu hồ sơ'],
    ['/dang-nhap', 'Đăng nhập'],
    ['/dang-ky', 'Đăng ký'],
    ['/quen-mat-khau', 'Quên mật khẩu'],
    ['/phan-anh-kien-nghi', 'Phản ánh, kiến nghị'],
  ];
  for (const [path, name] of pages) {
    it(`has no serious or critical violations on ${name} (${path})`, async () => {
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.locator('main, .ant-layout-content').first().waitFor();
      assert.deepEqual(await seriousA11yViolations(page), []);
    });
  }

  it('downloads at most 200 KB of JavaScript gzipped on a first visit to a procedure page, without antd', async () => {
    const r = await firstLoadScripts(e, '/thu-tuc/1.001193');
    const kb = r.total / 1024;
    assert.ok(
      kb <= 200,
      `first load ${kb.toFixed(1)} KB: ${r.files.map(([f, b]) => `${f} ${b}`).join(', ')}`,
    );
    // The frame and the procedure page are built without antd: its theme provider is never fetched.
    assert.equal(
      r.files.filter(([f]) => /AntdProvider|antd/i.test(f)).length,
      0,
      r.files.map(([f]) => f).join(', '),
    );
  });

  it('keeps the procedure page accessible with large text on', async () => {
    await page.goto('/thu-tuc/1.001193', { waitUntil: 'networkidle' });
    await page.getByRole('switch', { name: 'Chữ lớn' }).click();
    await page.getByRole('heading').first().waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await e.shot(page, 'portal-procedure-large-text');
  });
});
