// Issue 18: several app instances on one PostgreSQL database. A ticket taken at a kiosk served by one instance
// reaches the TV board connected to another (the change is announced with NOTIFY; every instance LISTENs).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/server/config';
import { createServer, type Server } from '../../src/server/server';
import { createPgDatabase, SERVER_VARS, skipUnlessPostgres } from '../support/server';

const SAIGON = '000.01.30.H29';
const VARS = SERVER_VARS;
interface Board {
  lastEventId: number;
  fields: { code: string; waiting: number }[];
}

/** The board's `state` events from `url`, until `done` says enough (or the bound passes). */
function follow(
  url: string,
  onState: (b: Board, all: Board[]) => boolean,
  boundMs: number,
): Promise<Board[]> {
  return new Promise((resolve, reject) => {
    const states: Board[] = [];
    const timer = setTimeout(() => {
      req.destroy();
      reject(
        new Error(
          `the board heard ${states.length} states in ${boundMs / 1000} s: ${JSON.stringify(states)}`,
        ),
      );
    }, boundMs);
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!block.includes('event: state') || !data) continue;
          states.push(JSON.parse(data.slice(6)) as Board);
          if (onState(states.at(-1)!, states)) {
            clearTimeout(timer);
            req.destroy();
            resolve(states);
          }
        }
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

describe('the queue board across app instances', { skip: await skipUnlessPostgres('postgres') }, () => {
  let db: { url: string; drop: () => Promise<void> };
  const instances: Server[] = [];
  const base: string[] = [];
  before(async () => {
    db = await createPgDatabase();
    // Two instances of one cluster, started one after the other on the same database.
    for (let i = 0; i < 2; i++) {
      const s = await createServer(
        {
          ...loadConfig({ ...VARS, DATABASE_URL: db.url }),
          backgroundJobs: false,
        },
        { logger: false },
      );
      instances.push(s);
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = s.app.server.address();
      base.push(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`);
    }
  });
  after(async () => {
    for (const s of instances) await s.close();
    await db?.drop();
  });

  const waitingHT = (b: Board) => b.fields.find((f) => f.code === 'HT')?.waiting ?? 0;

  /**
   * Follows the board through the second instance; once connected (with the state as it is), takes a ticket at
   * a kiosk served by the first; checks that the board shows one more person waiting for civil status.
   */
  const ticketReachesBoard = async () => {
    let taken: Promise<Response> | null = null;
    const states = await follow(
      `${base[1]}/api/v1/queue/agencies/${SAIGON}/stream`,
      (b, all) => {
        if (all.length === 1) {
          taken = fetch(`${base[0]}/api/v1/queue/agencies/${SAIGON}/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ fieldCode: 'HT' }),
          });
          return false;
        }
        return b.lastEventId > all[0]!.lastEventId;
      },
      30_000,
    );
    const r = await taken!;
    assert.equal(r.status, 201, await r.text());
    assert.equal(
      waitingHT(states.at(-1)!),
      waitingHT(states[0]!) + 1,
      'one more person waits for civil status',
    );
  };

  it('shows on a board connected to one instance the ticket taken through the other', async () => {
    await ticketReachesBoard();
  });

  it('keeps a board on an instance whose listening connection was cut up to date once it reconnects', async () => {
    // The database ends the instances' LISTEN connections (a restart, a failover); they connect again.
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const cut = await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    await c.end();
    assert.equal(cut.rowCount, 2, 'both instances were listening');
    await ticketReachesBoard();
  });
});
