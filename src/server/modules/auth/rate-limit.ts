import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/database';

/**
 * The wait before one more hit is allowed when at most `max` hits may fall within any `windowMs` (a sliding
 * window over the times in `hits`, oldest first): 0 when allowed now, else until the oldest of the last `max`
 * hits slides out.
 */
export function slidingWait(hits: readonly number[], max: number, windowMs: number, now: number): number {
  const recent = hits.filter((t) => now - t < windowMs);
  if (recent.length < max) return 0;
  return windowMs - (now - (recent[recent.length - max] as number));
}

/**
 * The shared store of every limit (issue 18, decision 0015): one row per limited key in `rate_limits`, holding the
 * times of its hits within the longest window that key is counted over. In the database, not in the process, so
 * a cluster's instances count together and a restart forgets nothing. A hit that depends on the count is decided
 * under the row's lock (`INSERT … ON CONFLICT DO UPDATE` takes it), so parallel requests on any instance cannot
 * all pass the limit. Times are the app's clock (a test may set it), in epoch milliseconds.
 */
export class RateStore {
  constructor(readonly database: Database) {}

  /** The hits of `key` within `windowMs` before `now`, oldest first. */
  async hits(key: string, now: number, windowMs: number): Promise<number[]> {
    const rows = await this.database.read((db) =>
      queryRows<{ hits: number[] }>(db, sql`SELECT hits FROM rate_limits WHERE key = ${key}`),
    );
    return (rows[0]?.hits ?? []).filter((t) => now - t < windowMs);
  }

  /**
   * Locks the rows of `keys` (made when missing, in one order so that two takes cannot wait on each other) and asks
   * `decide` for the wait given each key's hits within `windowMs`; when it is 0 and `count` holds, `now` is added to
   * every key. Answers the wait.
   */
  async take(
    keys: readonly string[],
    now: number,
    windowMs: number,
    decide: (hits: number[][]) => number,
  ): Promise<number> {
    const order = [...new Set(keys)].sort();
    return this.database.tx(async (db) => {
      const byKey = new Map<string, number[]>();
      for (const key of order) {
        const [row] = await queryRows<{ hits: number[] }>(
          db,
          sql`INSERT INTO rate_limits (key, hits, expires_at) VALUES (${key}, '[]'::jsonb, ${new Date(now)})
              ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING hits`,
        );
        byKey.set(
          key,
          (row?.hits ?? []).filter((t) => now - t < windowMs),
        );
      }
      const wait = decide(keys.map((k) => byKey.get(k) ?? []));
      if (wait > 0) return wait;
      for (const key of order) {
        const hits = [...(byKey.get(key) ?? []), now];
        await db.execute(
          sql`UPDATE rate_limits SET hits = ${JSON.stringify(hits)}::jsonb, expires_at = ${new Date(now + windowMs)}
              WHERE key = ${key}`,
        );
      }
      return 0;
    });
  }

  /** Adds a hit to `key` whatever its count (a failure counted after the fact). */
  async add(key: string, now: number, windowMs: number): Promise<void> {
    await this.take([key], now, windowMs, () => 0);
  }

  /**
   * Counts one request of `key` in a fixed window of `windowMs` (the anonymous lookups' limits): the window starts
   * at the first request and the count starts again once it has passed. One statement, under the row's lock.
   * Answers the count so far and the milliseconds the window still runs.
   */
  async count(key: string, now: number, windowMs: number): Promise<{ current: number; ttl: number }> {
    const at = new Date(now);
    const end = new Date(now + windowMs);
    const [row] = await this.database.single((db) =>
      queryRows<{ count: number; expires_at: Date | string }>(
        db,
        sql`INSERT INTO rate_limits AS r (key, count, expires_at) VALUES (${key}, 1, ${end})
            ON CONFLICT (key) DO UPDATE SET
              count = CASE WHEN r.expires_at <= ${at} THEN 1 ELSE r.count + 1 END,
              expires_at = CASE WHEN r.expires_at <= ${at} THEN ${end} ELSE r.expires_at END
            RETURNING count, expires_at`,
      ),
    );
    return { current: row?.count ?? 1, ttl: row ? new Date(row.expires_at).getTime() - now : windowMs };
  }

  /** The fixed-window count of `key` without counting (0 once its window has passed). */
  async peek(key: string, now: number): Promise<{ current: number; ttl: number }> {
    const rows = await this.database.read((db) =>
      queryRows<{ count: number; expires_at: Date | string }>(
        db,
        sql`SELECT count, expires_at FROM rate_limits WHERE key = ${key}`,
      ),
    );
    const row = rows[0];
    const ttl = row ? new Date(row.expires_at).getTime() - now : 0;
    return ttl > 0 && row ? { current: row.count, ttl } : { current: 0, ttl: 0 };
  }

  /** Forgets every hit of `key`. */
  async forget(key: string): Promise<void> {
    await this.database.single((db) => db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`));
  }

  /** Takes back the latest hit of each key (an action that was counted but did not happen). */
  async dropLast(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.database.single((db) =>
        db.execute(sql`UPDATE rate_limits SET hits = hits - (-1) WHERE key = ${key}`),
      );
    }
  }
}

/**
 * One limit (decision 0001): at most `max` hits per key within a sliding `windowMs` — failed sign-ins per address
 * and name, wrong codes, kiosk tickets per address. Its keys are `name|key` in the shared `RateStore`.
 */
export class RateLimit {
  constructor(
    readonly store: RateStore,
    readonly name: string,
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  #key(key: string): string {
    return `${this.name}|${key}`;
  }

  /** Milliseconds until another hit is allowed; 0 when allowed now. */
  async retryAfter(key: string, now: number): Promise<number> {
    return slidingWait(
      await this.store.hits(this.#key(key), now, this.windowMs),
      this.max,
      this.windowMs,
      now,
    );
  }

  /** Hits counted for `key` within the window. */
  async failures(key: string, now: number): Promise<number> {
    return (await this.store.hits(this.#key(key), now, this.windowMs)).length;
  }

  /** Counts a hit (a failure, a ticket issued) whatever the count. */
  async fail(key: string, now: number): Promise<void> {
    await this.store.add(this.#key(key), now, this.windowMs);
  }

  /**
   * Counts an attempt as failed before it is checked, so parallel attempts — on any instance — cannot all pass the
   * limit while the (slow) check runs; `succeed` forgets it. Returns the wait when over the limit (nothing is
   * counted then), 0 when the attempt may go ahead.
   */
  async attempt(key: string, now: number): Promise<number> {
    return this.store.take([this.#key(key)], now, this.windowMs, ([hits]) =>
      slidingWait(hits ?? [], this.max, this.windowMs, now),
    );
  }

  async succeed(key: string): Promise<void> {
    await this.store.forget(this.#key(key));
  }
}
