// `npm run bench:peak`: a province's peak morning over HTTP (issue 18, "Measure").
//
// One PostgreSQL database filled with years of history (`scripts/seed-history.mts`, kept between runs), then
// one and two app instances behind HAProxy (deploy/haproxy/haproxy.cfg as it is), each loaded at a few
// concurrency levels with a mix of what the desk, citizens, the portal's anonymous lookup and the kiosk send
// (bench/peak-day-ops.ts). Per level and operation: requests, rate, p50/p95/p99, refusals; per instance: RSS
// and CPU. Then the highest total rate that kept every answer 2xx with the desk's p95 under 150 ms and public
// tracking's under 50 ms.
//
//   PEAK_DB          database name                        (default motcua_peak; created and seeded if absent)
//   PEAK_DOSSIERS    dossiers of history it must hold      (default 1000000)
//   PEAK_LEVELS      total connections per level           (default 8,16,32)
//   PEAK_SECONDS     measured seconds per level            (default 30)
//   PEAK_WARMUP      warm-up seconds before each level     (default 5)
//   PEAK_INSTANCES   instance counts to run                (default 1,2)
//   PEAK_PG          PostgreSQL server                     (default postgres://postgres@127.0.0.1:5432)
//
// A run with PEAK_DOSSIERS ≥ 1,000,000 writes its report to docs/bench/peak-day-<date>.json; a smaller one
// (a smoke run) to the temporary directory. All traffic goes to 127.0.0.1; the X-Forwarded-For addresses are
// only a header, so that per-address limits count many citizens.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo-data';
import { balancedServers } from '../tests/support/haproxy';
import { freePort, ROOT, type ServerProcess, spawnServer, untilHealthy } from '../tests/support/processes';
import {
  connectionsFor,
  type Fixtures,
  FreshDossiers,
  type Operation,
  operations,
  SAIGON,
  type Summary,
  summarize,
  Tally,
} from './peak-day-ops';

const env = process.env;
const DB = env.PEAK_DB ?? 'motcua_peak';
const DOSSIERS = Number(env.PEAK_DOSSIERS ?? 1_000_000);
const LEVELS = (env.PEAK_LEVELS ?? '8,16,32').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(env.PEAK_SECONDS ?? 30);
const WARMUP = Number(env.PEAK_WARMUP ?? 5);
const INSTANCES = (env.PEAK_INSTANCES ?? '1,2').split(',').map((s) => Number(s.trim()));
const PG_SERVER = (env.PEAK_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const ADMIN_PASSWORD = 'peak-day-admin-1';
const HAPROXY = '/usr/sbin/haproxy';
const HAPROXY_CFG = join(ROOT, 'deploy/haproxy/haproxy.cfg');
/** Thresholds of "sustained" (issue 18). */
const DESK_P95_MS = 150;
const PUBLIC_P95_MS = 50;

if (!/^[a-z_][a-z0-9_]*$/.test(DB)) throw new Error(`PEAK_DB must be a plain lower-case name, not ${DB}`);
if (!Number.isInteger(DOSSIERS) || DOSSIERS < 1) throw new Error('PEAK_DOSSIERS must be a positive integer');
for (const n of LEVELS) if (!Number.isInteger(n) || n < 1) throw new Error(`bad PEAK_LEVELS entry ${n}`);
for (const n of INSTANCES)
  if (!Number.isInteger(n) || n < 1 || n > 3) throw new Error('PEAK_INSTANCES: 1 to 3 (HAProxy has 3 slots)');
if (!(SECONDS > 0) || !(WARMUP >= 0)) throw new Error('PEAK_SECONDS must be > 0 and PEAK_WARMUP ≥ 0');

const DATABASE_URL = `${PG_SERVER}/${DB}`;

// ---- what is running, stopped on every way out -------------------------------------------------------------

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let stopping = false;

async function stopChild(c: ChildProcess, boundMs = 15_000): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) {
    children.delete(c);
    return;
  }
  const gone = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), boundMs);
  await gone;
  clearTimeout(timer);
  children.delete(c);
}

