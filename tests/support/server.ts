import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/database';
import { seedCatalogue } from '../../src/server/db/seed/catalogue';
import { ensureAdmin, seedDemo } from '../../src/server/db/seed/seed';
import { setPasswordCost } from '../../src/server/modules/auth/password';
import { createServer, type Server } from '../../src/server/server';
import { probePostgres } from './probe.mjs';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** The real PostgreSQL that integration tests also run against (database `test`, trust auth). */
export const PG_ADMIN_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_PASSWORD = 'quantri-he-thong-2026';

/**
 * The configuration of a server a test starts itself with `createServer(loadConfig({ ...SERVER_VARS, … }))` —
 * several instances on one database, a replica — as `startTestServer` configures its own: the test clock,
 * the administrator, the test password cost, no log, a free port.
 */
export const SERVER_VARS: Record<string, string> = {
  MOTCUA_CLOCK: 'manual',
  MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
  MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
  MOTCUA_PASSWORD_COST: '14',
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
};

/**
 * Whether PostgreSQL answers, decided once per test process before any suite starts (issue 26).
 *
 * `npm test` probes it in its own process before node:test starts and passes the answer down in
 * `MOTCUA_TEST_PG` (`reachable` / `unreachable`), so no test file probes at all. A file run on its own probes
 * here, at import — a top-level await that finishes before the file registers a single test, so the probe never
 * races the file's own work for the event loop — with retries and a generous bound. Under CI=true an unreachable
 * PostgreSQL is a failure, never a skip.
 */
export const POSTGRES_REACHABLE: boolean = await decideReachability();

async function decideReachability(): Promise<boolean> {
  const told = process.env.MOTCUA_TEST_PG;
  let reachable: boolean;
  let why = 'the test runner found it unreachable';
  if (told === 'reachable' || told === 'unreachable') reachable = told === 'reachable';
  else {
    const probe = await probePostgres(PG_ADMIN_URL, 5);
    reachable = probe.ok;
    why = probe.error;
  }
  if (!reachable && process.env.CI === 'true') {
    throw new Error(`PostgreSQL at ${PG_ADMIN_URL} is unreachable under CI: ${why}`);
  }
  return reachable;
}

/** Whether PostgreSQL answers (decided once, before any test; see `POSTGRES_REACHABLE`). */
export async function postgresReachable(): Promise<boolean> {
  return POSTGRES_REACHABLE;
}

/** node:test `skip` option for PostgreSQL suites: a reason outside CI, never under CI. */
export async function skipUnlessPostgres(backend: Backend): Promise<string | false> {
  if (backend !== 'postgres') return false;
  return (await postgresReachable()) ? false : 'PostgreSQL unreachable at 127.0.0.1:5432 (outside CI)';
}

