import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type Backend, startTestServer, type TestServer } from '../support/server';

/** Browser tests drive Debian's Chromium; a browser is never downloaded. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts', import.meta.url));
/** The built web app, served by the servers the browser tests start. */
export const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface E2E {
  server: TestServer;
  baseUrl: string;
  browser: Browser;
  newPage(opts?: {
    viewport?: { width: number; height: number };
    isMobile?: boolean;
    /** The browser's time zone; Vietnam unless a test checks a browser set elsewhere. */
    timezoneId?: string;
    /**
     * The device asks for less motion (antd's animations off, see AntdProvider): the default here, as the
     * pages' animations cost CPU and waits that test nothing; `false` for a test of what moves.
     */
    reducedMotion?: boolean;
  }): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** A real motcua server (PGlite, demo data, built web app) on a free port, and Chromium. */
export async function startE2E(
  env: Record<string, string> = {},
  backend: Backend = 'pglite',
  opts: { chromiumArgs?: string[] } = {},
): Promise<E2E> {
  const server = await startTestServer(backend, { MOTCUA_WEB_DIR: WEB_DIR, ...env });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = server.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  const browser = await openBrowser(`http://127.0.0.1:${addr.port}`, opts);
  return {
    ...browser,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Chromium, its pages opened on `baseUrl` (a motcua server, or a load balancer in front of several). */
export async function openBrowser(
  baseUrl: string,
  opts: { chromiumArgs?: string[] } = {},
): Promise<Omit<E2E, 'server'>> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    baseUrl,
    browser,
    async newPage(opts = {}) {
      const ctx = await browser.newContext({
        baseURL: baseUrl,
        locale: 'vi-VN',
        timezoneId: opts.timezoneId ?? 'Asia/Ho_Chi_Minh',
        viewport: opts.viewport ?? { width: 1366, height: 768 },
        isMobile: opts.isMobile ?? false,
        hasTouch: opts.isMobile ?? false,
        reducedMotion: (opts.reducedMotion ?? process.env.E2E_MOTION !== 'full') ? 'reduce' : 'no-preference',
      });
      contexts.push(ctx);
      testContexts?.push(ctx);
      // A bound on each wait, not a measure of speed: generous, so a loaded machine is slow, not red.
      ctx.setDefaultTimeout(60_000);
      ctx.setDefaultNavigationTimeout(60_000);
      const page = await ctx.newPage();
      watch(page);
      // E2E_CPU_THROTTLE=4 runs the pages as on a CPU four times slower (a cheap phone, a loaded CI machine).
      const throttle = Number(process.env.E2E_CPU_THROTTLE ?? 1);
      if (throttle > 1) {
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      }
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/**
 * What each open page did that a failing test should explain: the API calls that changed something or failed,
 * uncaught errors and console errors — kept per page, newest last, and printed with the failure (see `it`).
 */
const watched = new Map<Page, string[]>();
const started = performance.now();

function watch(page: Page): void {
  const log: string[] = [];
  watched.set(page, log);
  const note = (line: string) => {
    log.push(`${((performance.now() - started) / 1000).toFixed(1)}s ${line}`);
    if (log.length > 30) log.shift();
  };
  page.on('close', () => watched.delete(page));
  page.on('pageerror', (err) => note(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console error: ${m.text().slice(0, 300)}`);
  });
  page.on('requestfailed', (r) =>
    note(`request failed: ${r.method()} ${new URL(r.url()).pathname} (${r.failure()?.errorText})`),
  );
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    const method = r.request().method();
    if (method === 'GET' && r.status() < 400) return;
    let detail = '';
    if (r.status() >= 400) {
      const body = await r.text().catch(() => '');
      detail = ` ${body.slice(0, 200)}`;
    }
    note(`${method} ${url.pathname}${url.search} → ${r.status()}${detail}`);
  });
}

/** The state of every open page, for a failing test: where it is, what it says in alerts, what it did. */
async function diagnostics(): Promise<string> {
  const out: string[] = [];
  let n = 0;
  for (const [page, log] of watched) {
    n += 1;
    if (page.isClosed()) continue;
    const alerts = await page
      .locator(
        '[role=alert], .ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-modal-title',
      )
      .allInnerTexts()
      .catch(() => [] as string[]);
    out.push(`— page ${n}: ${page.url()}`);
    if (alerts.length)
      out.push(`  on screen: ${alerts.map((a) => a.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    for (const line of log) out.push(`  ${line}`);
    await page
      .screenshot({ path: join(ARTIFACTS, `failure-${process.pid}-${n}.png`), fullPage: true, timeout: 5000 })
      .catch(() => {});
  }
  return out.join('\n');
}

/**
 * `node:test`'s `it`, whose failures also print every open page's URL, the alerts it shows and its recent API
 * calls and errors (screenshots in test-artifacts/failure-*.png): a browser test that fails once in CI says why.
 */
export function it(name: string, fn: () => Promise<void>): void {
  nodeIt(name, async () => {
    testContexts = [];
    const mine = testContexts;
    try {
      await fn();
    } catch (err) {
      const more = await diagnostics().catch((e: unknown) => `(no diagnostics: ${String(e)})`);
      // The reporter prints the stack, which holds the message as it was when the error was made.
      if (err instanceof Error && more) {
        err.message = `${err.message}\n${more}`;
        err.stack = `${err.stack}\n${more}`;
      }
      throw err;
    } finally {
      // The pages this test opened are closed when it ends (after the diagnostics of a failure): an open page
      // kept running its timers and animations beside every later test of the file — CPU the next tests
      // needed, most of all on a loaded machine. Pages opened in a `before` hook stay for the whole describe.
      testContexts = null;
      await Promise.all(mine.map((c) => c.close().catch(() => {})));
    }
  });
}

/** The browser contexts opened by the running test (`it`), closed when it ends; null outside a test. */
let testContexts: BrowserContext[] | null = null;

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns the serious and critical
 * violations, each with the elements concerned, so a failing test says what to fix.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(describeViolation);
}

/**
 * Every axe-core violation on the page as it is now, whatever its impact — minor and moderate ones too — of the
 * WCAG 2.1 A and AA rules and of axe's best practices (one `h1`, one `main`, every content in a landmark…), each
 * with the elements concerned: the goal is none on any page (issue 25 item 15).
 */
export async function a11yViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page, [...WCAG_21_AA, 'best-practice'])).map(describeViolation);
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const describeViolation = (v: AxeViolation) =>
  `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`;

async function axeViolations(page: Page, tags = WCAG_21_AA): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (values) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values },
    });
    return r.violations;
  }, tags);
  return violations as AxeViolation[];
}

