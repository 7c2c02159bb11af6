import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { requiredFor } from '../../src/domain/dossier/intake';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { PG_ADMIN_URL, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/**
 * A PostgreSQL failover, restart or network cut, as the app sees it: every backend of its database is terminated
 * (`pg_terminate_backend`, SQLSTATE 57P01) while officers are receiving dossiers (issue 16, must-fix 1).
 */
describe('a database failover during intake on postgres', {
  skip: await skipUnlessPostgres('postgres'),
}, () => {
  let s: TestServer;
  let desk: Client;
  let admin: pg.Client;
  let components: { name: string; received: boolean }[];
  const applicant = (n: number) => ({
    kind: 'citizen',
    fullName: `Người Nộp Thứ ${n}`,
    idNumber: `0791900${String(n).padStart(5, '0')}`,
    phone: '0909123456',
    address: '12 Lê Lợi, Phường Sài Gòn',
  });

  before(async () => {
    s = await startTestServer('postgres');
    desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    components = p.body.components
      .filter((c) => requiredFor(c, 'counter'))
      .map((c) => ({ name: c.name, received: true }));
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await s?.close();
  });

  it('survives its backends being terminated mid-intake: 503 for what was cut, every acknowledged dossier kept', async () => {
    const target = await currentTestDatabase(s);
    const acknowledged: string[] = [];
    const unexpected: string[] = [];
    let cut = 0;
    let n = 0;
    let stop = false;
    const officer = async () => {
      while (!stop) {
        n += 1;
        const r = await desk.post<{ id: string } & ApiError>('/api/v1/dossiers', {
          procedureCode: '1.004194',
          applicant: applicant(n),
          components,
        });
        if (r.status === 201) acknowledged.push(r.body.id);
        else if (r.status === 503 && r.body.error.code === 'DATABASE_UNAVAILABLE') cut += 1;
        else unexpected.push(`${r.status} ${JSON.stringify(r.body)}`);
      }
    };
    const officers = Array.from({ length: 8 }, officer);
    try {
      for (let i = 0; i < 10; i++) {
        // Let intakes get under way on fresh connections, then cut every backend of the database.
        const before = acknowledged.length;
        const bound = Date.now() + 60_000; // a bound for a broken server, not a measure of speed
        while (acknowledged.length < before + 3 && unexpected.length === 0) {
          assert.ok(Date.now() < bound, `no intake succeeded after cut ${i}: ${cut} answered 503`);
          await new Promise((r) => setTimeout(r, 5));
        }
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
          target,
        ]);
        // The process is alive, and the next request is served on a new connection.
        const health = await s.app.inject({ url: '/api/v1/health' });
        assert.equal(health.statusCode, 200, health.body);
      }
    } finally {
      stop = true;
      await Promise.all(officers);
    }
    assert.deepEqual(
      unexpected,
      [],
      'an intake cut by the failover answers 503 DATABASE_UNAVAILABLE, nothing else',
    );
    assert.ok(acknowledged.length > 0, 'dossiers were received between the cuts');
    // Nothing acknowledged is lost: each 201 dossier is stored, once.
    for (const id of acknowledged) {
      const r = await desk.get<{ id: string }>(`/api/v1/dossiers/${id}`);
      assert.equal(r.status, 200, `dossier ${id} acknowledged with 201 is missing`);
    }
    assert.equal(new Set(acknowledged).size, acknowledged.length);
    const [stored] = await s.database.read((db) =>
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from dossiers`),
    );
    assert.ok(stored!.n >= acknowledged.length);
    console.log(`failover: ${acknowledged.length} dossiers acknowledged, ${cut} intakes cut with 503`);
  });
});

/** The name of the throw-away database the test server runs on. */
async function currentTestDatabase(s: TestServer): Promise<string> {
  const [row] = await s.database.read((db) =>
    queryRows<{ db: string }>(db, sql`select current_database() as db`),
  );
  return row!.db;
}
