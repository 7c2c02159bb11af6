// Issue 18: reports read a replica when DATABASE_READ_URL is set; commands and what they show never do. The
// "replica" here is a copy of the primary taken before a dossier was accepted: a replica that has not replayed it
// yet. What each endpoint shows says which database it read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import { ConfigError, loadConfig } from '../../src/server/config';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { createServer, type Server } from '../../src/server/server';
import { Client } from '../support/http';
import { createPgDatabase, SERVER_VARS, skipUnlessPostgres } from '../support/server';

const VARS = SERVER_VARS;

describe('a read replica for reports', { skip: await skipUnlessPostgres('postgres') }, () => {
  let primary: { url: string; drop: () => Promise<void> };
  let replica: { url: string; drop: () => Promise<void> };
  let s: Server;
  let dossierId: string;
  let desk: Client;

  before(async () => {
    primary = await createPgDatabase();
    // The primary is seeded by a first start, then copied as it is: the replica.
    const first = await createServer(loadConfig({ ...VARS, DATABASE_URL: primary.url }), { logger: false });
    await first.close();
    replica = await createPgDatabase(new URL(primary.url).pathname.slice(1));
    s = await createServer(
      {
        ...loadConfig({ ...VARS, DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url }),
        backgroundJobs: false,
      },
      { logger: false },
    );
    desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    const r = await desk.post<{ id: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant: {
        kind: 'citizen',
        fullName: 'Vũ Thị Bản Sao',
        idNumber: '079190000555',
        phone: '0912345555',
      },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    dossierId = r.body.id;
  });
  after(async () => {
    await s?.close();
    await replica?.drop();
    await primary?.drop();
  });

  it('shows a dossier just accepted on its page: commands and their answers read the primary', async () => {
    const r = await desk.get<{ applicant: { fullName: string } }>(`/api/v1/dossiers/${dossierId}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.applicant.fullName, 'Vũ Thị Bản Sao');
  });

  it('reads the register from the replica, which has not replayed the dossier yet', async () => {
    const url = '/api/v1/dossiers/register?from=2026-11-23&to=2026-11-23';
    const fromReplica = await s.app.inject({ url, headers: { cookie: desk.cookie! } });
    assert.equal(fromReplica.statusCode, 200, fromReplica.body);
    assert.equal(fromReplica.body.includes('Vũ Thị Bản Sao'), false, 'the register came from the primary');
    // The same request to an instance without a replica (same primary, same session) lists the dossier.
    const plain = await createServer(
      { ...loadConfig({ ...VARS, DATABASE_URL: primary.url }), backgroundJobs: false },
      {
        logger: false,
      },
    );
    try {
      const fromPrimary = await plain.app.inject({ url, headers: { cookie: desk.cookie! } });
      assert.equal(fromPrimary.statusCode, 200, fromPrimary.body);
      assert.ok(fromPrimary.body.includes('Vũ Thị Bản Sao'), fromPrimary.body.slice(0, 300));
    } finally {
      await plain.close();
    }
  });

  it('refuses DATABASE_READ_URL without a PostgreSQL primary, with a message saying why', () => {
    assert.throws(
      () => loadConfig({ ...VARS, DATABASE_READ_URL: replica.url }),
      (e: unknown) =>
        e instanceof ConfigError && /DATABASE_READ_URL: a read replica needs DATABASE_URL/.test(e.message),
    );
  });
});
