// `npm run bench`: prints performance figures of the running system (not pass/fail: budgets are
// tracked here, never in timed tests). Each figure is measured on this machine, now.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HolidayCalendar, WorkingCalendar } from '../src/domain/calendar';
import { loadConfig } from '../src/server/config';
import { createServer } from '../src/server/server';
import { benchDossiers } from './dossiers';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function latency(name: string, n: number, fn: () => Promise<{ statusCode: number }>) {
  for (let i = 0; i < 20; i++) {
    const r = await fn(); // warm-up, and a check that the request succeeds
    if (r.statusCode >= 400) throw new Error(`${name} answered ${r.statusCode}`);
  }
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} n=${n}  p50=${pct(times, 50).toFixed(2)} ms  p95=${pct(times, 95).toFixed(2)} ms  ` +
      `${((n / total) * 1000).toFixed(0)} req/s`,
  );
}

// Legal working time: due-date computations per second (target ≥ 1,000,000 for ≤ 30 working days).
{
  let t = performance.now();
  const days = new HolidayCalendar();
  console.log(
    `building the 2000–2100 working-day calendar                    ${(performance.now() - t).toFixed(1)} ms`,
  );
  const cal = new WorkingCalendar(days);
  const base = Date.parse('2026-01-05T02:00:00Z');
  const n = 2_000_000;
  let sink = 0;
  t = performance.now();
  for (let i = 0; i < n; i++) {
    sink +=
      cal
        .dueAt(new Date(base + (i % 5000) * 3_600_000), { amount: (i % 30) + 1, unit: 'working-days' })
        .getTime() & 1;
  }
  const perSec = n / ((performance.now() - t) / 1000);
  console.log(
    `due dates computed (1–30 working days)                         ${Math.round(perSec).toLocaleString('en')}/s${sink < 0 ? '' : ''}`,
  );
}

const dir = await mkdtemp(join(tmpdir(), 'motcua-bench-'));
try {
  const t0 = performance.now();
  const config = loadConfig({
    MOTCUA_DATA_DIR: dir,
    MOTCUA_ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'silent',
  });
  const server = await createServer(config, { logger: false });
  console.log(
    `first start on a new PGlite directory (migrate + seed)       ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const app = server.app;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'quantri', password: 'motcua@2026' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  await latency('GET /api/v1/health', 500, () => app.inject({ url: '/api/v1/health' }));
  await latency('GET /api/v1/agencies (public)', 500, () => app.inject({ url: '/api/v1/agencies' }));
  await latency('GET /api/v1/auth/me (session lookup)', 500, () =>
    app.inject({ url: '/api/v1/auth/me', headers: { cookie } }),
  );
  await latency('GET /api/v1/users (admin, scoped)', 300, () =>
    app.inject({ url: '/api/v1/users', headers: { cookie } }),
  );
  await latency('POST /api/v1/auth/login (scrypt N=2^17)', 5, () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tiepnhan', password: 'motcua@2026' },
    }),
  );
  for (const q of ['xac nhan tinh trang hon nhan', 'khai sinh', '1.001193', 'dang ky tam tru']) {
    await latency(`GET /api/v1/procedures?q=${q}`, 200, () =>
      app.inject({ url: `/api/v1/procedures?q=${encodeURIComponent(q)}` }),
    );
  }
  await latency('GET /api/v1/calendar/due', 500, () =>
    app.inject({
      url: '/api/v1/calendar/due?acceptedAt=2026-11-23T09:00:00%2B07:00&amount=5&unit=working-days',
    }),
  );
  const mem = process.memoryUsage();
  console.log(
    `resident memory with one PGlite instance                    ${(mem.rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await server.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

await benchDossiers();

// Intake through the HTTP API beside pgbench writing the same rows (issue 17): the share of PostgreSQL's rate kept.
await (await import('./intake-http')).benchIntakeHttp();

// Statistics from rollups vs a full scan of the event log (issue 8; BENCH_STATS_DOSSIERS, default 100,000).
await (await import('./stats')).benchStats();

// The portal's first-load budget (issue 7): JavaScript of a procedure page, gzipped, on a phone; then the two
// paths people take most, timed (issue 25).
{
  const { existsSync } = await import('node:fs');
  if (existsSync(new URL('../dist/web/index.html', import.meta.url))) {
    const { portalBundle } = await import('./portal-bundle');
    const r = await portalBundle();
    console.log(
      `portal procedure page, first load (JS gzipped)               ${(r.total / 1024).toFixed(1)} KB (budget 200 KB, ${r.files.length} files)`,
    );
    // The counter path and the phone submission, timed as people take them (issue 25).
    const { benchJourneys, printJourneys } = await import('./journeys');
    printJourneys(await benchJourneys());
  } else console.log('portal bundle and timed journeys: build the web app first (npx vite build)');
}

// The long fuzzing run (issue 16; BENCH_FUZZ_REQUESTS, default 100,000, 0 leaves it out; BENCH_FUZZ_BACKEND,
// default pglite): hostile requests to every operation of the OpenAPI document, 6–10 minutes at 100,000.
{
  const requests = Number(process.env.BENCH_FUZZ_REQUESTS ?? 100_000);
  const backend = process.env.BENCH_FUZZ_BACKEND ?? 'pglite';
  if (!Number.isInteger(requests) || requests < 0) throw new Error('BENCH_FUZZ_REQUESTS: a whole number ≥ 0');
  if (backend !== 'pglite' && backend !== 'postgres')
    throw new Error('BENCH_FUZZ_BACKEND: pglite or postgres');
  if (requests === 0) console.log('fuzz over the OpenAPI document: left out (BENCH_FUZZ_REQUESTS=0)');
  else await (await import('./fuzz')).benchFuzz({ requests, backend });
}
