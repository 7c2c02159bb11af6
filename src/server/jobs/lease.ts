import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database';
import type { JobLease } from './runner';

/**
 * The lease of `singleton` jobs in the shared database (issue 18): a row per job in `job_leases`, so a job such as
 * the statistics refresh runs on one app instance of a cluster, not on each.
 *
 * The holder keeps it: each of its turns takes the row again and, when the run ends, pushes its expiry `ttlMs`
 * ahead; another instance's turns are skipped while the row lives. When the holder stops or dies, its row expires
 * after `ttlMs` (the runner passes the job's period, at least a minute) and the next instance to try takes the job
 * over. So the job runs at its own period across the cluster, never two runs at once — as long as a run takes
 * less than `ttlMs` — and a dead instance costs at most one period. Times are the database's clock (`now()`),
 * which every instance shares; the app's own clock may be a test clock.
 */
export function databaseLease(
  database: Database,
  holder: string = randomUUID(),
): JobLease & { holder: string } {
  const ttl = (ms: number) => sql`now() + ${Math.max(1, Math.round(ms))} * interval '1 millisecond'`;
  return {
    holder,
    async acquire(job, ttlMs) {
      const rows = await database.single((db) =>
        queryRows<{ holder: string }>(
          db,
          sql`INSERT INTO job_leases (job, holder, expires_at) VALUES (${job}, ${holder}, ${ttl(ttlMs)})
              ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
              WHERE job_leases.holder = EXCLUDED.holder OR job_leases.expires_at <= now()
              RETURNING holder`,
        ),
      );
      if (rows.length === 0) return null;
      return async () => {
        await database.single((db) =>
          db.execute(
            sql`UPDATE job_leases SET expires_at = ${ttl(ttlMs)} WHERE job = ${job} AND holder = ${holder}`,
          ),
        );
      };
    },
  };
}
