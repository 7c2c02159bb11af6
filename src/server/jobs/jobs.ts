import type { App } from '../app';
import { sweepLateWarnings } from '../modules/dossiers/jobs/warnings';
import { dispatchOnce, webhookSender } from '../modules/notifications/dispatcher';
import { type RefreshResult, refreshRollups } from '../modules/stats/rollups';
import { collectGarbage, type MoveResult, moveDatabaseFiles } from '../storage/maintenance';
import { type PurgeResult, purgeExpired } from './purge';

/** The statistics rollup refresh; report endpoints run it on demand before they read (stats.routes.ts). */
export const ROLLUPS_JOB = 'stats.rollups';
export const LATE_WARNINGS_JOB = 'dossiers.late-warnings';
export const DISPATCH_JOB = 'notifications.dispatch';
export const PURGE_JOB = 'housekeeping.purge';
export const FILES_MOVE_JOB = 'files.move';
export const FILES_COLLECT_JOB = 'files.collect';

/**
 * Every periodic job of the server, in one list, registered on the app's runner (`app.jobs`) when the app is
 * built; `createServer` starts their timed turns (unless `backgroundJobs` is false).
 */
export function registerJobs(app: App): void {
  const { config, database, storage, clock } = app.deps;
  const jobs = app.jobs;

  jobs.register<RefreshResult>({
    name: ROLLUPS_JOB,
    everyMs: 30_000,
    singleton: true,
    run: () => refreshRollups(database, () => clock.now()),
  });

  // Ended sessions, expired codes, week-old idempotency keys (purge.ts says what is kept and why).
  jobs.register<PurgeResult>({
    name: PURGE_JOB,
    everyMs: 3_600_000,
    firstDelayMs: 60_000,
    singleton: true,
    run: () => purgeExpired(database, clock.now()),
  });

  // Files stored in the database before issue 18 move into the file storage, 500 a turn, each checked against its
  // SHA-256 (storage/maintenance.ts); once none is left a turn costs one indexed count.
  jobs.register<MoveResult>({
    name: FILES_MOVE_JOB,
    everyMs: 10 * 60_000,
    firstDelayMs: 30_000,
    singleton: true,
    run: async () => {
      const r = await moveDatabaseFiles(database, storage, { limit: 500 });
      if (r.mismatched.length > 0)
        app.log.error(
          { job: FILES_MOVE_JOB, ...r },
          'files whose bytes do not match their SHA-256 stay in the database',
        );
      return r;
    },
  });

  // Stored objects no row names any more (dropped drafts' files), an hour after they were let go.
  jobs.register<number>({
    name: FILES_COLLECT_JOB,
    everyMs: 3_600_000,
    firstDelayMs: 90_000,
    singleton: true,
    run: () => collectGarbage(database, storage, new Date(Date.now() - 3_600_000)),
  });

  // Late-dossier warnings to officers and leaders; with the manual test clock, tests sweep when they choose.
  if (config.clock.mode !== 'manual') {
    jobs.register<number>({
      name: LATE_WARNINGS_JOB,
      everyMs: 5 * 60_000,
      singleton: true,
      run: () => sweepLateWarnings(database, app.calendar, clock.now()),
    });
  }

  // Messages to the province's gateway; each message's own failure is kept on its outbox row and retried.
  if (config.notifyWebhook) {
    const send = webhookSender(config.notifyWebhook);
    jobs.register({
      name: DISPATCH_JOB,
      everyMs: 5_000,
      run: async () => {
        const r = await dispatchOnce(database, clock, send);
        if (r.failed > 0)
          app.log.warn({ job: DISPATCH_JOB, ...r }, 'messages not accepted by the gateway; retried later');
        return r;
      },
    });
  }
}
