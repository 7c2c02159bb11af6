// The housekeeping job (issue 17): ended sessions, expired verification codes and week-old idempotency keys are
// removed; what a request can still use stays.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { idempotencyKeys, sessions, users, verificationCodes } from '../../src/server/db/schema';
import { PURGE_JOB } from '../../src/server/jobs/jobs';
import type { PurgeResult } from '../../src/server/jobs/purge';
import { Client } from '../support/http';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  skipUnlessPostgres,
  startTestServer,
  type TestServer,
} from '../support/server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const backend of BACKENDS) {
  describe(`housekeeping purge on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(backend);
    });
    after(() => s?.close());

    it('removes ended sessions, codes expired a day ago and idempotency keys older than a week, and keeps the rest', async () => {
      const now = s.clock.now();
      const at = (ms: number) => new Date(now.getTime() + ms);
      const userId = await s.database.read(
        async (db) =>
          (await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')))[0]!.id,
      );
      const tag = randomUUID();
      await s.database.tx(async (db) => {
        await db.insert(sessions).values([
          {
            tokenHash: `${tag}-ended`,
            userId,
            createdAt: at(-9 * HOUR),
            expiresAt: at(-HOUR),
            lastSeenAt: at(-2 * HOUR),
          },
          {
            tokenHash: `${tag}-live`,
            userId,
            createdAt: at(-HOUR),
            expiresAt: at(7 * HOUR),
            lastSeenAt: at(-HOUR),
          },
        ]);
        const code = { userId, purpose: 'verify' as const, codeHash: 'x', createdAt: at(-3 * DAY) };
        await db.insert(verificationCodes).values([
          { ...code, id: randomUUID(), expiresAt: at(-2 * DAY) },
          // Expired an hour ago: kept for the day after its end.
          { ...code, id: randomUUID(), expiresAt: at(-HOUR) },
        ]);
        await db.insert(idempotencyKeys).values([
          { key: `${tag}:old`, userId, response: {}, createdAt: at(-8 * DAY) },
          { key: `${tag}:recent`, userId, response: {}, createdAt: at(-6 * DAY) },
        ]);
      });

      const r = await s.app.jobs.runNow<PurgeResult>(PURGE_JOB);
      assert.ok(r.sessions >= 1 && r.verificationCodes >= 1 && r.idempotencyKeys >= 1, JSON.stringify(r));

      const left = await s.database.read(async (db) => ({
        sessions: (await db.select({ k: sessions.tokenHash }).from(sessions)).map((x) => x.k),
        codes: (await db.select({ e: verificationCodes.expiresAt }).from(verificationCodes)).map((x) =>
          x.e.getTime(),
        ),
        keys: (await db.select({ k: idempotencyKeys.key }).from(idempotencyKeys)).map((x) => x.k),
      }));
      assert.ok(!left.sessions.includes(`${tag}-ended`));
      assert.ok(left.sessions.includes(`${tag}-live`));
      assert.deepEqual(
        left.codes.filter((e) => e < now.getTime()),
        [at(-HOUR).getTime()],
      );
      assert.ok(!left.keys.includes(`${tag}:old`));
      assert.ok(left.keys.includes(`${tag}:recent`));
    });

    it('leaves a signed-in officer signed in', async () => {
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      await s.app.jobs.runNow(PURGE_JOB);
      const me = await admin.get('/api/v1/auth/me');
      assert.equal(me.status, 200, JSON.stringify(me.body));
    });
  });
}
