// Issue 18: periodic jobs marked `singleton` run on one instance of a cluster sharing one database, and
// instances starting at once on a fresh PostgreSQL database do not race on its migrations or its seeding.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, openDatabase, queryRows } from '../../src/server/db/database';
import { databaseLease } from '../../src/server/jobs/lease';
import { JobRunner } from '../../src/server/jobs/runner';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/server/config';
import { DEMO_AGENCIES } from '../../src/server/db/seed/demo-data';
import { createServer, type Server } from '../../src/server/server';
import { BACKENDS, createPgDatabase, SERVER_VARS, skipUnlessPostgres } from '../support/server';

const quiet = { error: () => {} };

for (const backend of BACKENDS) {
  describe(`the lease of singleton jobs on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let database: Database;
    let drop = async () => {};
    before(async () => {
      if (backend === 'postgres') {
        const made = await createPgDatabase();
        drop = made.drop;
        database = await openDatabase({ kind: 'postgres', url: made.url, max: 4 });
      } else database = await openDatabase({ kind: 'pglite', dataDir: null });
      await database.migrate();
    });
    after(async () => {
      await database?.close();
      await drop();
    });

    it('gives a job to one instance and keeps it there while its holder runs it', async () => {
      const a = databaseLease(database, 'instance-a');
      const b = databaseLease(database, 'instance-b');
      const releaseA = await a.acquire('test.keep', 60_000);
      assert.ok(releaseA, 'the first instance to ask takes the job');
      assert.equal(await b.acquire('test.keep', 60_000), null, 'the other is turned away');
      await releaseA();
      assert.equal(
        await b.acquire('test.keep', 60_000),
        null,
        'a run that ended keeps the job with its holder',
      );
      const again = await a.acquire('test.keep', 60_000);
      assert.ok(again, 'its holder takes it again at its next turn');
      await again();
    });

    it('lets another instance take the job over once its holder has gone quiet', async () => {
      const a = databaseLease(database, 'instance-a');
      const b = databaseLease(database, 'instance-b');
      assert.ok(await a.acquire('test.takeover', 150), 'taken by a, which then dies without a word');
      assert.equal(await b.acquire('test.takeover', 150), null);
      await sleep(400);
      const byB = await b.acquire('test.takeover', 60_000);
      assert.ok(byB, 'b takes over after the expiry');
      assert.equal(await a.acquire('test.takeover', 60_000), null, 'a, back, finds it taken');
      await byB();
      const [row] = await database.read((db) =>
        queryRows<{ holder: string }>(db, sql`SELECT holder FROM job_leases WHERE job = 'test.takeover'`),
      );
      assert.equal(row?.holder, 'instance-b');
    });

    it('runs a singleton job on one of two runners sharing the database, and a plain job on both', async () => {
      const runs = { a: { one: 0, all: 0 }, b: { one: 0, all: 0 } };
      const runners = (['a', 'b'] as const).map((name) => {
        const r = new JobRunner({ log: quiet, lease: databaseLease(database, `runner-${name}`) });
        r.register({
          name: 'test.singleton',
          everyMs: 40,
          firstDelayMs: 0,
          singleton: true,
          run: async () => {
            runs[name].one++;
          },
        });
        r.register({
          name: 'test.everywhere',
          everyMs: 40,
          firstDelayMs: 0,
          run: async () => {
            runs[name].all++;
          },
        });
        return r;
      });
      for (const r of runners) r.start();
      // Until each runner has had several turns of both jobs (a bound, not a measure: the turns are counted).
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (runs.a.all < 3 || runs.b.all < 3)) await sleep(20);
      await Promise.all(runners.map((r) => r.stop()));
      assert.ok(
        runs.a.all >= 3 && runs.b.all >= 3,
        `every instance runs a plain job: ${JSON.stringify(runs)}`,
      );
      const ran = [runs.a.one, runs.b.one];
      assert.equal(
        ran.filter((n) => n > 0).length,
        1,
        `one instance ran the singleton job: ${JSON.stringify(runs)}`,
      );
      const idle = runners.find((_, i) => ran[i] === 0)!;
      const status = idle.status().find((s) => s.name === 'test.singleton')!;
      assert.ok(status.skipped > 0, 'the other skipped its turns');
    });
  });
}

describe('migrations of two instances starting together on a fresh PostgreSQL database', {
  skip: await skipUnlessPostgres('postgres'),
}, () => {
  it('migrates once: the second waits for the first and finds nothing to do', async () => {
    const made = await createPgDatabase();
    const [one, two] = await Promise.all([
      openDatabase({ kind: 'postgres', url: made.url, max: 2 }),
      openDatabase({ kind: 'postgres', url: made.url, max: 2 }),
    ]);
    try {
      await Promise.all([one.migrate(), two.migrate()]);
      const [{ n } = { n: 0 }] = await one.read((db) =>
        queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`),
      );
      const journal = (
        await import('../../src/server/db/migrations/meta/_journal.json', { with: { type: 'json' } })
      ).default as { entries: unknown[] };
      assert.equal(n, journal.entries.length, 'each migration recorded once');
    } finally {
      await one.close();
      await two.close();
      await made.drop();
    }
  });
});

describe('three instances starting together on a fresh PostgreSQL database with demo data', {
  skip: await skipUnlessPostgres('postgres'),
}, () => {
  it('all start: they take turns at migrating, making the administrator and seeding, each seeding once', async () => {
    const made = await createPgDatabase();
    const env = { ...SERVER_VARS, DATABASE_URL: made.url, MOTCUA_DEMO_DATA: 'true' };
    const started = await Promise.allSettled(
      [1, 2, 3].map(() =>
        createServer(loadConfig({ ...env, MOTCUA_DATA_DIR: mkdtempSync(join(tmpdir(), 'motcua-i-')) })),
      ),
    );
    try {
      const failed = started.filter((s) => s.status === 'rejected').map((s) => String(s.reason));
      // Without the turns, the second instance's administrator collided with the first's ("A user named
      // "admin" exists but is not a system administrator") and the demo agencies' codes were inserted twice.
      assert.deepEqual(failed, [], 'every instance started');
      const first = (started[0] as PromiseFulfilledResult<Server>).value;
      const [counts] = await first.database.read((db) =>
        queryRows<{ admins: number; agencies: number; seeded: number }>(
          db,
          sql`SELECT (SELECT count(*)::int FROM users WHERE username = 'admin') AS admins,
                     (SELECT count(*)::int FROM agencies) AS agencies,
                     (SELECT count(*)::int FROM app_meta WHERE key = 'demo_seeded_at') AS seeded`,
        ),
      );
      assert.equal(counts!.admins, 1);
      assert.equal(counts!.seeded, 1);
      assert.equal(counts!.agencies, DEMO_AGENCIES.length, 'each demo agency once');
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.close();
      await made.drop();
    }
  });
});
