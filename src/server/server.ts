import { openStorage } from './storage/storage';
import { type App, buildApp } from './app';
import { type Clock, ManualClock, SystemClock } from './clock';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { seedCatalogue } from './db/seed/catalogue';
import { ensureAdmin, seedDemo } from './db/seed/seed';
import { setPasswordCost } from './modules/auth/password';

export interface Server {
  app: App;
  database: Database;
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seeds, and builds the app (not yet listening). */
export async function createServer(
  config: Config,
  opts: NonNullable<Parameters<typeof buildApp>[1]> = {},
): Promise<Server> {
  const clock: Clock =
    config.clock.mode === 'manual' ? new ManualClock(config.clock.start ?? new Date()) : new SystemClock();
  setPasswordCost(config.passwordCost);
  const database = await openDatabase(config.database);
  let reports: Database = database;
  const storage = await openStorage(config.storage);
  try {
    await database.migrate();
    // A replica is migrated through its primary; its pool is small (reports only).
    if (config.readDatabase) reports = await openDatabase({ ...config.readDatabase, max: 4 });
    const app = await buildApp({ config, database, reports, storage, clock }, opts);
    // Instances starting together on a fresh database take turns: each step sees what the one before wrote.
    await database.exclusive('motcua.seeding', async () => {
      await ensureAdmin(database, clock.now(), config.adminPassword, app.log);
      if (config.demoData) await seedDemo(database, clock.now(), app.log);
      if (config.seedCatalogue) await seedCatalogue(database, clock.now(), app.log);
    });
    // The one place the periodic jobs start (their list: jobs/jobs.ts); closing the app waits for a running one.
    if (config.backgroundJobs !== false) app.jobs.start();
    let closed = false;
    return {
      app,
      database,
      clock,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        if (reports !== database) await reports.close();
        await database.close();
        await storage.close();
      },
    };
  } catch (e) {
    if (reports !== database) await reports.close();
    await database.close();
    await storage.close();
    throw e;
  }
}
