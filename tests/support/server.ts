import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/server/config';
import { createServer, type Server } from '../../src/server/server';
import { probePostgres } from './probe.mjs';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** The real PostgreSQL that integration tests also run against (database `test`, trust auth). */
export const PG_ADMIN_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_PASSWORD = 'quantri-he-thong-2026';

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
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `motcua_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
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
 */
export async function startTestServer(
  backend: Backend,
  env: Record<string, string> = {},
  opts: { dataDir?: string; logger?: FastifyServerOptions['logger'] } = {},
): Promise<TestServer> {
  let cleanup = async () => {};
  let dbEnv: Record<string, string>;
  let dataDir: string | null = null;
  if (backend === 'postgres') {
    if (!(await postgresReachable())) throw new Error('PostgreSQL unreachable');
    const tmp = await createPgDatabase();
    dbEnv = { DATABASE_URL: tmp.url };
    cleanup = tmp.drop;
  } else {
    dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
    dbEnv = { MOTCUA_DATA_DIR: dataDir };
    const dir = dataDir;
    if (!opts.dataDir) cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({
    MOTCUA_CLOCK: 'manual',
    MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
    MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...dbEnv,
    ...env,
  });
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
