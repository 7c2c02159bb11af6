import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

for (const backend of BACKENDS) {
  describe(`platform on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let c: Client;
    before(async () => {
      s = await startTestServer(backend);
      c = new Client(s.app);
    });
    after(() => s?.close());

    it('reports health with the database kind and the package version', async () => {
      const r = await c.get('/api/v1/health');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: 'ok', database: backend, version: '0.1.0' });
    });

    // Only PostgreSQL has a JIT compiler to turn off (PGlite is built without LLVM).
    if (backend === 'postgres')
      it('runs its PostgreSQL sessions without the JIT compiler (short statements, decision 0015)', async () => {
        const jit = async (run: typeof s.database.read) =>
          (await run((db) => queryRows<{ jit: string }>(db, sql`show jit`)))[0]!.jit;
        assert.equal(await jit(s.database.read), 'off');
        assert.equal(await jit(s.database.tx), 'off');
        assert.equal(await jit(s.database.autonomous!), 'off');
      });

    it('answers malformed JSON with 400 INVALID_JSON, never 500', async () => {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json<ApiError>().error.code, 'INVALID_JSON');
      assert.match(r.json<ApiError>().error.message, /JSON/);
    });

    it('refuses unknown fields with 400 VALIDATION_ERROR naming the field', async () => {
      const r = await c.post<ApiError>('/api/v1/auth/login', { username: 'a', password: 'b', isAdmin: true });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'VALIDATION_ERROR');
      assert.match(JSON.stringify(r.body.error.details), /isAdmin/);
    });

    it('refuses an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }),
      });
      assert.equal(r.statusCode, 413);
      assert.equal(r.json<ApiError>().error.code, 'PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown API path with a JSON 404 in Vietnamese', async () => {
      const r = await c.get<ApiError>('/api/v1/khong-co');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'NOT_FOUND');
      assert.match(r.body.error.message, /Không có địa chỉ/);
    });

    it('serves the OpenAPI document built from the Zod schemas, and its browsable page', async () => {
      const doc = await c.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        '/api/openapi.json',
      );
      assert.equal(doc.status, 200);
      assert.match(doc.body.openapi, /^3\./);
      for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/agencies', '/api/v1/users/{id}']) {
        assert.ok(doc.body.paths[p], `OpenAPI lists ${p}`);
      }
      const login = doc.body.paths['/api/v1/auth/login']?.post as { requestBody: unknown };
      assert.match(JSON.stringify(login.requestBody), /username/);
      const page = await s.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger/i);
    });

    it('lets the manual clock be read and set, and refuses a malformed instant', async () => {
      const r = await c.get<{ now: string }>('/api/v1/dev/clock');
      assert.equal(r.status, 200);
      assert.equal(r.body.now, '2026-11-23T02:00:00.000Z');
      const set = await c.put<{ now: string }>('/api/v1/dev/clock', { now: '2027-02-04T14:00:00+07:00' });
      assert.equal(set.status, 200);
      assert.equal(set.body.now, '2027-02-04T07:00:00.000Z');
      assert.equal(s.clock.now().toISOString(), '2027-02-04T07:00:00.000Z');
      const bad = await c.put<ApiError>('/api/v1/dev/clock', { now: 'tomorrow' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'VALIDATION_ERROR');
      await c.put('/api/v1/dev/clock', { now: '2026-11-23T09:00:00+07:00' });
    });

    it('seeds demo accounts for every role', async () => {
      for (const [username, role] of [
        ['quantri', 'admin'],
        ['quantri.saigon', 'admin'],
        ['quantri.hethong', 'sysadmin'],
        ['tiepnhan', 'reception'],
        ['chuyenvien', 'specialist'],
        ['lanhdao', 'leader'],
        ['buudien', 'postal'],
        ['congdan', 'citizen'],
      ] as const) {
        const u = await new Client(s.app).login(username, DEMO_PASSWORD);
        const me = await u.get<{ roles: string[] }>('/api/v1/auth/me');
        assert.deepEqual(me.body.roles, [role], username);
      }
    });
  });
}

describe('platform in system-clock mode', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite', { MOTCUA_CLOCK: 'system', MOTCUA_DEMO_DATA: 'false' });
  });
  after(() => s?.close());

  it('hides the dev clock with 404 outside manual mode', async () => {
    const c = new Client(s.app);
    assert.equal((await c.get('/api/v1/dev/clock')).status, 404);
    assert.equal((await c.put('/api/v1/dev/clock', { now: '2026-01-01T00:00:00Z' })).status, 404);
  });

  it('starts without demo data when MOTCUA_DEMO_DATA=false, with only the administrator', async () => {
    const c = new Client(s.app);
    const agencies = await c.get<{ items: unknown[] }>('/api/v1/agencies');
    assert.deepEqual(agencies.body.items, []);
    await c.login('admin', 'quantri-he-thong-2026');
    const users = await c.get<{ total: number }>('/api/v1/users');
    assert.equal(users.body.total, 1);
  });
});
