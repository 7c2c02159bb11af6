import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type E2E, firstLoadScripts, it, seriousA11yViolations, startE2E } from './harness';

/**
 * The portal is used by elderly citizens on cheap phones: its first load stays small, and the procedure page stays
 * accessible with the large-text setting on (axe-core at 390×844). Every page's own check, at any impact, is the
 * walk in a11y-every-face.test.ts.
 */
describe('portal accessibility (axe-core, phone viewport)', () => {
  let e: E2E;
  let page: Page;
  before(async () => {
    e = await startE2E();
    page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  after(() => e?.close());

  // Each public page's axe check (any impact, one h1, main, skip link) is in a11y-every-face.test.ts.

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