async function cleanUp(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    console.error(`\n${signal}: stopping the instances and HAProxy…`);
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(d);
  return d;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the database ------------------------------------------------------------------------------------------

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates and seeds the database when it is absent; returns how many dossiers it holds. */
async function ensureDatabase(): Promise<number> {
  const exists = await withClient(`${PG_SERVER}/postgres`, async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [DB]);
    if (r.rowCount) return true;
    await c.query(`create database ${DB}`);
    return false;
  });
  if (!exists) {
    console.log(`database ${DB}: created; seeding ${DOSSIERS.toLocaleString('en')} dossiers over 3 years…`);
    const t0 = performance.now();
    await seed();
    console.log(`database ${DB}: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const n = await withClient(DATABASE_URL, async (c) =>
    Number((await c.query('select count(*)::bigint as n from dossiers')).rows[0].n),
  );
  if (n < DOSSIERS) {
    // Never dropped here: seeding a million takes long, and what is there may be someone's.
    throw new Error(
      `database ${DB} holds ${n.toLocaleString('en')} dossiers, fewer than PEAK_DOSSIERS=${DOSSIERS.toLocaleString('en')} ` +
        `(an interrupted seed?). Drop it (dropdb -h 127.0.0.1 -U postgres ${DB}) to seed it anew, or use another PEAK_DB.`,
    );
  }
  console.log(
    `database ${DB}: ${n.toLocaleString('en')} dossiers (needs ≥ ${DOSSIERS.toLocaleString('en')})`,
  );
  return n;
}

/** `scripts/seed-history.mts` as a child process, its progress printed as it goes. */
function seed(): Promise<void> {
  const inherited = { ...env };
  for (const k of Object.keys(inherited))
    if (k === 'DATABASE_URL' || k.startsWith('MOTCUA_')) delete inherited[k];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/seed-history.mts', '--dossiers', String(DOSSIERS), '--years', '3'],
    {
      cwd: ROOT,
      env: {
        ...inherited,
        DATABASE_URL,
        MOTCUA_DATA_DIR: tempDir('motcua-peak-seed-'),
        MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
        MOTCUA_PASSWORD_COST: '14',
        MOTCUA_CLOCK: 'system',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  children.add(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`seed-history exited with ${code ?? signal}`));
    });
  });
}

/** Ids, names and codes the operations pick from, read from the seeded history. */
async function sample(total: number): Promise<Omit<Fixtures, 'desk' | 'citizen' | 'fieldCodes'>> {
  return withClient(DATABASE_URL, async (c) => {
    const agency = (await c.query('select id from agencies where code = $1', [SAIGON])).rows[0]?.id;
    if (!agency) throw new Error(`agency ${SAIGON} (Phường Sài Gòn, the demo desk's) is missing`);
    const percent = Math.min(100, (20_000 / Math.max(1, total)) * 100);
    const mine = (
      await c.query<{ id: string; applicant_name: string }>(
        `select id, applicant_name from dossiers tablesample system (${percent}) where agency_id = $1 limit 3000`,
        [agency],
      )
    ).rows;
    const codes = (
      await c.query<{ code: string }>(
        `select code from dossiers tablesample system (${percent}) where code is not null limit 3000`,
      )
    ).rows.map((r) => r.code);
    if (mine.length < 10 || codes.length < 10) throw new Error('too few seeded dossiers to sample from');
    const names = mine.flatMap((r) => {
      const words = r.applicant_name.trim().split(/\s+/);
      return words.length >= 3 ? [r.applicant_name, words.slice(-2).join(' ')] : [r.applicant_name];
    });
    return { dossierIds: mine.map((r) => r.id), names, codes };
  });
}

// ---- the cluster -------------------------------------------------------------------------------------------

interface Instance {
  name: string;
  base: string;
  proc: ServerProcess;
}
interface Cluster {
  instances: Instance[];
  haproxy: ChildProcess;
  base: string;
  stats: string;
}

