// Issue 18, "proof in the browser": three app instances on one PostgreSQL, their files in an S3-protocol store,
// behind HAProxy configured by the repository's own deploy/haproxy/haproxy.cfg. The counter → specialist →
// leader → return journey and a citizen's online submission go through the balancer while one instance is
// killed; a kiosk ticket taken on one instance reaches TV boards connected to the others.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { pdfFile } from '../support/files';
import { balancedServers } from '../support/haproxy';
import { freePort, ROOT, type ServerProcess, spawnServer, untilHealthy } from '../support/processes';
import { S3_CREDENTIALS, startS3 } from '../support/s3';
import { createPgDatabase, SERVER_VARS, skipUnlessPostgres } from '../support/server';
import { confirmDialog, type E2E, it, openBrowser, pickProcedure, signIn, WEB_DIR } from './harness';
import { phoneJourney } from './timed-journeys';

const SAIGON = '000.01.30.H29';
const BUCKET = 'motcua-cluster';
const HAPROXY_CFG = join(ROOT, 'deploy/haproxy/haproxy.cfg');
/** Debian puts it in /usr/sbin, which an ordinary user's PATH may lack. */
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

/** Whether HAProxy is installed (Debian's `haproxy`; `.ci/run` installs it). Under CI its absence is a failure. */
function haproxyMissing(): string | false {
  const r = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8' });
  if (r.status === 0) return false;
  if (process.env.CI === 'true') throw new Error('haproxy is not installed (apt-get install haproxy)');
  return 'haproxy is not installed (apt-get install haproxy)';
}

interface Instance {
  name: string;
  base: string;
  proc: ServerProcess;
  dataDir: string;
}

interface Balancer {
  child: ChildProcess;
  output: () => string;
  stats: string;
}

