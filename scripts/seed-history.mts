// `npm run seed:history -- --dossiers 2000000 --years 3 [--seed 766] [--until YYYY-MM-DD] [--agencies CODE,CODE]`
// Writes a realistic dossier history into the configured database (DATABASE_URL, or the embedded PGlite
// under MOTCUA_DATA_DIR; the server must not be running on the same data directory), through the same
// domain code as live intake (src/server/modules/stats/history.ts), then brings the statistics rollups up
// to date. Demo agencies and the catalogue are seeded first if the database is new.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config';
import { seedHistory } from '../src/server/modules/stats/history';
import { refreshRollups } from '../src/server/modules/stats/rollups';
import { createServer } from '../src/server/server';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '10000' },
    years: { type: 'string', default: '3' },
    seed: { type: 'string', default: '766' },
    until: { type: 'string' },
    agencies: { type: 'string' },
  },
});
const dossiers = Number(values.dossiers);
const years = Number(values.years);
if (!Number.isInteger(dossiers) || dossiers < 1 || !(years > 0 && years <= 20)) {
  console.error('seed:history: --dossiers must be a positive integer and --years between 0 and 20');
  process.exit(1);
}
// No periodic jobs: the rollup refresh would chase the generator's own writes (the generator applies them).
const server = await createServer({
  ...loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }),
  backgroundJobs: false,
});
try {
  const t0 = performance.now();
  let last = 0;
  const r = await seedHistory(server.database, await server.app.calendar.forOfficeHours(), {
    dossiers,
    years,
    now: server.clock.now(),
    seed: Number(values.seed),
    ...(values.until ? { until: values.until } : {}),
    ...(values.agencies ? { agencies: values.agencies.split(',').map((c) => c.trim()) } : {}),
    progress: (n) => {
      if (n - last >= 50_000 || n === dossiers) {
        last = n;
        console.log(
          `  ${n.toLocaleString('en')} dossiers written (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    },
  });
  const t1 = performance.now();
  console.log(
    `seed:history: ${r.dossiers.toLocaleString('en')} dossiers, ${r.events.toLocaleString('en')} events in ${((t1 - t0) / 1000).toFixed(1)} s`,
  );
  const rolled = await refreshRollups(server.database, () => server.clock.now());
  console.log(
    `statistics rollups: ${rolled.dossiers.toLocaleString('en')} dossiers applied in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
  // A bulk load leaves the planner without statistics until autovacuum comes by; a database seeded to measure
  // (npm run bench:peak) is measured with them, as a database that grew day by day is.
  const t2 = performance.now();
  await server.database.tx((db) => db.execute(sql`ANALYZE`));
  console.log(`planner statistics (ANALYZE) in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
} finally {
  await server.close();
}
