import { inArray, lt } from 'drizzle-orm';
import type { Database, Db } from '../db/database';
import { idempotencyKeys, sessions, verificationCodes } from '../db/schema';

/**
 * What the purge job keeps (decision 0013): rows that no request can use any more are removed, so tables that
 * grow with every sign-in and every retried command stay the size of what is live.
 * - a session ended (`expires_at` passed) opens nothing: removed at once (sign-ins stay in the audit log);
 * - a verification code that expired cannot be entered: removed a day after, long after any resend limit;
 * - an idempotency key answers a client's retry of the same command; clients retry within minutes (a phone
 *   that lost its answer), so a key is kept a week, then removed.
 */
export const PURGE_RULES = {
  codeGraceMs: 24 * 3_600_000,
  idempotencyKeyMs: 7 * 24 * 3_600_000,
} as const;

/** Rows per statement: each delete is short, so it never holds locks that sign-ins wait for. */
const BATCH = 5_000;

export interface PurgeResult {
  sessions: number;
  verificationCodes: number;
  idempotencyKeys: number;
}

/** Deletes in batches of `BATCH` rows, each its own transaction, until none is left; answers how many went. */
async function inBatches(database: Database, remove: (db: Db) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await database.tx(remove);
    total += n;
    if (n < BATCH) return total;
  }
}

export async function purgeExpired(database: Database, now: Date): Promise<PurgeResult> {
  const codesBefore = new Date(now.getTime() - PURGE_RULES.codeGraceMs);
  const keysBefore = new Date(now.getTime() - PURGE_RULES.idempotencyKeyMs);
  return {
    sessions: await inBatches(database, async (db) => {
      const ended = db
        .select({ k: sessions.tokenHash })
        .from(sessions)
        .where(lt(sessions.expiresAt, now))
        .limit(BATCH);
      return (
        await db
          .delete(sessions)
          .where(inArray(sessions.tokenHash, ended))
          .returning({ k: sessions.tokenHash })
      ).length;
    }),
    verificationCodes: await inBatches(database, async (db) => {
      const expired = db
        .select({ id: verificationCodes.id })
        .from(verificationCodes)
        .where(lt(verificationCodes.expiresAt, codesBefore))
        .limit(BATCH);
      return (
        await db
          .delete(verificationCodes)
          .where(inArray(verificationCodes.id, expired))
          .returning({ id: verificationCodes.id })
      ).length;
    }),
    idempotencyKeys: await inBatches(database, async (db) => {
      const old = db
        .select({ k: idempotencyKeys.key })
        .from(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, keysBefore))
        .limit(BATCH);
      return (
        await db
          .delete(idempotencyKeys)
          .where(inArray(idempotencyKeys.key, old))
          .returning({ k: idempotencyKeys.key })
      ).length;
    }),
  };
}
