import type { App } from '../app';
import { sweepLateWarnings } from '../modules/dossiers/jobs/warnings';
import { dispatchOnce, webhookSender } from '../modules/notifications/dispatcher';
import { type RefreshResult, refreshRollups } from '../modules/stats/rollups';
import { type PurgeResult, purgeExpired } from './purge';

/** The statistics rollup refresh; report endpoints run it on demand before they read (stats.routes.ts). */
export const ROLLUPS_JOB = 'stats.rollups';
export const LATE_WARNINGS_JOB = 'dossiers.late-warnings';
export const DISPATCH_JOB = 'notifications.dispatch';
export const PURGE_JOB = 'housekeeping.purge';

/**
 * Every periodic job of the server, in one list, registered on the app's runner (`app.jobs`) when the app is
 * built; `createServer` starts their timed turns (unless `backgroundJobs` is false).
 */
export function registerJobs(app: App): void {
  const { config, database, clock } = app.deps;
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
