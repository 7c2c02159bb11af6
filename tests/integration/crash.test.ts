import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { requiredFor } from '../../src/domain/dossier/intake';
import { openDatabase, queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  type Backend,
  createPgDatabase,
  PG_ADMIN_URL,
  skipUnlessPostgres,
} from '../support/server';
import { freePort, ROOT, START_BOUND_MS, spawnServer, untilHealthy } from '../support/processes';

/**
 * kill -9 during intake (issue 16): the real server runs as a child process (`src/server/main.ts`, configured by
 * its environment like `npm start`), officers receive dossiers concurrently, each with its own Idempotency-Key,
 * and the process is killed with SIGKILL while intakes are in flight, three times. After each restart on the same
 * data, every intake whose answer never came is sent again with the same key. In the end every dossier
 * acknowledged with 201 is stored exactly once, and every intake the officers sent exists exactly once.
 */
const ROUNDS = 3;
const OFFICERS = 6;
/** A bound for a broken server, not a measure of speed (see START_BOUND_MS). */
const INTAKE_BOUND_MS = 120_000;
/** Applicant ID numbers of this file: 12 digits, unique per intake. */
const ID_PREFIX = '07919';

interface Attempt {
  key: string;
  idNumber: string;
  body: Record<string, unknown>;
  /** `acknowledged`: 201 came back; `unanswered`: the process died first (or was already gone). */
  outcome: 'pending' | 'acknowledged' | 'unanswered' | 'refused';
  id?: string;
  answer?: string;
}

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan', password: DEMO_PASSWORD }),
  });
  assert.equal(r.status, 200, await r.text());
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('motcua_session='));
  assert.ok(cookie, 'login sets the session cookie');
  return cookie;
}

