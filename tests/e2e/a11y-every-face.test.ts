import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { seedHistory } from '../../src/server/modules/stats/history';
import { Client } from '../support/http';
import { a11yViolations, type E2E, it, signIn, startE2E } from './harness';

/**
 * Issue 25 item 15: every page of every face — the citizens' portal (anonymous and signed in), the desk as the
 * reception officer, the specialist and the leader, the administration, the kiosks and the TV board — has no axe
 * violation of any impact (WCAG 2.1 A/AA and axe's best practices), exactly one `h1`, one `main` landmark, and a
 * skip link as the first focusable element that moves the focus to it. The pages show real data: a year of
 * seeded dossiers, a dossier with its history, a queue ticket.
 */

const SAIGON = '000.01.30.H29';
const SKIP_LINK = 'Bỏ qua đến nội dung chính';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/** What is still loading: antd's spinners and skeletons, and the portal's own spinner. */
const LOADING = '.ant-spin-spinning, .ant-skeleton-active, .lite-spin';

/** Waits until the page has loaded what it shows (its requests ended, nothing spinning). */
async function settled(page: Page, streaming = false): Promise<void> {
  if (!streaming) await page.waitForLoadState('networkidle');
  await page.locator('main').first().waitFor();
  await page.locator('h1').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, LOADING, {
    timeout: 30_000,
  });
}