/** A throw-away database on the real PostgreSQL, so test runs never collide. */
export async function createPgDatabase(
  template: string | null = null,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `motcua_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    if (!template) return void (await admin.query(`CREATE DATABASE ${name}`));
    // A template cannot be copied while another copy of it is being made: one at a time.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServer extends Server {
  backend: Backend;
  dataDir: string | null;
}

/**
 * A full motcua server (migrated, admin and demo data seeded, manual clock) on the given backend.
 * PGlite uses a fresh temporary data directory; PostgreSQL a fresh database, dropped on close.
 *
 * The database starts as a copy of a template made once per test run for the same seeding configuration
 * (`seededTemplate`): initialising PGlite, migrating and seeding cost about 7 s of CPU a server, a copy 1 s.
 * What the server does at start-up on a copy (migrate, ensure the administrator, seed) finds the work done,
 * exactly as on any restart. `fresh: true`, a given data directory or a logger (a test that reads what the
 * first start logs) starts from an empty database instead.
 */
export async function startTestServer(
  backend: Backend,
  env: Record<string, string> = {},
  opts: { dataDir?: string; logger?: FastifyServerOptions['logger']; fresh?: boolean } = {},
): Promise<TestServer> {
  let cleanup = async () => {};
  let dbEnv: Record<string, string>;
  let dataDir: string | null = null;
  const vars: Record<string, string> = {
    MOTCUA_CLOCK: 'manual',
    MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
    MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // a sign-in costs 80 ms of CPU, not 600 (the tests sign in hundreds of times); production refuses it
    ...(env.NODE_ENV === 'production' ? {} : { MOTCUA_PASSWORD_COST: '14' }),
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  };
  const template = opts.fresh || opts.dataDir || opts.logger ? null : await seededTemplate(backend, vars);
  if (backend === 'postgres') {
    if (!(await postgresReachable())) throw new Error('PostgreSQL unreachable');
    const tmp = await createPgDatabase(template);
    // The stored files' directory (issue 18: `<MOTCUA_DATA_DIR>/files`), never the working directory's ./data.
    const files = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-files-'));
    dbEnv = { DATABASE_URL: tmp.url, MOTCUA_DATA_DIR: files };
    cleanup = async () => {
      await tmp.drop();
      if (!opts.dataDir) rmSync(files, { recursive: true, force: true });
    };
  } else {
    dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
    if (template) cpSync(template, dataDir, { recursive: true });
    dbEnv = { MOTCUA_DATA_DIR: dataDir };
    const dir = dataDir;
    if (!opts.dataDir) cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({ ...vars, ...dbEnv });
  const server = await createServer(config, {
    logger: opts.logger ?? (env.LOG_LEVEL === 'error' ? { level: 'error' } : false),
  });
  return {
    ...server,
    backend,
    dataDir,
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}

/**
 * The run these templates belong to: `npm test` names one for all its processes (MOTCUA_TEST_RUN) and removes
 * the templates when it ends. A file run on its own has no run to clean up after it: its servers start empty.
 */
const RUN = process.env.MOTCUA_TEST_RUN;
const TEMPLATE_DIR = join(tmpdir(), `motcua-templates-${RUN}`);
const TEMPLATE_DB_PREFIX = `motcua_tpl_${RUN}_`;
const templates = new Map<string, Promise<string | null>>();

/**
 * A migrated and seeded database for this seeding configuration (the clock's start, demo data, catalogue, the
 * administrator's password), made once: a PGlite data directory (its path) or a PostgreSQL template database
 * (its name). `null` outside `npm test`, or on a system clock (whose seed would depend on when it ran).
 */
function seededTemplate(backend: Backend, vars: Record<string, string>): Promise<string | null> {
  if (!RUN || vars.MOTCUA_CLOCK !== 'manual') return Promise.resolve(null);
  const seeding = [
    backend,
    vars.MOTCUA_CLOCK_START,
    vars.MOTCUA_DEMO_DATA,
    vars.MOTCUA_SEED_CATALOGUE,
    vars.MOTCUA_ADMIN_PASSWORD,
    vars.MOTCUA_PASSWORD_COST,
  ];
  const key = createHash('sha256').update(JSON.stringify(seeding)).digest('hex').slice(0, 16);
  let made = templates.get(key);
  if (!made) {
    made = (backend === 'postgres' ? pgTemplate(key, vars) : pgliteTemplate(key, vars)).catch((e) => {
      templates.delete(key);
      throw e;
    });
    templates.set(key, made);
  }
  return made;
}

/** Seeds a database as a server's first start would, without starting the server (no jobs, no HTTP). */
async function seedInto(dbEnv: Record<string, string>, vars: Record<string, string>): Promise<void> {
  const config = loadConfig({ ...vars, ...dbEnv });
  setPasswordCost(config.passwordCost);
  const database = await openDatabase(config.database);
  try {
    const now = config.clock.start ?? new Date();
    await database.migrate();
    await ensureAdmin(database, now, config.adminPassword, SILENT);
    if (config.demoData) await seedDemo(database, now, SILENT);
    if (config.seedCatalogue) await seedCatalogue(database, now, SILENT);
  } finally {
    await database.close();
  }
}
const SILENT = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<typeof seedDemo>[2];

/** Made in a private directory, then renamed into place: another test process making the same one loses the race harmlessly. */
async function pgliteTemplate(key: string, vars: Record<string, string>): Promise<string> {
  const dir = join(TEMPLATE_DIR, key);
  if (existsSync(dir)) return dir;
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const work = mkdtempSync(join(TEMPLATE_DIR, `${key}-making-`));
  await seedInto({ MOTCUA_DATA_DIR: work }, vars);
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another process put the same template in place first
  }
  return dir;
}

/** Made under an advisory lock, so the test processes of one run make each template once. */
async function pgTemplate(key: string, vars: Record<string, string>): Promise<string> {
  const name = `${TEMPLATE_DB_PREFIX}${key}`;
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return;
      await admin.query(`CREATE DATABASE ${name}_making`);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}_making`;
      await seedInto({ DATABASE_URL: url.toString() }, vars);
      await admin.query(`ALTER DATABASE ${name}_making RENAME TO ${name}`);
    } catch (e) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}_making WITH (FORCE)`).catch(() => {});
      throw e;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  admin.on('error', () => {}); // a connection ended by the server: the query in flight fails and says why
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
