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
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { dayToIso, localDayOf } from '../src/domain/calendar/local';
import { loadConfig } from '../src/server/config';
import { queryRows } from '../src/server/db/database';
import { agencies, users } from '../src/server/db/schema';
import { toMe } from '../src/server/modules/auth/auth.service';
import { listDossiers, worklistCounts } from '../src/server/modules/dossiers/read/worklists';
import { listMyDossiers } from '../src/server/modules/my/my.service';
import { consistencyCheck } from '../src/server/modules/stats/consistency';
import { seedHistory } from '../src/server/modules/stats/history';
import { refreshRollups } from '../src/server/modules/stats/rollups';
import { period, reportScope } from '../src/server/modules/stats/scope';
import { scorecardFor } from '../src/server/modules/stats/scorecard';
import { processingReport, rollupTotals } from '../src/server/modules/stats/totals';
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
  // An already seeded database (`npm run seed:history`) is measured as it is, and kept.
  const existing = process.env.BENCH_STATS_DATABASE_URL;
  try {
    if (existing) throw new Error('use the seeded database');
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
  } catch (e) {
    if (existing && (e as Error).message === 'use the seeded database') {
      env = { DATABASE_URL: existing };
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'motcua-bench-stats-'));
      env = { MOTCUA_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      where = 'PGlite';
    }
  }
  try {
    // No periodic jobs: a rollup refresh or warning sweep running beside the measurements would skew them.
    const server = await createServer(
      {
        ...loadConfig({ ...env, MOTCUA_ADMIN_PASSWORD: 'bench-password-1', LOG_LEVEL: 'silent' }),
        backgroundJobs: false,
      },
      { logger: false },
    );
    const { database, clock } = server;
    let t = performance.now();
    if (!existing) {
      const seeded = await seedHistory(database, await server.app.calendar.forOfficeHours(), {
        dossiers: total,
        years: 3,
        now: clock.now(),
      });
      console.log(
        `statistics (${where}): seeded ${seeded.dossiers.toLocaleString('en')} dossiers, ${seeded.events.toLocaleString('en')} events over 3 years in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    // BENCH_STATS_ONLY=worklists measures the worklists and searches alone (they do not read the rollups)
    if (process.env.BENCH_STATS_ONLY === 'worklists') {
      const [n] = await database.read((db) =>
        queryRows<{ n: string }>(db, sql`select count(*)::text as n from dossiers`),
      );
      console.log(
        `statistics (${where}): ${Number(n!.n).toLocaleString('en')} dossiers; worklists and search only`,
      );
      await benchWorklists(server, clock.now());
      await server.close();
      return;
    }
    t = performance.now();
    // BENCH_STATS_REFRESH=0 trusts the rollups as they are: the history generator writes them in the
    // transaction of each batch, and a first refresh re-reads the whole event log (minutes at 10 M).
    if (process.env.BENCH_STATS_REFRESH !== '0') {
      await refreshRollups(database, () => clock.now());
      console.log(
        `statistics rollups built from the event log                  ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const [size] = await database.read((db) =>
      queryRows<{ dossiers: string; fine: string; coarse: string; coarseProc: string }>(
        db,
        sql`select (select count(*) from dossiers)::text as dossiers, (select count(*) from stats_daily)::text as fine,
              (select count(*) from stats_coarse)::text as coarse, (select count(*) from stats_coarse_procedure)::text as "coarseProc"`,
      ),
    );
    console.log(
      `statistics (${where}${existing ? ', seeded database' : ''}): ${Number(size!.dossiers).toLocaleString('en')} dossiers; rows: stats_daily ${Number(size!.fine).toLocaleString('en')}, stats_coarse ${Number(size!.coarse).toLocaleString('en')}, stats_coarse_procedure ${Number(size!.coarseProc).toLocaleString('en')}`,
    );
    const today = localDayOf(clock.now());
    const year = clock.now().toISOString().slice(0, 4);
    const p = period(`${year}-01-01`, `${year}-12-31`, today);
    const cal = await server.app.calendar.forOfficeHours();
    const scope = await database.read((db) => reportScope(db, null, undefined));
    await time('processing report, province by agency (fine rollup, before issue 8)', 10, () =>
      database.read((db) => rollupTotals(db, scope.ids, p, 'agency')),
    );
    const fromRollups = await time('processing report, province by agency (rollups)', 20, () =>
      database.read((db) => processingReport(db, scope, p, 'agency', {})),
    );
    const month = `${clock.now().toISOString().slice(0, 7)}`;
    const pm = period(`${month}-01`, dayToIso(today), today);
    await time('processing report, province by agency, this month (rollups)', 20, () =>
      database.read((db) => processingReport(db, scope, pm, 'agency', {})),
    );
    const commune = scope.tree.find((a) => a.parentId === scope.agency.id)!;
    const one = await database.read((db) => reportScope(db, null, commune.id));
    await time('processing report, one commune by officer (fine rollup)', 20, () =>
      database.read((db) => processingReport(db, one, p, 'officer', {})),
    );
    await time('processing report, province by procedure (rollups)', 20, () =>
      database.read((db) => processingReport(db, scope, p, 'procedure', {})),
    );
    await time('Decision 766 scorecard, province (rollups + catalogue)', 10, () =>
      database.read((db) => scorecardFor(db, scope, p, cal, clock.now())),
    );
    // BENCH_STATS_SCAN=0 skips the full recomputation (minutes at 1 M dossiers)
    t = performance.now();
    const check =
      process.env.BENCH_STATS_SCAN === '0'
        ? null
        : await database.read((db) => consistencyCheck(db, scope.ids, p));
    const scan = performance.now() - t;
    if (check) {
      console.log(
        `same period by full scan of the event log (and compared)       ${scan.toFixed(0)} ms — ${(scan / fromRollups).toFixed(0)}× the rollups; ${check.matches ? 'identical' : 'DIFFERENT'} (${check.dossiers.toLocaleString('en')} dossiers; fine and coarse rollups)`,
      );
    }
    await benchWorklists(server, clock.now());
    await server.close();
  } finally {
    await cleanup();
  }
}

/** The officer's worklists and name/code search (src/server/modules/dossiers) on the same data. */
async function benchWorklists(server: Awaited<ReturnType<typeof createServer>>, now: Date): Promise<void> {
  const { database } = server;
  const calendars = server.app.calendar;
  const actorOf = async (id: string) => {
    const [row] = await database.read((db) =>
      db
        .select({ user: users, agency: agencies })
        .from(users)
        .leftJoin(agencies, eq(agencies.id, users.agencyId))
        .where(eq(users.id, id)),
    );
    return toMe(row!.user, row!.agency);
  };
  const [busiest] = await database.read((db) =>
    queryRows<{ id: string; n: string }>(
      db,
      sql`select assignee_id as id, count(*)::text as n from dossiers where status in (2, 4) and assignee_id is not null
          group by 1 order by 2 desc limit 1`,
    ),
  );
  const [desk] = await database.read((db) =>
    queryRows<{ id: string }>(
      db,
      sql`select u.id from users u where 'reception' = any(u.roles) and u.agency_id = (
            select agency_id from dossiers group by 1 order by count(*) desc limit 1) limit 1`,
    ),
  );
  const [sample] = await database.read((db) =>
    queryRows<{ code: string; name: string }>(
      db,
      sql`select code, applicant_name as name from dossiers where code is not null order by id limit 1`,
    ),
  );
  if (!busiest || !desk || !sample) return;
  const specialist = await actorOf(busiest.id);
  const reception = await actorOf(desk.id);
  const list = (actor: typeof specialist, q: Record<string, unknown>) => () =>
    database.read((db) =>
      listDossiers(db, calendars, actor, now, { limit: 50, offset: 0, ...q } as Parameters<
        typeof listDossiers
      >[4]),
    );
  console.log(`worklists: specialist with ${busiest.n} open dossiers; reception of the busiest agency`);
  await time("worklist 'mine' (specialist)", 40, list(specialist, { list: 'mine' }));
  await time("all dossiers, newest first (reception's agency)", 40, list(reception, {}));
  await time("worklist 'due-soon' (specialist's agency)", 40, list(specialist, { list: 'due-soon' }));
  await time("worklist 'overdue' (reception's agency)", 40, list(reception, { list: 'overdue' }));
  await time("worklist 'check' (reception)", 40, list(reception, { list: 'check' }));
  await time('worklist tab counts, each to 1,000 (reception)', 40, () =>
    database.read((db) => worklistCounts(db, calendars, reception, now)),
  );
  await time('worklist tab counts, each to 1,000 (specialist)', 40, () =>
    database.read((db) => worklistCounts(db, calendars, specialist, now)),
  );
  await time(`search by code "${sample.code}" (reception)`, 40, list(reception, { q: sample.code }));
  await time(`search by name "${sample.name}" (reception)`, 40, list(reception, { q: sample.name }));
  const lastTwo = sample.name.split(' ').slice(-2).join(' ');
  await time(`search by middle and given name "${lastTwo}" (reception)`, 40, list(reception, { q: lastTwo }));
  await time('search by surname "Nguyễn" (reception)', 40, list(reception, { q: 'Nguyễn' }));
  await time(
    'search by ID-number prefix "079" (reception; counted to 1,000)',
    40,
    list(reception, { q: '079' }),
  );
  const [citizen] = await database.read((db) =>
    queryRows<{ id: string }>(db, sql`select id from users where 'citizen' = any(roles) limit 1`),
  );
  if (citizen) {
    const me = await actorOf(citizen.id);
    await time("citizen's own dossiers (Hồ sơ của tôi)", 40, () =>
      database.read((db) => listMyDossiers(db, me, now)),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStats();
