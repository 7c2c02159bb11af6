// Issue 18: the limits (failed sign-ins, wrong codes, code sends, kiosk tickets, anonymous lookups) are counted in
// the shared database, so the instances of a cluster count together and a restart forgets nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/server/config';
import { type Database, openDatabase, queryRows } from '../../src/server/db/database';
import { purgeExpired } from '../../src/server/jobs/purge';
import { CodeThrottle } from '../../src/server/modules/accounts/throttle';
import { RateLimit, RateStore } from '../../src/server/modules/auth/rate-limit';
import { createServer, type Server } from '../../src/server/server';
import { BACKENDS, createPgDatabase, SERVER_VARS, skipUnlessPostgres } from '../support/server';

for (const backend of BACKENDS) {
  describe(`the limits' shared store on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    // Two handles on one database: on PostgreSQL two pools, as two app instances hold them.
    let one: Database;
    let two: Database;
    let drop = async () => {};
    before(async () => {
      if (backend === 'postgres') {
        const made = await createPgDatabase();
        drop = made.drop;
        one = await openDatabase({ kind: 'postgres', url: made.url, max: 6 });
        two = await openDatabase({ kind: 'postgres', url: made.url, max: 6 });
      } else {
        one = await openDatabase({ kind: 'pglite', dataDir: null });
        two = one;
      }
      await one.migrate();
    });
    after(async () => {
      if (two !== one) await two?.close();
      await one?.close();
      await drop();
    });

    it('stops parallel attempts from two instances at the limit, counting each one once', async () => {
      const a = new RateLimit(new RateStore(one), 'login', 5, 15 * 60_000);
      const b = new RateLimit(new RateStore(two), 'login', 5, 15 * 60_000);
      const t = Date.parse('2026-11-23T09:00:00+07:00');
      const waits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).attempt('1.2.3.4|bienbt', t + i)),
      );
      assert.equal(waits.filter((w) => w === 0).length, 5, `five go ahead: ${waits}`);
      assert.ok(
        waits.filter((w) => w > 0).every((w) => w > 14 * 60_000 && w <= 15 * 60_000),
        'the rest wait about 15 minutes',
      );
      assert.equal(await a.failures('1.2.3.4|bienbt', t + 20), 5);
      assert.equal(await b.attempt('1.2.3.4|other', t + 20), 0, 'another name is not held back');
      assert.equal(await a.retryAfter('1.2.3.4|bienbt', t + 15 * 60_000 + 20), 0, 'free once they slide out');
    });

    it('forgets the failures of a key after a success, on every instance', async () => {
      const a = new RateLimit(new RateStore(one), 'password', 3, 60_000);
      const b = new RateLimit(new RateStore(two), 'password', 3, 60_000);
      const t = Date.parse('2026-11-23T10:00:00+07:00');
      for (let i = 0; i < 3; i++) await a.fail('u1', t + i);
      assert.ok((await b.retryAfter('u1', t + 5)) > 0);
      await b.succeed('u1');
      assert.equal(await a.retryAfter('u1', t + 6), 0);
      assert.equal(await a.failures('u1', t + 6), 0);
    });

    it('keeps one limit apart from another that counts the same key', async () => {
      const kiosk = new RateLimit(new RateStore(one), 'kiosk', 2, 60_000);
      const booking = new RateLimit(new RateStore(two), 'booking', 2, 60_000);
      const t = Date.parse('2026-11-23T11:00:00+07:00');
      await kiosk.fail('10.0.0.9', t);
      await kiosk.fail('10.0.0.9', t + 1);
      assert.ok((await kiosk.attempt('10.0.0.9', t + 2)) > 0);
      assert.equal(await booking.attempt('10.0.0.9', t + 2), 0);
    });

    it('holds a code resend for the cool-down whichever instance is asked, and gives back a failed send', async () => {
      const a = new CodeThrottle(new RateStore(one));
      const b = new CodeThrottle(new RateStore(two));
      const t = Date.parse('2026-11-23T12:00:00+07:00');
      assert.equal(await a.take('verify|0912345678', '5.6.7.8', t), 0);
      assert.equal(await b.take('verify|0912345678', '5.6.7.8', t + 10_000), 50_000, 'one code a minute');
      await a.unsent('verify|0912345678', '5.6.7.8');
      assert.equal(
        await b.take('verify|0912345678', '5.6.7.8', t + 10_000),
        0,
        'an undelivered code is not counted',
      );
      // Five a number in an hour: after the cool-downs, the sixth waits for the first to slide out.
      for (let i = 2; i <= 5; i++)
        assert.equal(await a.take('verify|0912345678', '5.6.7.8', t + i * 60_000), 0);
      assert.equal(
        await b.take('verify|0912345678', '5.6.7.8', t + 6 * 60_000),
        3_600_000 - (6 * 60_000 - 10_000),
      );
    });

    it('holds thirty code sends from one address an hour, whatever the numbers', async () => {
      const a = new CodeThrottle(new RateStore(one));
      const t = Date.parse('2026-11-23T13:00:00+07:00');
      for (let i = 0; i < 30; i++)
        assert.equal(await a.take(`reset|09000000${String(i).padStart(2, '0')}`, '9.9.9.9', t + i), 0);
      assert.ok((await a.take('reset|0900000099', '9.9.9.9', t + 40)) > 59 * 60_000);
      assert.equal(
        await a.take('reset|0900000099', '9.9.9.8', t + 40),
        0,
        'another address is not held back',
      );
    });

    it('counts anonymous lookups in a fixed window shared by the instances', async () => {
      const a = new RateStore(one);
      const b = new RateStore(two);
      const t = Date.now();
      const counts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).count('lookup|GET /x|1.1.1.1', t, 60_000)),
      );
      assert.deepEqual(
        counts.map((c) => c.current).sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        'each request counted once',
      );
      assert.ok(counts.every((c) => c.ttl > 0 && c.ttl <= 60_000));
      assert.equal((await a.peek('lookup|GET /x|1.1.1.1', t + 1000)).current, 10);
      assert.equal((await b.count('lookup|GET /x|1.1.1.1', t + 60_000, 60_000)).current, 1, 'a new window');
    });

    it('purges counters whose window has passed and keeps the live ones', async () => {
      const store = new RateStore(one);
      const t = Date.now();
      await store.count('lookup|GET /y|old', t - 120_000, 60_000);
      await store.count('lookup|GET /y|live', t, 60_000);
      const purged = await purgeExpired(one, new Date(t + 1));
      assert.ok(purged.rateLimits >= 1);
      const keys = await one.read((db) =>
        queryRows<{ key: string }>(db, sql`SELECT key FROM rate_limits WHERE key LIKE 'lookup|GET /y|%'`),
      );
      assert.deepEqual(
        keys.map((k) => k.key),
        ['lookup|GET /y|live'],
      );
    });
  });
}

describe('sign-in limits across two app instances and a restart', {
  skip: await skipUnlessPostgres('postgres'),
}, () => {
  let db: { url: string; drop: () => Promise<void> };
  const instances: Server[] = [];
  const start = async () => {
    const s = await createServer(
      { ...loadConfig({ ...SERVER_VARS, DATABASE_URL: db.url }), backgroundJobs: false },
      { logger: false },
    );
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    instances.push(s);
    const addr = s.app.server.address();
    return { s, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
  };
  before(async () => {
    db = await createPgDatabase();
  });
  after(async () => {
    for (const s of instances) await s.close().catch(() => {});
    await db?.drop();
  });

  const login = (base: string, password: string) =>
    fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });

  it('refuses the sixth wrong password whichever instance gets it, and still after a restart', async () => {
    const a = await start();
    const b = await start();
    for (let i = 0; i < 5; i++) {
      const r = await login(i % 2 ? a.base : b.base, `sai-mat-khau-${i}`);
      assert.equal(r.status, 401, await r.text());
    }
    const refused = await login(a.base, 'sai-mat-khau-5');
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TOO_MANY_ATTEMPTS');
    assert.equal((await login(b.base, 'sai-mat-khau-6')).status, 429);
    await a.s.close();
    await b.s.close();
    const c = await start();
    assert.equal((await login(c.base, 'sai-mat-khau-7')).status, 429, 'a restart forgets nothing');
  });

  it("counts an address's lookups by code on every instance together", async () => {
    const a = await start();
    const b = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await fetch(
        `${i % 2 ? a.base : b.base}/api/v1/public/dossiers/000.01.30.H29-261123-${String(i).padStart(4, '0')}`,
      );
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    assert.equal(statuses.filter((s) => s === 429).length, 1, `only the 31st is refused: ${statuses}`);
    assert.equal(statuses.at(-1), 429);
  });
});
