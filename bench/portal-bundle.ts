/**
 * The portal's performance budget (issue 7): JavaScript downloaded by a first visit to a procedure page,
 * gzipped, must stay ≤ 200 KB. Loads the page in Chromium on a phone viewport against the built web app
 * and sums every script it fetched, each gzipped at level 9 as a web server would send it.
 */
import { firstLoadScripts, startE2E } from '../tests/e2e/harness';

export async function portalBundle(
  path = '/thu-tuc/1.001193',
): Promise<{ files: [string, number][]; total: number }> {
  const e = await startE2E();
  try {
    return await firstLoadScripts(e, path);
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
