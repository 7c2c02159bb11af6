import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock';
import { Mutex } from './mutex';
import { isDatabaseUnavailable } from './unavailable';
import * as schema from './schema';

export type Schema = typeof schema;
/** A Drizzle handle: the database or an open transaction (same API on PGlite and PostgreSQL). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; everything it writes commits or nothing does. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Runs read-only work (no transaction on PostgreSQL; serialized on PGlite); run again if the connection was lost, so it must change nothing. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs work that reads, then writes in one single statement, which is its own transaction: on PostgreSQL
   * without BEGIN and COMMIT around it (two round trips fewer; each statement commits as it runs, and the one
   * write commits whole or not at all), never run again; on PGlite as `tx`. For `fn` with more than one write,
   * use `tx`.
   */
  single<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` outside any caller's transaction, on a dedicated connection (PostgreSQL) where each
   * statement commits on its own with asynchronous commit. For counters whose row lock must not be held
   * for a whole command; safe because WAL is flushed in order (a later synchronous commit that depends on
   * the counter makes it durable). `null` on PGlite, where transactions are serialized: callers run inline.
   */
  readonly autonomous: (<T>(fn: (db: Db) => Promise<T>) => Promise<T>) | null;
  migrate(): Promise<void>;
  /**
   * Runs `fn` while holding the cluster-wide lock `name`: several instances starting on one database (issue 18)
   * take turns at their start-up work (migrations, the administrator, seeding). A session advisory lock on a
   * connection of its own (PostgreSQL), so it goes with the session if this process dies mid-way; on PGlite, held
   * by one process, `fn` simply runs.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Hears `channel`'s notifications (`SELECT pg_notify(channel, payload)`, see `notify`) from every app instance
   * on this database (issue 18), on a connection of its own, opened again when it is lost (`onResync` is then
   * called: notifications sent meanwhile were missed). Answers the unsubscribe. `null` on PGlite: one process
   * holds the database, so there is no other instance to hear from or to tell.
   */
  readonly listen:
    | ((
        channel: string,
        on: (payload: string) => void,
        onResync?: () => void,
      ) => Promise<() => Promise<void>>)
    | null;
  close(): Promise<void>;
}

/** Notifies every instance listening on `channel` (delivered when the statement commits). */
export async function notify(database: Database, channel: string, payload: string): Promise<void> {
  await database.single((db) => db.execute(sql`SELECT pg_notify(${channel}, ${payload})`));
}

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | null /* null: in memory */ }
  | { kind: 'postgres'; url: string; max?: number };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.kind === 'pglite' ? openPglite(opts.dataDir) : openPostgres(opts.url, opts.max ?? 10);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const client = await PGlite.create({
      ...(dataDir ? { dataDir: join(dataDir, 'pglite') } : {}),
      extensions: { pg_trgm, unaccent },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    // One PGlite instance runs one transaction at a time, and a statement issued while another
    // caller's transaction is open would run inside it: serialize all access (STACK.md).
    const mutex = new Mutex();
    return {
      kind: 'pglite',
      tx: (fn) => mutex.run(() => db.transaction((t) => fn(t as unknown as Db))),
      read: (fn) => mutex.run(() => fn(db)),
      single: (fn) => mutex.run(() => db.transaction((t) => fn(t as unknown as Db))),
      autonomous: null,
      migrate: () =>
        mutex.run(() => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS })),
      exclusive: (_name, fn) => fn(),
      listen: null,
      close: async () => {
        await mutex.run(() => client.close());
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** How many connections a request tries when the ones it gets were cut by a failover. */
const STALE_RETRIES = 4;

/**
 * Every session runs without PostgreSQL's JIT compiler. motcua's statements are short (one dossier, one page of a
 * list), but their correlated subqueries can be estimated expensive — always so on tables not analysed yet, as
 * after a bulk load — and above `jit_above_cost` each execution then spent 20–200 ms compiling code it ran for a
 * millisecond: on 1 M dossiers a dossier's page took 1.2 s under the peak-day load (decision 0015, "Measured").
 * JIT pays for long analytical scans, which motcua's reports avoid (they read rollups).
 */
const SESSION_OPTIONS = '-c jit=off';

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, options: SESSION_OPTIONS });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // A separate small pool, so a command holding a connection can always get one for its counter.
  // Its statements commit one by one without waiting for the disk (see `autonomous`).
  const side = new pg.Pool({
    connectionString: url,
    max: 2,
    options: `${SESSION_OPTIONS} -c synchronous_commit=off`,
  });
  // An idle connection the server closed (restart, terminated backend, database dropped) is already removed
  // from its pool, and the next query opens a new one; without a listener the pool's 'error' event would
  // crash the process (node-postgres documents this).
  for (const p of [pool, side]) p.on('error', () => {});
  // A connection checked out of the pool (inside a transaction, between two statements) gets no pool
  // listener: when the server ends it, the client's 'error' event would crash the process (issue 16). The
  // statement under way fails instead (the request answers 503 DATABASE_UNAVAILABLE, see unavailable.ts), and
  // the pool drops the broken client when it is released.
  // Attached before the first connection is made (the start-up probe's connection once had none).
  for (const p of [pool, side]) p.on('connect', (client) => client.on('error', () => {}));
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const sideDb = drizzlePg(side, { schema }) as unknown as Db;
  // One Drizzle handle per pooled connection, made the first time the connection runs a transaction.
  const handles = new WeakMap<pg.PoolClient, Db>();
  /**
   * A transaction on a connection of our own checking-out, released in every case: Drizzle's pool transaction
   * issues BEGIN outside its try block, so a connection cut just before it (a failover) was never given back,
   * and ten cuts emptied the pool. A connection that failed is handed back as broken, and the pool drops it.
   */
  const tx = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const client = await checkOutStarted();
    let broken: Error | undefined;
    try {
      let handle = handles.get(client);
      if (!handle) {
        handle = drizzlePg(client, { schema }) as unknown as Db;
        handles.set(client, handle);
      }
      try {
        const result = await fn(handle);
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch((rollbackFailed: Error) => {
          broken = rollbackFailed;
        });
        throw e;
      }
    } catch (e) {
      if (isDatabaseUnavailable(e)) broken ??= e as Error;
      throw e;
    } finally {
      client.release(broken);
    }
  };
  /**
   * A connection with a transaction begun. After a failover the pool may still hold idle connections whose
   * end the server has sent but the app has not yet read (pg_terminate_backend returns before the socket
   * closes): BEGIN fails on such a stale connection before any work ran, so another connection is tried,
   * a few times, while the pool drops the dead ones. The first request after a cut is then served.
   */
  const checkOutStarted = async (): Promise<pg.PoolClient> => {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        return client;
      } catch (e) {
        client.release(e as Error);
        if (!isDatabaseUnavailable(e) || attempt >= STALE_RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 10 * attempt));
      }
    }
  };
  /** Read-only work is run again on a lost connection (it changed nothing), for the same reason. */
  const read = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(db);
      } catch (e) {
        if (!isDatabaseUnavailable(e) || attempt >= STALE_RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 10 * attempt));
      }
    }
  };
  return {
    kind: 'postgres',
    tx,
    read,
    single: (fn) => fn(db),
    autonomous: (fn) => fn(sideDb),
    listen: (channel, on, onResync) => listenPostgres(url, channel, on, onResync),
    // One migrates while the others wait for it, then find nothing left to do.
    migrate: () =>
      exclusivePostgres(url, 'motcua.migrations', () =>
        migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS }),
      ),
    exclusive: (name, fn) => exclusivePostgres(url, name, fn),
    close: async () => {
      await side.end();
      await pool.end();
    },
  };
}

/** `fn` under the session advisory lock `name`, taken on a connection of its own (see `Database.exclusive`). */
async function exclusivePostgres<T>(url: string, name: string, fn: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: url });
  lock.on('error', () => {});
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    return await fn();
  } finally {
    await lock.end().catch(() => {});
  }
}

/**
 * LISTEN on a connection of its own. A lost connection (restart, failover, terminated backend) is opened again
 * after a pause growing to 5 s; `onResync` then tells the listener that notifications may have been missed.
 */
async function listenPostgres(
  url: string,
  channel: string,
  on: (payload: string) => void,
  onResync?: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) on(m.payload ?? '');
    });
    c.on('error', () => {});
    c.on('end', () => {
      if (stopped || client !== c) return;
      client = null;
      retry(1);
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  const retry = (attempt: number) => {
    timer = setTimeout(
      () => {
        timer = null;
        if (stopped) return;
        connect().then(
          () => onResync?.(),
          () => retry(attempt + 1),
        );
      },
      Math.min(5000, 100 * 2 ** attempt),
    );
    timer.unref?.();
  };
  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

/** Runs raw SQL and returns its rows (both drivers return `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