/** Waits until `ok` answers true; an assertion failing inside `ok` fails at once, any other error waits on. */
async function until(what: string, ok: () => Promise<boolean>, boundMs = 60_000): Promise<void> {
  const end = Date.now() + boundMs; // a bound for a broken cluster, not a measure of speed
  const answer = () =>
    ok().catch((err: unknown) => {
      if (err instanceof assert.AssertionError) throw err;
      return false;
    });
  while (!(await answer())) {
    assert.ok(Date.now() < end, `${what}: not after ${boundMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('three instances behind HAProxy on one PostgreSQL, files in S3', {
  skip: (await skipUnlessPostgres('postgres')) || haproxyMissing(),
}, () => {
  let e: Omit<E2E, 'server'>;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let s3: Awaited<ReturnType<typeof startS3>>;
  const instances: Instance[] = [];
  let lb: Balancer;

  before(async () => {
    db = await createPgDatabase();
    s3 = await startS3(BUCKET);
    // The three start together on the empty database: they take turns at migrating and seeding (job-lease.test.ts).
    const starting = [1, 2, 3].map(async (n) => {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), `motcua-cluster-${n}-`));
      const proc = spawnServer({
        ...SERVER_VARS,
        ...S3_CREDENTIALS,
        // One clock for the cluster: the test clock, not moved by this test, starts at the same instant on each.
        MOTCUA_CLOCK_START: '2026-11-23T08:00:00+07:00',
        PORT: String(port),
        DATABASE_URL: db.url,
        MOTCUA_DATA_DIR: dataDir,
        MOTCUA_STORAGE: `s3://${BUCKET}/files?endpoint=${s3.endpoint}&region=us-east-1`,
        MOTCUA_WEB_DIR: WEB_DIR,
        MOTCUA_TRUST_PROXY: 'loopback',
        LOG_LEVEL: 'warn',
      });
      const instance = { name: `app${n}`, base: `http://127.0.0.1:${port}`, proc, dataDir };
      instances.push(instance);
      await untilHealthy(instance.base, proc);
      return instance;
    });
    await Promise.all(starting);
    instances.sort((a, b) => a.name.localeCompare(b.name));

    const [bind, stats] = [await freePort(), await freePort()];
    const child = spawn(HAPROXY, ['-db', '-f', HAPROXY_CFG], {
      env: {
        ...process.env,
        MOTCUA_LB_BIND: `127.0.0.1:${bind}`,
        MOTCUA_LB_STATS: `127.0.0.1:${stats}`,
        ...Object.fromEntries(instances.map((i, k) => [`MOTCUA_APP${k + 1}`, i.base.replace('http://', '')])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    lb = { child, output: () => output, stats: `http://127.0.0.1:${stats}` };
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await until('HAProxy sees the three instances up', async () => {
      assert.ok(!exited, `HAProxy stopped:\n${output}`);
      const s = await balancedServers(lb.stats);
      return s.size === 3 && [...s.values()].every((v) => v.status === 'UP');
    });
    e = await openBrowser(`http://127.0.0.1:${bind}`);
  });

  after(async () => {
    await e?.close();
    lb?.child.kill('SIGTERM');
    for (const i of instances) {
      i.proc.child.kill('SIGTERM');
      await i.proc.exited;
      rmSync(i.dataDir, { recursive: true, force: true });
    }
    await s3?.stop();
    await db?.drop();
  });

  it('a kiosk ticket taken on one instance and called on another is announced on boards connected to the third', async () => {
    const [one, two, three] = instances as [Instance, Instance, Instance];
    // A board on the third instance itself, and one through the balancer (whichever instance it reached).
    const boards = [await e.newPage(), await e.newPage()];
    await boards[0]!.goto(`${three.base}/display/${SAIGON}`);
    await boards[1]!.goto(`/display/${SAIGON}`);
    for (const b of boards) await b.getByText('Đang kết nối').waitFor();
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${one.base}/kiosk/queue?agency=${SAIGON}&print=0`);
    // Civil status (hộ tịch), a field of counter 1.
    await kiosk
      .getByRole('button', { name: /Hộ tịch/ })
      .first()
      .click();
    await kiosk.getByTestId('ticket-number').getByText('001').waitFor();
    for (const b of boards)
      await b.locator('li', { hasText: 'Hộ tịch' }).locator('b').getByText('1', { exact: true }).waitFor();
    // The officer of counter 1, on the second instance, calls it.
    const counter = await e.newPage();
    await signIn(counter, `${two.base}/desk/quay`, 'tiepnhan', DEMO_PASSWORD);
    await counter.getByRole('button', { name: 'Mở quầy số 1' }).click();
    await counter.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    for (const b of boards) {
      await b
        .getByTestId('announcement')
        .getByText(/Mời số 1 đến quầy số 1/)
        .waitFor();
      await b.getByTestId('counter-1').getByText('001').waitFor();
    }
    await e.shot(boards[0]!, 'cluster-board');
  });

  it('lets a citizen register through the balancer and read the code on any instance (development sink)', async () => {
    const phone = '0912777001';
    const r = await fetch(`${e.baseUrl}/api/v1/accounts/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountKind: 'person',
        fullName: 'Trịnh Thị Cụm',
        phone,
        password: 'matkhau-cong-dan-1',
        confirmPassword: 'matkhau-cong-dan-1',
      }),
    });
    assert.equal(r.status, 201, await r.text());
    // Whichever instance sent it, every instance shows it (it was only the sender's, in memory, before).
    const codes = new Set<string>();
    for (const i of instances) {
      let code: string | undefined;
      await until(`the code on ${i.name}`, async () => {
        const m = await (await fetch(`${i.base}/api/v1/dev/messages?to=${phone}`)).json();
        code = /\b(\d{6})\b/.exec((m as { items: { text: string }[] }).items[0]?.text ?? '')?.[1];
        return code !== undefined;
      });
      codes.add(code!);
    }
    assert.equal(codes.size, 1, 'one code, the same everywhere');
    const verified = await fetch(`${e.baseUrl}/api/v1/accounts/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, code: [...codes][0] }),
    });
    assert.ok(verified.ok, `verified: ${verified.status} ${await verified.text()}`);
  });

  it('completes the counter, specialist, leader and return journey and an online submission while an instance dies', async () => {
    const [, two] = instances as [Instance, Instance, Instance];
    // The citizen submits from a phone, through the balancer, at the same time as the desk works.
    const phone = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const citizen = phoneJourney(phone);

    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'dang ky tam tru', '1.004194');
    await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await page
      .getByLabel('Mã QR căn cước')
      .fill('079090001234|025111222|Phạm Văn Khoa|01011990|Nam|45 Nguyễn Huệ, Phường Sài Gòn|01072021');
    await page.getByLabel('Mã QR căn cước').press('Enter');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909123456');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText(/Đã tiếp nhận hồ sơ 000\.01\.30\.H29-\d{6}-\d{4}/).waitFor();
    const scan = pdfFile('Tờ khai CT01 — cụm ba máy chủ');
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles({
      name: 'to-khai-ct01.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await page.locator('.ant-upload-list-item-done', { hasText: 'to-khai-ct01.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
    await page.getByRole('button', { name: 'Chuyển bước tiếp' }).click();
    await confirmDialog(page, 'Chuyển bước tiếp');
    await page.locator('.ant-timeline').getByText('Chuyển xử lý').waitFor();
    const dossierUrl = page.url();

    // Mid-journey, the second instance dies at once (kill -9: no goodbye to the balancer or the database).
    two.proc.child.kill('SIGKILL');
    await two.proc.exited;

    const as = async (username: string) => {
      const p = await e.newPage();
      await p.goto(dossierUrl);
      await p.getByLabel('Tên đăng nhập').fill(username);
      await p.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.getByText('Quá trình xử lý').waitFor();
      return p;
    };
    const specialist = await as('chuyenvien');
    await specialist.getByRole('button', { name: 'Nhận xử lý', exact: true }).click();
    await specialist.getByText('Đã nhận xử lý hồ sơ.').waitFor();
    await specialist.getByRole('button', { name: 'Chuyển bước tiếp', exact: true }).first().click();
    await specialist.getByLabel('Ghi chú (nếu có)').fill('Hồ sơ hợp lệ, trình lãnh đạo phê duyệt');
    await confirmDialog(specialist, 'Chuyển bước tiếp');
    await specialist.getByText('Hồ sơ hợp lệ, trình lãnh đạo phê duyệt').waitFor();
    // The scan, stored in S3 by whichever instance received it, comes back whole from every instance left.
    const href = await specialist.getByRole('link', { name: 'to-khai-ct01.pdf' }).getAttribute('href');
    for (let k = 0; k < 4; k++) {
      const r = await specialist.request.get(href!);
      assert.equal(r.status(), 200);
      assert.deepEqual(Buffer.from(await r.body()), scan);
    }

    const leader = await as('lanhdao');
    await leader.getByRole('button', { name: 'Phê duyệt / từ chối', exact: true }).click();
    await leader.getByLabel('Ý kiến').fill('Đồng ý cấp');
    await confirmDialog(leader, 'Phê duyệt');
    await leader.getByText('Đã xử lý xong').first().waitFor();

    const desk = await as('tiepnhan');
    await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).first().click();
    await desk.getByLabel('Người nhận kết quả (họ tên)').fill('Phạm Văn Khoa');
    await desk.getByLabel('Số định danh người nhận').fill('079090001234');
    await confirmDialog(desk, 'Trả kết quả');
    await desk.getByText('Đã trả kết quả').first().waitFor();
    await e.shot(desk, 'cluster-returned');

    const { dossierId } = await citizen;
    assert.ok(dossierId, 'the citizen was shown the submitted dossier');
    await phone.getByText('Đã nộp hồ sơ trực tuyến').waitFor();
    await e.shot(phone, 'cluster-submitted');

    // The balancer took the dead instance out and sent nothing a person saw to it.
    const stats = await balancedServers(lb.stats);
    assert.notEqual(stats.get('app2')?.status, 'UP', `app2 is out of service: ${JSON.stringify([...stats])}`);
    assert.equal(stats.get('app1')?.status, 'UP');
    assert.equal(stats.get('app3')?.status, 'UP');
    console.log(`cluster: HAProxy after the kill ${JSON.stringify(Object.fromEntries(stats))}`);
  });
});
