import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/server/config';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { PDF } from '../support/files';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  skipUnlessPostgres,
  startTestServer,
  type TestServer,
} from '../support/server';

/** Issue 16: forged headers, unstorable text and the router's own refusals. */
for (const backend of BACKENDS) {
  describe(`hardening on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let proxied: TestServer;
    before(async () => {
      s = await startTestServer(backend);
      // Behind a load balancer at 127.0.0.1 (the address inject connects from).
      proxied = await startTestServer(backend, { MOTCUA_TRUST_PROXY: '127.0.0.1' });
    });
    after(async () => {
      await s?.close();
      await proxied?.close();
    });

    const wrongLogin = (t: TestServer, forwardedFor: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { username: 'tiepnhan', password: 'sai-mat-khau' },
      });

    it('ignores X-Forwarded-For from anyone when no proxy is trusted: rotating it does not escape the login throttle', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await wrongLogin(s, `203.0.113.${i}`)).statusCode);
      assert.deepEqual(statuses.slice(5), [429, 429], `statuses ${statuses.join(', ')}`);
      const right = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': '198.51.100.9' },
        payload: { username: 'tiepnhan', password: DEMO_PASSWORD },
      });
      assert.equal(right.statusCode, 429, 'a forged address does not unlock the throttled username');
    });

    it('believes X-Forwarded-For from a configured proxy: each client address is throttled on its own', async () => {
      for (let i = 0; i < 5; i++) await wrongLogin(proxied, '203.0.113.7');
      assert.equal((await wrongLogin(proxied, '203.0.113.7')).statusCode, 429);
      // Another citizen behind the same balancer is not locked out by the first one's mistakes.
      assert.equal((await wrongLogin(proxied, '203.0.113.8')).statusCode, 401);
    });

    it('refuses a NUL character anywhere in the input with 400 VALIDATION_ERROR naming the field, also without login', async () => {
      const body = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'tiep\u0000nhan', password: 'x' },
      });
      assert.equal(body.statusCode, 400);
      const e = body.json<ApiError>().error;
      assert.equal(e.code, 'VALIDATION_ERROR');
      assert.deepEqual(e.details, [{ in: 'body', path: ['username'], message: e.message.split(': ')[1] }]);
      const query = await s.app.inject({ url: '/api/v1/procedures?q=a%00b' });
      assert.equal(query.statusCode, 400);
      assert.match(query.json<ApiError>().error.message, /\(q\)/);
      const param = await s.app.inject({ url: '/api/v1/public/dossiers/%00' });
      assert.ok([400, 404].includes(param.statusCode), param.body);
      assert.ok(param.json<ApiError>().error.code);
      const surrogate = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":"\\ud800","password":"x"}',
      });
      assert.equal(surrogate.statusCode, 400);
    });

    it('stores an uploaded file whose name holds a NUL under a clean name, never a 500', async () => {
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      const up = multipart(
        {},
        {
          name: 'file',
          filename: 'to\u0000khai\u0001.pdf',
          type: 'application/pdf',
          data: PDF,
        },
      );
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/files/templates',
        payload: up.payload,
        headers: { ...up.headers, cookie: admin.cookie! },
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json<{ name: string }>().name, 'to_khai_.pdf');
    });

    it('answers the router’s own refusals in the documented error shape, without echoing the URL', async () => {
      const long = await s.app.inject({ url: `/api/v1/dossiers/${'x'.repeat(500)}` });
      assert.equal(long.statusCode, 414);
      assert.deepEqual(Object.keys(long.json()), ['error']);
      assert.equal(long.json<ApiError>().error.code, 'URI_TOO_LONG');
      assert.doesNotMatch(long.body, /xxxxxxxxxx/);
      const bad = await s.app.inject({ url: '/api/v1/procedures/%E0%A4%A' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<ApiError>().error.code, 'BAD_URL');
    });
  });
}

describe('production settings', () => {
  it('refuses the manual clock with NODE_ENV=production, naming the variable', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', MOTCUA_CLOCK: 'manual', MOTCUA_MESSAGES: 'gateway' }),
      /MOTCUA_CLOCK/,
    );
  });

  it('refuses a proxy list that is neither a hop count nor addresses / CIDR ranges', () => {
    assert.throws(() => loadConfig({ MOTCUA_TRUST_PROXY: 'everyone' }), /MOTCUA_TRUST_PROXY/);
    assert.throws(() => loadConfig({ MOTCUA_TRUST_PROXY: '10.0.0.0/33' }), /MOTCUA_TRUST_PROXY/);
    assert.deepEqual(loadConfig({ MOTCUA_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy, [
      '10.0.0.5',
      '10.1.0.0/16',
    ]);
    assert.equal(loadConfig({ MOTCUA_TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({}).trustProxy, false);
  });

  it('has no development routes in production: the test clock cannot be set', async () => {
    const prod = await startTestServer('pglite', {
      NODE_ENV: 'production',
      MOTCUA_CLOCK: 'system',
      MOTCUA_MESSAGES: 'gateway',
      MOTCUA_SMS_URL: 'http://127.0.0.1:9/sms',
    });
    try {
      const r = await prod.app.inject({
        method: 'PUT',
        url: '/api/v1/dev/clock',
        payload: { now: '2030-01-01T00:00:00+07:00' },
      });
      assert.equal(r.statusCode, 404);
      assert.equal((await prod.app.inject({ url: '/api/v1/dev/messages?to=0909' })).statusCode, 404);
    } finally {
      await prod.close();
    }
  });
});