async function startCluster(n: number): Promise<Cluster> {
  const instances = await Promise.all(
    Array.from({ length: n }, async (_, k) => {
      const port = await freePort();
      const proc = spawnServer({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL,
        MOTCUA_DATA_DIR: tempDir(`motcua-peak-app${k + 1}-`),
        MOTCUA_WEB_DIR: join(ROOT, 'dist/web'),
        MOTCUA_CLOCK: 'system',
        MOTCUA_TRUST_PROXY: 'loopback',
        MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE: '1000000',
        MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
      });
      children.add(proc.child);
      const i = { name: `app${k + 1}`, base: `http://127.0.0.1:${port}`, proc };
      await untilHealthy(i.base, proc);
      return i;
    }),
  );
  const [bind, stats, nowhere] = [await freePort(), await freePort(), await freePort()];
  const slots = [1, 2, 3].map((k) => [
    `MOTCUA_APP${k}`,
    instances[k - 1]?.base.replace('http://', '') ?? `127.0.0.1:${nowhere}`,
  ]);
  const haproxy = spawn(HAPROXY, ['-db', '-f', HAPROXY_CFG], {
    env: {
      ...env,
      MOTCUA_LB_BIND: `127.0.0.1:${bind}`,
      MOTCUA_LB_STATS: `127.0.0.1:${stats}`,
      ...Object.fromEntries(slots),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(haproxy);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-10_000);
  };
  haproxy.stdout?.on('data', keep);
  haproxy.stderr?.on('data', keep);
  const cluster = {
    instances,
    haproxy,
    base: `http://127.0.0.1:${bind}`,
    stats: `http://127.0.0.1:${stats}`,
  };
  // In service: the instances UP, the empty slots DOWN (so no request is first tried on them).
  const end = Date.now() + 60_000;
  for (;;) {
    if (haproxy.exitCode !== null) throw new Error(`HAProxy stopped:\n${output}`);
    const s = await serverStatus(cluster).catch(() => new Map<string, string>());
    const want = (k: number) => (k <= n ? 'UP' : 'DOWN');
    if (s.size === 3 && [1, 2, 3].every((k) => s.get(`app${k}`)?.startsWith(want(k)))) break;
    if (Date.now() > end)
      throw new Error(`HAProxy: servers not as expected after 60 s: ${[...s]}\n${output}`);
    await sleep(200);
  }
  return cluster;
}

async function serverStatus(c: { stats: string }): Promise<Map<string, string>> {
  return new Map([...(await balancedServers(c.stats))].map(([name, s]) => [name, s.status]));
}

async function stopCluster(c: Cluster): Promise<void> {
  await stopChild(c.haproxy);
  await Promise.all(c.instances.map((i) => stopChild(i.proc.child)));
}

// ---- talking to it -----------------------------------------------------------------------------------------

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${text}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('motcua_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

async function fixtures(base: string, dossiers: number): Promise<Fixtures> {
  const [desk, citizen, sampled] = [
    await login(base, 'tiepnhan'),
    await login(base, 'congdan'),
    await sample(dossiers),
  ];
  const board = (await (await fetch(`${base}/api/v1/queue/agencies/${SAIGON}/board`)).json()) as {
    fields?: { code: string }[];
  };
  const fieldCodes = (board.fields ?? []).map((f) => f.code);
  if (fieldCodes.length === 0) throw new Error(`the kiosk of ${SAIGON} serves no field today`);
  return { desk, citizen, fieldCodes, ...sampled };
}

/** Sends one request of an operation as its autocannon connection would (setupRequest, onResponse). */
async function send(
  base: string,
  request: autocannon.Request,
  context: Record<string, unknown>,
): Promise<{ status: number; text: string; label: string }> {
  const setup = request.setupRequest as
    | ((r: autocannon.Request, c: object) => autocannon.Request)
    | undefined;
  const req = setup ? setup({ ...request, headers: { ...request.headers } }, context) : request;
  const method = req.method ?? 'GET';
  const r = await fetch(`${base}${req.path}`, {
    method,
    headers: req.headers as Record<string, string>,
    ...(method === 'GET' || !req.body ? {} : { body: req.body as string }),
  });
  const text = await r.text();
  (request.onResponse as ((s: number, b: string) => void) | undefined)?.(r.status, text);
  return { status: r.status, text, label: `${method} ${req.path}` };
}

/** Counter dossiers for the command to forward, made before a level so that it does not start empty. */
async function fillFresh(base: string, f: Fixtures, fresh: FreshDossiers, target: number): Promise<void> {
  const intake = operations(f, fresh).find((o) => o.name === 'counter intake')!.steps[0]!.request;
  const one = async () => {
    const r = await send(base, intake, {});
    if (r.status !== 201) throw new Error(`counter intake refused: ${r.status} ${r.text.slice(0, 300)}`);
  };
  while (fresh.size < target) {
    await Promise.all(Array.from({ length: Math.min(4, target - fresh.size) }, one));
  }
}

/**
 * Each operation's requests once, in order, before any load: a refusal stops the run here with its answer,
 * and the name search must find dossiers (names taken from the seeded history).
 */
async function preflight(base: string, f: Fixtures, fresh: FreshDossiers): Promise<void> {
  await fillFresh(base, f, fresh, 1);
  for (const o of operations(f, fresh)) {
    const context: Record<string, unknown> = {};
    for (const step of o.steps) {
      const r = await send(base, step.request, context);
      if (r.status < 200 || r.status >= 300)
        throw new Error(`${step.label}: ${r.label} answered ${r.status} ${r.text.slice(0, 300)}`);
    }
  }
  const name = f.names[0]!;
  const found = (await (
    await fetch(`${base}/api/v1/dossiers?q=${encodeURIComponent(name)}&limit=50`, {
      headers: { cookie: f.desk },
    })
  ).json()) as { items?: unknown[] };
  if (!found.items?.length) throw new Error(`the desk's search for "${name}" found nothing`);
}

// ---- one level ---------------------------------------------------------------------------------------------

interface ProcSample {
  rssMb: number[];
  ticks0: number;
  ticks1: number;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
/** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** Samples each process's RSS every second and its CPU time, until `stop` is called. */
function watch(pids: number[]): { stop: () => ProcSample[] } {
  const s = pids.map((pid) => ({ rssMb: [rssMb(pid)], ticks0: cpuTicks(pid), ticks1: 0 }));
  const timer = setInterval(() => {
    pids.forEach((pid, k) => {
      try {
        s[k]!.rssMb.push(rssMb(pid));
      } catch {
        /* the process is gone; its death shows as errors */
      }
    });
  }, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      pids.forEach((pid, k) => {
        try {
          s[k]!.ticks1 = cpuTicks(pid);
        } catch {
          s[k]!.ticks1 = s[k]!.ticks0;
        }
      });
      return s;
    },
  };
}

interface OpResult extends Summary {
  label: string;
  operation: string;
  actor: string;
  connections: number;
}
interface ProcResult {
  name: string;
  rssMaxMb: number;
  rssMeanMb: number;
  cpuPercent: number;
}
interface LevelResult {
  /** Connections asked for (PEAK_LEVELS) and opened: each operation has at least one. */
  requested: number;
  connections: number;
  seconds: number;
  loadAverage: number;
  total: { requests: number; perSecond: number; non2xx: number; errors: number };
  ops: OpResult[];
  processes: ProcResult[];
  loadGeneratorCpuPercent: number;
  command: { prefilled: number; forwarded: number; replays: number };
  /** How far from the thresholds: the largest p95 / threshold of the operations they apply to (< 1 meets). */
  worstRatio: number;
  sustained: boolean;
}

/** Runs every operation at once, each on its own autocannon with its share of `total` connections. */
async function load(
  base: string,
  ops: Operation[],
  total: number,
  seconds: number,
): Promise<{ tallies: Map<string, Tally>; connections: number[]; elapsed: number }> {
  const connections = connectionsFor(ops, total);
  const tallies = new Map<string, Tally>();
  for (const o of ops) for (const s of o.steps) tallies.set(s.label, new Tally());
  const t0 = performance.now();
  await Promise.all(
    ops.map((o, k) => {
      // Which kind of request was just answered: `onResponse` runs for it right before autocannon's
      // 'response' event for the same client, synchronously, so one variable carries the label across.
      let answered = o.steps[0]!.label;
      const requests = o.steps.map((s) => {
        const own = s.request.onResponse as ((status: number, body: string) => void) | undefined;
        return {
          ...s.request,
          onResponse: (status: number, body: string) => {
            answered = s.label;
            if (status < 200 || status >= 300) tallies.get(s.label)!.refused(status, body);
            own?.(status, body);
          },
        };
      });
      return new Promise<void>((resolve, reject) => {
        const inst = autocannon(
          { url: base, connections: connections[k]!, duration: seconds, timeout: 10, requests },
          (err, result) => {
            if (err) return reject(err);
            // Connection errors and timeouts (not tied to a request kind): the operation's first step.
            tallies.get(o.steps[0]!.label)!.errors += result.errors;
            resolve();
          },
        );
        inst.on('response', (_client, _status, _bytes, ms) => tallies.get(answered)!.record(ms));
      });
    }),
  );
  return { tallies, connections, elapsed: (performance.now() - t0) / 1000 };
}

const THRESHOLD: Record<string, number | undefined> = { desk: DESK_P95_MS, public: PUBLIC_P95_MS };

async function level(
  cluster: Cluster,
  f: Fixtures,
  fresh: FreshDossiers,
  total: number,
  prefill: number,
): Promise<LevelResult> {
  const ops = operations(f, fresh);
  await fillFresh(cluster.base, f, fresh, prefill);
  if (WARMUP > 0) await load(cluster.base, ops, total, WARMUP);
  fresh.resetCounts();
  const loadAverage = loadavg()[0]!;
  const procs = [...cluster.instances.map((i) => ({ name: i.name, pid: i.proc.child.pid! }))];
  procs.push({ name: 'haproxy', pid: cluster.haproxy.pid! });
  const w = watch(procs.map((p) => p.pid));
  const cpu0 = process.cpuUsage();
  const { tallies, connections, elapsed } = await load(cluster.base, ops, total, SECONDS);
  const cpu = process.cpuUsage(cpu0);
  const samples = w.stop();
  const result: OpResult[] = ops.flatMap((o, k) =>
    o.steps.map((s) => ({
      label: s.label,
      operation: o.name,
      actor: o.actor,
      connections: connections[k]!,
      ...summarize(tallies.get(s.label)!, elapsed),
    })),
  );
  const sum = (pick: (r: OpResult) => number) => result.reduce((a, r) => a + pick(r), 0);
  const worstRatio = Math.max(
    ...result.map((r) => {
      const t = THRESHOLD[r.actor];
      return t === undefined ? 0 : r.p95 / t;
    }),
  );
  const non2xx = sum((r) => r.non2xx);
  const errors = sum((r) => r.errors);
  return {
    requested: total,
    connections: connections.reduce((a, c) => a + c, 0),
    seconds: Math.round(elapsed * 10) / 10,
    loadAverage: Math.round(loadAverage * 100) / 100,
    total: {
      requests: sum((r) => r.requests),
      perSecond: Math.round((sum((r) => r.requests) / elapsed) * 10) / 10,
      non2xx,
      errors,
    },
    ops: result,
    processes: procs.map((p, k) => {
      const s = samples[k]!;
      const rss = s.rssMb.filter((x) => Number.isFinite(x));
      return {
        name: p.name,
        rssMaxMb: Math.round(Math.max(...rss)),
        rssMeanMb: Math.round(rss.reduce((a, x) => a + x, 0) / Math.max(1, rss.length)),
        cpuPercent: Math.round(((s.ticks1 - s.ticks0) / 100 / elapsed) * 100),
      };
    }),
    loadGeneratorCpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100),
    command: { prefilled: prefill, forwarded: fresh.forwarded, replays: fresh.replays },
    worstRatio: Math.round(worstRatio * 100) / 100,
    sustained: non2xx === 0 && errors === 0 && worstRatio < 1,
  };
}

// ---- the report --------------------------------------------------------------------------------------------

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

function printLevel(instances: number, r: LevelResult): void {
  console.log(
    `\n${instances} instance${instances > 1 ? 's' : ''}, ${r.connections} connections` +
      `${r.connections === r.requested ? '' : ` (${r.requested} asked, one per operation at least)`}, ${r.seconds} s ` +
      `(load average ${r.loadAverage}): ${r.total.requests} requests, ${r.total.perSecond} req/s, ` +
      `${r.total.non2xx} non-2xx, ${r.total.errors} errors — ${r.sustained ? 'meets' : 'misses'} the thresholds` +
      ` (worst p95/threshold ${r.worstRatio})`,
  );
  console.log(
    `  ${'operation'.padEnd(22)}${'conn'.padStart(5)}${'requests'.padStart(10)}${'req/s'.padStart(9)}` +
      `${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'non2xx'.padStart(8)}${'errors'.padStart(8)}`,
  );
  for (const o of r.ops) {
    const limit = THRESHOLD[o.actor];
    console.log(
      `  ${o.label.padEnd(22)}${String(o.connections).padStart(5)}${String(o.requests).padStart(10)}` +
        `${o.perSecond.toFixed(1).padStart(9)}${ms(o.p50).padStart(8)}${ms(o.p95).padStart(8)}${ms(o.p99).padStart(8)}` +
        `${String(o.non2xx).padStart(8)}${String(o.errors).padStart(8)}` +
        `${limit !== undefined && o.p95 >= limit ? `  p95 ≥ ${limit} ms` : ''}`,
    );
    if (o.firstFailure)
      console.log(`    first refusal: ${o.firstFailure.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  console.log(
    `  memory (RSS max/mean MB) and CPU: ${r.processes
      .map((p) => `${p.name} ${p.rssMaxMb}/${p.rssMeanMb} MB ${p.cpuPercent}%`)
      .join(', ')}; load generator ${r.loadGeneratorCpuPercent}% CPU`,
  );
  console.log(
    `  command: ${r.command.forwarded} fresh dossiers forwarded, ${r.command.replays} replays of a forward ` +
      `(Idempotency-Key) when none was left; ${r.command.prefilled} made before the level`,
  );
}

interface RunResult {
  instances: number;
  /** From spawning the instances to HAProxy having them all in service. */
  startMs: number;
  levels: LevelResult[];
}

/** The highest sustained level, or the closest one (fewest refusals, then smallest worst ratio). */
function verdict(levels: LevelResult[]): string {
  const ok = levels.filter((l) => l.sustained).sort((a, b) => b.total.perSecond - a.total.perSecond)[0];
  if (ok)
    return `${ok.total.perSecond} req/s at ${ok.connections} connections (worst p95/threshold ${ok.worstRatio})`;
  const close = [...levels].sort(
    (a, b) =>
      a.total.non2xx + a.total.errors - (b.total.non2xx + b.total.errors) || a.worstRatio - b.worstRatio,
  )[0];
  if (!close) return 'no level ran';
  const misses = close.ops
    .filter((o) => {
      const t = THRESHOLD[o.actor];
      return t !== undefined && o.p95 >= t;
    })
    .map((o) => `${o.label} p95 ${ms(o.p95)} ms`);
  return (
    `none met them; closest: ${close.connections} connections, ${close.total.perSecond} req/s, ` +
    `${close.total.non2xx + close.total.errors} refused/failed, ${misses.join(', ') || 'all p95 within'}`
  );
}

async function main(): Promise<void> {
  const started = new Date();
  console.log(
    `peak day: PEAK_DB=${DB} PEAK_DOSSIERS=${DOSSIERS} PEAK_LEVELS=${LEVELS.join(',')} PEAK_SECONDS=${SECONDS} ` +
      `PEAK_WARMUP=${WARMUP} PEAK_INSTANCES=${INSTANCES.join(',')}; ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const held = await ensureDatabase();
  const runs: RunResult[] = [];
  for (const n of INSTANCES) {
    if (stopping) break;
    const t0 = performance.now();
    console.log(`\nstarting ${n} instance${n > 1 ? 's' : ''} behind HAProxy…`);
    const cluster = await startCluster(n);
    const run: RunResult = { instances: n, startMs: Math.round(performance.now() - t0), levels: [] };
    runs.push(run);
    try {
      const f = await fixtures(cluster.base, held);
      const fresh = new FreshDossiers();
      console.log(
        `  up in ${(run.startMs / 1000).toFixed(1)} s; sampled ${f.dossierIds.length} dossiers, ` +
          `${f.names.length} names, ${f.codes.length} codes; kiosk fields ${f.fieldCodes.join(', ')}`,
      );
      await preflight(cluster.base, f, fresh);
      // Fresh dossiers made before a level for the command to forward: a few, and more when the previous
      // level ran out (the intake running beside it makes most of them).
      let prefill = 20;
      for (const total of LEVELS) {
        if (stopping) break;
        const r = await level(cluster, f, fresh, total, prefill);
        run.levels.push(r);
        printLevel(n, r);
        prefill = Math.min(3000, 20 + Math.ceil(r.command.replays * ((SECONDS + WARMUP) / SECONDS) * 3));
      }
    } finally {
      await stopCluster(cluster);
    }
  }
  console.log('\nhighest rate sustained (0 refused, desk p95 < 150 ms, public tracking p95 < 50 ms):');
  for (const r of runs)
    console.log(`  ${r.instances} instance${r.instances > 1 ? 's' : ''}: ${verdict(r.levels)}`);

  const report = {
    issue: 18,
    started: started.toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null },
    database: { name: DB, dossiers: held, required: DOSSIERS },
    settings: { levels: LEVELS, seconds: SECONDS, warmup: WARMUP, instances: INSTANCES },
    thresholds: { deskP95Ms: DESK_P95_MS, publicTrackingP95Ms: PUBLIC_P95_MS },
    runs: runs.map((r) => ({ ...r, highestSustained: verdict(r.levels) })),
  };
  const pad = (v: number) => String(v).padStart(2, '0');
  const date = `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())}`;
  const real = DOSSIERS >= 1_000_000;
  const dir = real ? join(ROOT, 'docs/bench') : tmpdir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `peak-day-${date}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nreport written to ${file}${real ? '' : ' (a smoke run: PEAK_DOSSIERS < 1,000,000)'}`);
}

try {
  await main();
} catch (e) {
  console.error(`peak day: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
