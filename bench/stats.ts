// Statistics at scale (issue 8): a seeded history of BENCH_STATS_DOSSIERS dossiers (default 100,000; the
// CI-sized figure is 1,000,000, see docs/decisions/0009-statistics.md for the 10 M run) over 3 years on
// PostgreSQL (PGlite when it is unreachable), then the latency of the processing report and the Decision
// 766 scorecard for the whole province read from the rollups, beside the same report recomputed by a full
// scan of the event log, as a ratio.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { localDayOf } from '../src/domain/calendar/local';
import { loadConfig } from '../src/server/config';
import { seedHistory } from '../src/server/modules/stats/history';
import { refreshRollups } from '../src/server/modules/stats/rollups';
import {
  consistencyCheck,
  period,
  processingReport,
  reportScope,
  scorecardFor,
} from '../src/server/modules/stats/stats.service';
import { createServer } from '../src/server/server';

const PG_ADMIN = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(name: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(60)} p50=${pct(times, 50).toFixed(1)} ms  p95=${pct(times, 95).toFixed(1)} ms`);
  return pct(times, 50);
}

export async function benchStats(total = Number(process.env.BENCH_STATS_DOSSIERS ?? 100_000)): Promise<void> {
  let env: Record<string, string>;
  let cleanup = async () => {};
  let where = 'PostgreSQL';
  try {
    const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
    await admin.connect();
    const name = `motcua_bench_stats_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } catch {
    const dir = await mkdtemp(join(tmpdir(), 'motcua-bench-stats-'));
    env = { MOTCUA_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    where = 'PGlite';
  }
  try {
    const server = await createServer(
      loadConfig({ ...env, MOTCUA_ADMIN_PASSWORD: 'bench-password-1', LOG_LEVEL: 'silent' }),
      { logger: false },
    );
    const { database, clock } = server;
    let t = performance.now();
    const seeded = await seedHistory(database, await server.app.calendar.forOfficeHours(), {
      dossiers: total,
      years: 3,
      now: clock.now(),
    });
    console.log(
      `statistics (${where}): seeded ${seeded.dossiers.toLocaleString('en')} dossiers, ${seeded.events.toLocaleString('en')} events over 3 years in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    await refreshRollups(database, () => clock.now());
    console.log(
      `statistics rollups built from the event log                  ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const today = localDayOf(clock.now());
    const year = clock.now().toISOString().slice(0, 4);
    const p = period(`${year}-01-01`, `${year}-12-31`, today);
    const cal = await server.app.calendar.forOfficeHours();
    const scope = await database.read((db) => reportScope(db, null, undefined));
    const fromRollups = await time('processing report, province by agency (rollups)', 20, () =>
      database.read((db) => processingReport(db, scope, p, 'agency', {})),
    );
    await time('processing report, province by procedure (rollups)', 20, () =>
      database.read((db) => processingReport(db, scope, p, 'procedure', {})),
    );
    await time('Decision 766 scorecard, province (rollups + catalogue)', 10, () =>
      database.read((db) => scorecardFor(db, scope, p, cal, clock.now())),
    );
    t = performance.now();
    const check = await database.read((db) => consistencyCheck(db, scope.ids, p));
    const scan = performance.now() - t;
    console.log(
      `same period by full scan of the event log (and compared)       ${scan.toFixed(0)} ms — ${(scan / fromRollups).toFixed(0)}× the rollups; ${check.matches ? 'identical' : 'DIFFERENT'} (${check.dossiers.toLocaleString('en')} dossiers)`,
    );
    await server.close();
  } finally {
    await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStats();
