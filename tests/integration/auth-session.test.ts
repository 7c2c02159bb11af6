import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * `GET /auth/session`: what the web app asks at start on every page. An anonymous visitor is answered 200 with
 * `user: null` — `/auth/me` answers 401, which the browser logs as an error on every public page (issue 25
 * item 15). A signed-in user gets the same user as `/auth/me`; after signing out, `null` again.
 */
describe('the session of this browser', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite');
  });
  after(() => s?.close());

  it('answers an anonymous visitor 200 with no user', async () => {
    const r = await new Client(s.app).get('/api/v1/auth/session');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { user: null });
  });

  it('answers a signed-in user with the user of /auth/me, and no user once signed out', async () => {
    const c = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
    const session = await c.get<{ user: unknown }>('/api/v1/auth/session');
    const me = await c.get('/api/v1/auth/me');
    assert.equal(session.status, 200);
    assert.equal(me.status, 200);
    assert.deepEqual(session.body.user, me.body);
    assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
    assert.deepEqual((await c.get('/api/v1/auth/session')).body, { user: null });
  });

  it('answers a session cookie that is no longer valid with no user, not an error', async () => {
    const c = new Client(s.app);
    c.cookie = 'motcua_session=not-a-real-token';
    const r = await c.get('/api/v1/auth/session');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { user: null });
  });
});
