/**
 * The portal's performance budget (issue 7): JavaScript downloaded by a first visit to a procedure page,
 * gzipped, must stay ≤ 200 KB. Loads the page in Chromium on a phone viewport against the built web app
 * and sums every script it fetched, each gzipped at level 9 as a web server would send it.
 */
import { gzipSync } from 'node:zlib';
import { startE2E } from '../tests/e2e/harness';

export async function portalBundle(
  path = '/thu-tuc/1.001193',
): Promise<{ files: [string, number][]; total: number }> {
  const e = await startE2E();
  try {
    const page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const scripts = new Map<string, number>();
    page.on('response', async (r) => {
      if (r.request().resourceType() !== 'script') return;
      const body = await r.body().catch(() => null);
      if (body) scripts.set(new URL(r.url()).pathname, gzipSync(body, { level: 9 }).length);
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.getByRole('heading').first().waitFor();
    const files = [...scripts.entries()].sort((a, b) => b[1] - a[1]);
    return { files, total: files.reduce((n, [, b]) => n + b, 0) };
  } finally {
    await e.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await portalBundle();
  for (const [f, b] of r.files) console.log(`  ${(b / 1024).toFixed(1).padStart(7)} KB  ${f}`);
  console.log(
    `portal procedure page, first load: ${(r.total / 1024).toFixed(1)} KB of JavaScript gzipped (budget 200 KB)`,
  );
}
