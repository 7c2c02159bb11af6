import { sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Database, queryRows } from '../db/database';
import { idempotencyKeys, rateLimits, sessions, verificationCodes } from '../db/schema';

/**
 * What the purge job keeps (decision 0013): rows that no request can use any more are removed, so tables that
 * grow with every sign-in and every retried command stay the size of what is live.
 * - a session ended (`expires_at` passed) opens nothing: removed at once (sign-ins stay in the audit log);
 * - a verification code that expired cannot be entered: removed a day after, long after any resend limit;
 * - an idempotency key answers a client's retry of the same command; clients retry within minutes (a phone
 *   that lost its answer), so a key is kept a week, then removed;
 * - a limit's counter whose window has passed counts nothing: removed.
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
  rateLimits: number;
}

/**
 * Deletes the rows of `table` whose `at` is before `before`, `BATCH` rows a transaction, until none is left;
 * answers how many went. (Inside the subquery, the columns name the subquery's own table.)
 */
async function purge(database: Database, table: PgTable, key: PgColumn, at: PgColumn, before: Date) {
  let total = 0;
  for (;;) {
    const n = await database.tx(
      async (db) =>
        (
          await queryRows(
            db,
            sql`delete from ${table} where ${key} in
                (select ${key} from ${table} where ${at} < ${before} limit ${BATCH}) returning 1`,
          )
        ).length,
    );
    total += n;
    if (n < BATCH) return total;
  }
}

export async function purgeExpired(database: Database, now: Date): Promise<PurgeResult> {
  return {
    sessions: await purge(database, sessions, sessions.tokenHash, sessions.expiresAt, now),
    verificationCodes: await purge(
      database,
      verificationCodes,
      verificationCodes.id,
      verificationCodes.expiresAt,
      new Date(now.getTime() - PURGE_RULES.codeGraceMs),
    ),
    idempotencyKeys: await purge(
      database,
      idempotencyKeys,
      idempotencyKeys.key,
      idempotencyKeys.createdAt,
      new Date(now.getTime() - PURGE_RULES.idempotencyKeyMs),
    ),
    // Before the earlier of the app's and the system's clock: the sign-in limits count on the first, the anonymous
    // lookups on the second (a demo's clock set ahead must not forget a live count).
    rateLimits: await purge(
      database,
      rateLimits,
      rateLimits.key,
      rateLimits.expiresAt,
      new Date(Math.min(now.getTime(), Date.now())),
    ),
  };
}