async function send(
  base: string,
  cookie: string,
  a: Attempt,
): Promise<{ status: number; body: { id?: string; acceptedAt?: string } }> {
  const r = await fetch(`${base}/api/v1/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': a.key },
    body: JSON.stringify(a.body),
    signal: AbortSignal.timeout(INTAKE_BOUND_MS),
  });
  return { status: r.status, body: (await r.json()) as { id?: string; acceptedAt?: string } };
}

for (const backend of BACKENDS) {
  describe(`kill -9 during intake on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    it('loses and duplicates no dossier: each acknowledged intake is stored once, each retried one once', async () => {
      const db = await storage(backend);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        ...db.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
      };
      let proc = spawnServer(env);
      try {
        const firstStart = await untilHealthy(base, proc);
        console.log(`crash ${backend}: first start (migrate + seed) ${firstStart.toFixed(0)} ms`);
        let cookie = await login(base);
        const procedure = await fetch(`${base}/api/v1/procedures/1.004194`, { headers: { cookie } });
        const { components: all } = (await procedure.json()) as {
          components: { name: string; required: boolean; condition: string | null }[];
        };
        const components = all
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true }));
        const attempts: Attempt[] = [];
        const attempt = (): Attempt => {
          const idNumber = `${ID_PREFIX}${String(attempts.length + 1).padStart(7, '0')}`;
          const a: Attempt = {
            key: randomUUID(),
            idNumber,
            body: {
              procedureCode: '1.004194',
              applicant: {
                kind: 'citizen',
                fullName: `Người Nộp ${idNumber}`,
                idNumber,
                phone: '0909123456',
                address: '12 Lê Lợi, Phường Sài Gòn',
              },
              components,
            },
            outcome: 'pending',
          };
          attempts.push(a);
          return a;
        };
        const restarts: number[] = [];
        let inFlightAtKills = 0;
        let replayed = 0;
        let committedUnanswered = 0;
        for (let round = 0; round < ROUNDS; round++) {
          // Officers receive dossiers until the process dies under them.
          let acknowledged = 0;
          let inFlight = 0;
          let dead = false;
          const officer = async () => {
            while (!dead) {
              const a = attempt();
              inFlight += 1;
              try {
                const r = await send(base, cookie, a);
                if (r.status === 201 && r.body.id) {
                  a.outcome = 'acknowledged';
                  a.id = r.body.id;
                  acknowledged += 1;
                } else {
                  a.outcome = 'refused';
                  a.answer = `${r.status} ${JSON.stringify(r.body)}`;
                }
              } catch {
                a.outcome = 'unanswered'; // connection reset or refused: the process is gone
                return;
              } finally {
                inFlight -= 1;
              }
            }
          };
          const officers = Array.from({ length: OFFICERS }, officer);
          const bound = Date.now() + INTAKE_BOUND_MS;
          while (acknowledged < 3 + round * 2) {
            assert.ok(Date.now() < bound, `no intake succeeded in round ${round}:\n${proc.output()}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          // Each round kills at a different moment of an intake under way.
          await new Promise((r) => setTimeout(r, round * 7));
          inFlightAtKills += inFlight;
          const killedAt = Date.now();
          proc.child.kill('SIGKILL');
          dead = true;
          const killed = await proc.exited;
          assert.equal(killed.signal, 'SIGKILL');
          await Promise.all(officers);
          assert.deepEqual(
            attempts.filter((a) => a.outcome === 'refused').map((a) => a.answer),
            [],
            'an intake before the kill is acknowledged with 201',
          );

          // Restart on the same data.
          proc = spawnServer(env);
          const ms = await untilHealthy(base, proc);
          restarts.push(ms);
          console.log(`crash ${backend}: restart ${round + 1} after kill -9, healthy in ${ms.toFixed(0)} ms`);
          const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
          await me.arrayBuffer();
          if (me.status !== 200) cookie = await login(base);

          // Every intake whose answer never came is sent again with its key: it is stored once, whether or not
          // it was committed before the kill.
          for (const a of attempts.filter((x) => x.outcome === 'unanswered')) {
            const r = await send(base, cookie, a);
            assert.equal(r.status, 201, `retry of ${a.idNumber}: ${JSON.stringify(r.body)}`);
            a.outcome = 'acknowledged';
            a.id = r.body.id;
            // Committed before the kill, its answer lost: the retry answers the stored dossier.
            if (Date.parse(r.body.acceptedAt ?? '') < killedAt) committedUnanswered += 1;
          }
          // Intakes acknowledged just before the kill, sent again with their keys, answer the same dossier.
          const recent = attempts.filter((x) => x.outcome === 'acknowledged').slice(-OFFICERS);
          for (const a of recent) {
            const r = await send(base, cookie, a);
            assert.equal(r.status, 201, JSON.stringify(r.body));
            assert.equal(
              r.body.id,
              a.id,
              `the replay of ${a.idNumber} answers the dossier first acknowledged`,
            );
            replayed += 1;
          }
        }
        assert.ok(inFlightAtKills > 0, 'intakes were under way at the kills');

        // A clean stop and start, for comparison: what a restart costs without a crash to recover from.
        const stop = async () => {
          proc.child.kill('SIGTERM');
          const stopped = await proc.exited;
          assert.equal(stopped.code, 0, `clean stop after the crashes:\n${proc.output()}`);
        };
        await stop();
        proc = spawnServer(env);
        const clean = await untilHealthy(base, proc);
        await stop();
        // The stored dossiers are read from the database itself.
        const stored = await db.read();
        const byIdNumber = new Map<string, string[]>();
        for (const row of stored)
          byIdNumber.set(row.idNumber, [...(byIdNumber.get(row.idNumber) ?? []), row.id]);
        for (const a of attempts) {
          assert.equal(a.outcome, 'acknowledged');
          assert.deepEqual(byIdNumber.get(a.idNumber), [a.id], `intake ${a.idNumber} is stored exactly once`);
        }
        assert.equal(stored.length, attempts.length, 'no dossier beyond the intakes sent');
        console.log(
          `crash ${backend}: ${ROUNDS} kills with ${inFlightAtKills} intakes in flight (${committedUnanswered} committed, ` +
            `answer lost); ${attempts.length} dossiers ` +
            `stored once each (${replayed} replays answered the same dossier); restart to healthy ` +
            `${restarts.map((m) => `${(m / 1000).toFixed(1)} s`).join(', ')} (after a clean stop ${(clean / 1000).toFixed(1)} s)`,
        );
      } finally {
        if (proc.child.exitCode === null && proc.child.signalCode === null) {
          proc.child.kill('SIGKILL');
          await proc.exited;
        }
        await db.drop();
      }
    });
  });
}

describe('kill -9 during the first start on postgres', { skip: await skipUnlessPostgres('postgres') }, () => {
  it('restarts after being killed inside its migrations: nothing half-applied, then every migration applied', async () => {
    const target = await createPgDatabase();
    const name = new URL(target.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: target.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    };
    let proc = spawnServer(env);
    try {
      // The migrations run in one transaction; while it is open, it holds the tables it creates.
      let exited = false;
      void proc.exited.then(() => {
        exited = true;
      });
      const bound = Date.now() + START_BOUND_MS;
      for (;;) {
        const r = await admin.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where a.datname = $1 and l.locktype = 'relation' and l.mode = 'AccessExclusiveLock'`,
          [name],
        );
        if (r.rows[0]!.n > 0) break;
        assert.ok(
          !exited && Date.now() < bound,
          `the migrations were never seen under way:\n${proc.output()}`,
        );
        await new Promise((res) => setTimeout(res, 5));
      }
      proc.child.kill('SIGKILL');
      await proc.exited;
      // Nothing of the interrupted migrations is left: no table, no migration recorded.
      const db = new pg.Client({ connectionString: target.url });
      await db.connect();
      try {
        const t = await db.query<{ n: number }>(
          `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
        );
        assert.equal(t.rows[0]!.n, 0, 'the interrupted migrations left tables behind');
      } finally {
        await db.end();
      }

      proc = spawnServer(env);
      const ms = await untilHealthy(base, proc);
      console.log(
        `crash postgres: restart after kill -9 inside the migrations, healthy in ${ms.toFixed(0)} ms`,
      );
      const cookie = await login(base); // the demo data was seeded
      const procedure = await fetch(`${base}/api/v1/procedures/1.004194`, { headers: { cookie } });
      await procedure.arrayBuffer();
      assert.equal(procedure.status, 200, 'the catalogue was seeded');
      proc.child.kill('SIGTERM');
      assert.equal((await proc.exited).code, 0);
      const check = new pg.Client({ connectionString: target.url });
      await check.connect();
      try {
        const m = await check.query<{ n: number }>(
          'select count(*)::int as n from drizzle.__drizzle_migrations',
        );
        const files = readdirSync(join(ROOT, 'src/server/db/migrations')).filter((f) => f.endsWith('.sql'));
        assert.equal(m.rows[0]!.n, files.length, 'every migration applied once');
      } finally {
        await check.end();
      }
    } finally {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
      await admin.end();
      await target.drop();
    }
  });
});

/** Where the server keeps its data, how to read this file's dossiers back, and how to throw it away. */
async function storage(backend: Backend): Promise<{
  env: Record<string, string>;
  read: () => Promise<{ id: string; idNumber: string }[]>;
  drop: () => Promise<void>;
}> {
  const query = async (opts: Parameters<typeof openDatabase>[0]) => {
    const database = await openDatabase(opts);
    try {
      return await database.read((d) =>
        queryRows<{ id: string; idNumber: string }>(
          d,
          sql`select id, applicant->>'idNumber' as "idNumber" from dossiers
              where applicant->>'idNumber' like ${`${ID_PREFIX}%`}`,
        ),
      );
    } finally {
      await database.close();
    }
  };
  if (backend === 'postgres') {
    const pg = await createPgDatabase();
    return {
      env: { DATABASE_URL: pg.url },
      read: () => query({ kind: 'postgres', url: pg.url }),
      drop: pg.drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
  return {
    env: { MOTCUA_DATA_DIR: dir },
    read: () => query({ kind: 'pglite', dataDir: dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