/** Signs in on the login form shown at `path` (a protected page) as a demo account. */
export async function signIn(page: Page, path: string, username: string, password: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * Chooses an option of an antd Select — typing `typed` first to filter, as an officer does — and waits until
 * the select shows it. On a loaded machine a click can land while the list re-renders (options fetched as one
 * types) and be lost: the select stays empty and the test failed much later, at the form's check ("hãy chọn
 * xã, phường"). A lost click is clicked again, as a person would, at most three times — and only while the
 * select does not show the option yet, so a slow click that did land is never undone (a multiple select
 * would drop the option on a second click).
 *
 * A picker — a select that acts on the choice and empties itself (open a procedure, add it to a list) — passes
 * `landed`: what the page shows once the choice was taken, watched instead of the select.
 */
export async function chooseOption(
  page: Page,
  box: Locator,
  option: string,
  typed?: string,
  landed?: Locator,
): Promise<void> {
  const select = box.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const shown = landed ?? select.filter({ hasText: option });
  // A select inside a dialog that is still opening loses its list when the dialog takes the focus at the end
  // of its animation (seen in CI: the option "not visible" for 30 s).
  await box.waitFor();
  await dialogsOpened(page);
  for (let attempt = 1; ; attempt++) {
    if ((await shown.count()) > 0) return;
    try {
      // Opened unless its list is already open (a click on an open select would close it).
      if (attempt === 1 || !(await page.locator(OPEN_LIST).first().isVisible())) await box.click();
      if (typed) {
        await box.fill('');
        await box.pressSequentially(typed, { delay: 15 });
      }
      await page
        .locator(`${OPEN_LIST} .ant-select-item-option:not(.ant-select-item-option-selected)`, {
          hasText: option,
        })
        .first()
        // Short bounds while another try remains; the last try waits the page's own bound.
        .click(attempt < 3 ? { timeout: 15_000 } : {});
      await shown.waitFor(attempt < 3 ? { timeout: 10_000 } : {});
      return;
    } catch (err) {
      // The list closed before the click, or the click was lost: open it again.
      if (attempt === 3) throw err;
    }
  }
}

const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** Waits until every dialog has finished its opening animation (antd moves the focus into it then). */
export async function dialogsOpened(page: Page): Promise<void> {
  await page
    .locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter')
    .first()
    .waitFor({ state: 'detached' });
}

/**
 * Clicks the confirm button of the open dialog and waits until the dialog closes. The button takes clicks once
 * the opening animation has ended; on a loaded machine a click can still be lost (no request leaves, the dialog
 * stays): it is then clicked again — never once a request was sent, so nothing is submitted twice.
 */
export async function confirmDialog(page: Page, name: string): Promise<void> {
  await page.locator('.ant-modal').first().waitFor();
  await dialogsOpened(page);
  const button = page.locator('.ant-modal').getByRole('button', { name, exact: true });
  for (let attempt = 1; attempt <= 3; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/'), {
        timeout: 20_000,
      })
      .then(
        () => true,
        () => false,
      );
    await button.click();
    if (await sent) break;
    // No request, but the dialog closed: the click did land (a dialog that sends nothing).
    if (!(await button.isVisible())) break;
  }
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
}

/** Picks a procedure at the reception desk by typing (without diacritics) and choosing its code. */
export async function pickProcedure(page: Page, typed: string, code: string): Promise<void> {
  await chooseOption(page, page.getByLabel('Thủ tục hành chính'), code, typed);
}

/**
 * Every script a first visit to `path` downloads on a phone (fresh browser context, no cache), each gzipped
 * at level 9 as a web server would send it: the portal's JavaScript budget (issue 7).
 */
export async function firstLoadScripts(
  e: E2E,
  path: string,
): Promise<{ files: [string, number][]; total: number }> {
  const page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  const scripts = new Map<string, number>();
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const body = await r.body().catch(() => null);
    if (body) scripts.set(new URL(r.url()).pathname, gzipSync(body, { level: 9 }).length);
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await page.getByRole('heading').first().waitFor();
  await page.close();
  const files = [...scripts.entries()].sort((a, b) => b[1] - a[1]);
  return { files, total: files.reduce((n, [, b]) => n + b, 0) };
}