/** Opens `path` and checks it; what is wrong is added to `problems`, so one run lists every page's problems. */
async function visit(page: Page, path: string, problems: string[], streaming = false): Promise<void> {
  try {
    if (path) await page.goto(path);
    await settled(page, streaming);
    await checkPage(page);
  } catch (err) {
    problems.push(`${path || page.url()}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** axe, the heading, the landmark and the skip link on the page as it is now. */
async function checkPage(page: Page): Promise<void> {
  const violations = await a11yViolations(page);
  assert.deepEqual(violations, [], `axe: ${violations.join(' | ')}`);
  assert.equal(await page.locator('h1').count(), 1, 'one h1');
  assert.equal(await page.locator('main, [role=main]').count(), 1, 'one main landmark');
  // The skip link: the first thing Tab reaches from the top of the page (a focused control before everything
  // else stands for the address bar), shown only then, and it moves the focus to the main content.
  await page.evaluate(() => {
    const start = document.createElement('button');
    document.body.prepend(start);
    start.focus();
  });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    document.body.firstElementChild?.remove();
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName} ${el.getAttribute('href')} ${el.textContent?.trim()}`.slice(0, 120) : '(none)';
  });
  assert.equal(
    focused,
    `A #main ${SKIP_LINK}`,
    `the first focusable element is the skip link, not ${focused}`,
  );
  const onScreen = () =>
    page.evaluate(() => {
      const r = document.querySelector('.skip-link')?.getBoundingClientRect();
      return !!r && r.bottom > 0 && r.right > 0 && r.width > 1 && r.height > 1;
    });
  assert.ok(await onScreen(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'main',
    'the skip link moves the focus to main',
  );
  assert.ok(!(await onScreen()), 'the skip link hides again without the focus');
}

describe('accessibility of every page of every face (axe, any impact)', () => {
  let e: E2E;
  let dossier: { id: string; code: string };
  let ticketId: string;
  /** A dossier of the seeded year, its result returned: a full history of steps and hand-overs. */
  let returned: string;
  /** The citizen's online dossier not accepted yet. */
  let waiting: string;
  /** A dossier at the leader's step. */
  let deciding: string;

  before(async () => {
    // Monday 23 November 2026, 09:00: the desk is open, counters too.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00', MOTCUA_SESSION_HOURS: '720' });
    await seedHistory(e.server.database, await e.server.app.calendar.forOfficeHours(), {
      dossiers: 150,
      years: 1,
      now: e.server.clock.now(),
      seed: 11,
    });
    // Two online dossiers of the citizen: one accepted at the desk (a history on both sides), one waiting.
    const citizen = await new Client(e.server.app).login('congdan', DEMO_PASSWORD);
    const submit = async () => {
      const r = await citizen.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        channel: 'online',
        agencyCode: SAIGON,
        applicant: {
          kind: 'citizen',
          fullName: 'Đặng Thị Mai',
          idNumber: '079192000123',
          phone: '0912345678',
        },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r;
    };
    const sub = await submit();
    waiting = (await submit()).body.id;
    const desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
    const accepted = await desk.post<{ code: string }>(`/api/v1/dossiers/${sub.body.id}/commands`, {
      action: 'accept',
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    dossier = { id: sub.body.id, code: accepted.body.code };
    // A dossier waiting for the leader's decision: its dialog is checked open.
    const third = await submit();
    for (const [who, body] of [
      [desk, { action: 'accept' }],
      [desk, { action: 'forward' }],
    ] as const) {
      const r = await who.post(`/api/v1/dossiers/${third.body.id}/commands`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const specialist = await new Client(e.server.app).login('chuyenvien', DEMO_PASSWORD);
    for (const action of ['claim', 'forward']) {
      const r = await specialist.post(`/api/v1/dossiers/${third.body.id}/commands`, { action });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    deciding = third.body.id;
    const done = await desk.get<{ items: { id: string }[] }>('/api/v1/dossiers?status=10&limit=1');
    assert.equal(done.status, 200, JSON.stringify(done.body));
    returned = done.body.items[0]!.id;
    const t = await new Client(e.server.app).post<{ id: string }>(
      `/api/v1/queue/agencies/${SAIGON}/tickets`,
      {
        fieldCode: 'HT',
      },
    );
    assert.equal(t.status, 201, JSON.stringify(t.body));
    ticketId = t.body.id;
  });
  after(() => e?.close());

  describe('the portal, anonymous, on a phone', () => {
    const pages = (): string[] => [
      '/',
      '/thu-tuc',
      '/thu-tuc/1.001193',
      '/tra-cuu',
      `/tra-cuu/${dossier.code}`,
      '/dang-nhap',
      '/dang-ky',
      '/quen-mat-khau',
      '/phan-anh-kien-nghi',
      '/dat-lich',
      '/minh-bach',
      '/xac-thuc',
      '/trang-khong-co',
    ];
    let page: Page;
    const consoleErrors: string[] = [];
    before(async () => {
      page = await e.newPage(PHONE);
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
      });
    });

    it('every public page', async () => {
      const problems: string[] = [];
      for (const path of pages()) {
        await visit(page, path, problems);
      }
      assert.deepEqual(problems, []);
    });

    for (const [name, viewport] of [
      ['a phone', PHONE],
      ['a computer', { viewport: { width: 1366, height: 768 } }],
    ] as const) {
      it(`keeps the procedure page still while it loads on ${name} (layout shift at most 0.1)`, async () => {
        const fresh = await e.newPage(viewport);
        await fresh.addInitScript(() => {
          const w = window as unknown as { shifts: string[]; cls: number };
          w.shifts = [];
          w.cls = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as unknown as {
              value: number;
              hadRecentInput: boolean;
              sources: { node?: Node }[];
            }[]) {
              if (entry.hadRecentInput) continue;
              w.cls += entry.value;
              w.shifts.push(
                `${entry.value.toFixed(3)}: ${entry.sources.map((x) => x.node?.nodeName ?? '?').join(', ')}`,
              );
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        for (const code of ['1.001193', '1.004194']) {
          await fresh.goto(`/thu-tuc/${code}`, { waitUntil: 'networkidle' });
          await fresh.getByText('Nếu hồ sơ được tiếp nhận ngay bây giờ').waitFor();
          await fresh.waitForTimeout(500);
          // Every shift counts (the sum, not only the worst window of CLS): stricter than Lighthouse.
          const { cls, shifts } = await fresh.evaluate(() => {
            const w = window as unknown as { shifts: string[]; cls: number };
            return { cls: w.cls, shifts: w.shifts };
          });
          assert.ok(cls <= 0.1, `layout shift ${cls.toFixed(3)} on /thu-tuc/${code}: ${shifts.join(' | ')}`);
        }
        await fresh.close();
      });
    }

    it('the page following a queue ticket (a stream)', async () => {
      const problems: string[] = [];
      await page.goto(`/hang-doi/${ticketId}`);
      await page.getByText('Số thứ tự').first().waitFor();
      await visit(page, '', problems, true);
      assert.deepEqual(problems, []);
    });

    it('logs no console error for an anonymous visitor (no 401 from asking who is signed in)', async () => {
      assert.deepEqual(consoleErrors, []);
    });
  });

  /** Signs `username` in on a fresh page at `first`, then checks each page of `paths`. */
  const face = (username: string, paths: () => string[], opts: Parameters<E2E['newPage']>[0] = {}) =>
    it(`every page ${username} works on`, async () => {
      const page = await e.newPage(opts);
      const list = paths();
      await signIn(page, list[0]!, username, DEMO_PASSWORD);
      await page.getByLabel('Mật khẩu').waitFor({ state: 'detached' });
      const problems: string[] = [];
      for (const path of list) {
        await visit(page, path, problems);
      }
      assert.deepEqual(problems, []);
    });

  describe('the portal, signed in as a citizen, on a phone', () => {
    face(
      'congdan',
      () => [
        '/ho-so-cua-toi',
        `/ho-so-cua-toi/${dossier.id}`,
        '/tai-khoan',
        `/thu-tuc/1.004194/nop/da-nop/${waiting}`,
        '/thu-tuc/1.004194/nop',
        '/',
      ],
      PHONE,
    );
  });

  describe('the desk', () => {
    face('tiepnhan', () => [
      '/desk',
      '/desk/quay',
      '/desk/tiep-nhan',
      '/desk/xu-ly',
      `/desk/ho-so/${dossier.id}`,
      `/desk/ho-so/${returned}`,
      '/desk/tra-ket-qua',
      '/desk/giao-buu-chinh',
      '/desk/so-theo-doi',
      '/desk/phan-anh',
      '/desk/thong-ke-xep-hang',
    ]);
    face('chuyenvien', () => ['/desk', '/desk/xu-ly?list=mine', `/desk/ho-so/${dossier.id}`]);
    face('lanhdao', () => ['/desk', '/desk/thong-ke', '/desk/xu-ly?list=approval']);

    it('every tab of the statistics, with a year of dossiers, as the leader', async () => {
      const page = await e.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, '/desk/thong-ke', 'lanhdao', DEMO_PASSWORD);
      await page.getByRole('img', { name: 'Biểu đồ tiếp nhận và giải quyết theo tháng' }).waitFor();
      const problems: string[] = [];
      await visit(page, '', problems);
      for (const tab of [
        'Báo cáo giải quyết hồ sơ',
        'Bộ chỉ số 766',
        'Hài lòng, phản ánh',
        'Xếp hàng tại quầy',
      ]) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).waitFor();
        await visit(page, '', problems);
      }
      assert.deepEqual(problems, []);
    });

    it('lets a keyboard scroll the register when its table is wider than the screen', async () => {
      const page = await e.newPage({ viewport: { width: 1024, height: 768 } });
      // The register opens on this month of the browser's clock: the server's day, when the year was seeded.
      await page.clock.setFixedTime(e.server.clock.now());
      await signIn(page, '/desk/so-theo-doi', 'tiepnhan', DEMO_PASSWORD);
      await page.locator('.ant-table-row').first().waitFor();
      const box = page.locator('.ant-table-content');
      assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls sideways');
      assert.equal(await box.getAttribute('tabindex'), '0');
      await page.getByRole('region', { name: /Sổ theo dõi hồ sơ/ }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('End');
      await page.waitForFunction(() => (document.querySelector('.ant-table-content')?.scrollLeft ?? 0) > 0);
      await e.shot(page, 'a11y-register-focused');
      // On a screen wide enough for every column, the box does not scroll and stays out of the Tab order.
      await page.setViewportSize({ width: 1920, height: 900 });
      await page.waitForFunction(
        () => !document.querySelector('.ant-table-content')?.hasAttribute('tabindex'),
      );
      assert.equal(await page.getByRole('region', { name: /Sổ theo dõi hồ sơ/ }).count(), 0);
    });
  });

  describe('the administration', () => {
    face('quantri', () => [
      '/admin/co-quan',
      '/admin/nguoi-dung',
      '/admin/lich-lam-viec',
      '/admin/linh-vuc',
      '/admin/quyet-dinh',
      '/admin/nhap-xuat',
      '/admin/thu-tuc-co-quan',
      '/admin/quy-trinh',
      '/admin/quay',
    ]);
  });

  describe('dialogs and drawers, open', () => {
    /** Opens what `open` clicks, waits for it, checks axe with it open, closes it with Escape. */
    const checkOpen = async (page: Page, what: string, open: () => Promise<void>, problems: string[]) => {
      try {
        await open();
        await page.locator('.ant-modal-container, .ant-drawer-section').first().waitFor();
        await page
          .locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter')
          .first()
          .waitFor({ state: 'detached' });
        const violations = await a11yViolations(page);
        if (violations.length) problems.push(`${what}: ${violations.join(' | ')}`);
        // Escape closes what is on top: an open list first, then the dialog.
        const panel = page.locator('.ant-modal-container, .ant-drawer-section').first();
        for (let i = 0; i < 3 && (await panel.isVisible()); i++) {
          await page.keyboard.press('Escape');
          await panel.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
        }
        await panel.waitFor({ state: 'hidden' });
      } catch (err) {
        problems.push(`${what}: ${(err as Error).message.split('\n')[0]}`);
      }
    };

    it('the desk’s action dialogs, the leader’s decision with its list open', async () => {
      const problems: string[] = [];
      const page = await e.newPage();
      await signIn(page, `/desk/ho-so/${dossier.id}`, 'tiepnhan', DEMO_PASSWORD);
      for (const name of ['Yêu cầu bổ sung', 'Chuyển bước tiếp']) {
        await page.getByRole('button', { name, exact: true }).waitFor();
        await checkOpen(page, name, () => page.getByRole('button', { name, exact: true }).click(), problems);
      }
      const leader = await e.newPage();
      await signIn(leader, `/desk/ho-so/${deciding}`, 'lanhdao', DEMO_PASSWORD);
      await checkOpen(
        leader,
        'Phê duyệt / từ chối (danh sách mở)',
        async () => {
          await leader.getByRole('button', { name: 'Phê duyệt / từ chối', exact: true }).click();
          await leader.locator('.ant-modal').getByLabel('Quyết định').click();
          await leader.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor();
        },
        problems,
      );
      assert.deepEqual(problems, []);
    });

    it('the administration’s drawers for a new agency and a new user', async () => {
      const problems: string[] = [];
      const page = await e.newPage();
      await signIn(page, '/admin/co-quan', 'quantri', DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Thêm cơ quan' }).waitFor();
      await checkOpen(
        page,
        'Thêm cơ quan',
        () => page.getByRole('button', { name: 'Thêm cơ quan' }).click(),
        problems,
      );
      await page.goto('/admin/nguoi-dung');
      await page.getByRole('button', { name: 'Thêm người dùng' }).waitFor();
      await checkOpen(
        page,
        'Thêm người dùng',
        () => page.getByRole('button', { name: 'Thêm người dùng' }).click(),
        problems,
      );
      assert.deepEqual(problems, []);
    });
  });

  describe('the kiosks and the TV board', () => {
    it('the sign-in pages of the desk and the administration', async () => {
      const page = await e.newPage();
      const problems: string[] = [];
      for (const path of ['/desk', '/admin/co-quan']) {
        await page.goto(path);
        await page.getByLabel('Tên đăng nhập').waitFor();
        await visit(page, '', problems);
      }
      assert.deepEqual(problems, []);
    });

    it('the lookup kiosk, the queue kiosk and the board', async () => {
      const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
      const problems: string[] = [];
      for (const path of [
        '/kiosk/lookup',
        '/kiosk/lookup/tim?q=khai%20sinh',
        '/kiosk/lookup/thu-tuc/1.001193',
        '/kiosk/queue',
      ]) {
        await visit(kiosk, path, problems);
      }
      // The queue kiosk of an agency, and the TV board: both follow the queue as it changes (a stream).
      await kiosk.goto(`/kiosk/queue?agency=${SAIGON}&print=0`);
      await kiosk.getByRole('button', { name: /Hộ tịch/ }).waitFor();
      await visit(kiosk, '', problems, true);
      const board = await e.newPage({ viewport: { width: 1920, height: 1080 } });
      await board.goto(`/display/${SAIGON}`);
      await board.getByText('Đang kết nối').waitFor();
      await visit(board, '', problems, true);
      assert.deepEqual(problems, []);
    });
  });
});
