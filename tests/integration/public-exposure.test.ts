// Issue 16, item 7: what anonymous callers can walk and what the access log keeps. Lookups by code are limited
// per client address; no URL carries a citizen ID number, and the log masks one wherever a client puts it.

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/** A dossier received at the Sài Gòn counter: its code. */
async function receivedDossierCode(s: TestServer): Promise<string> {
  const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
  const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
    '/api/v1/procedures/1.004194',
  );
  const r = await desk.post<{ code: string } & ApiError>('/api/v1/dossiers', {
    procedureCode: '1.004194',
    applicant: {
      kind: 'citizen',
      fullName: 'Trương Văn Bình',
      idNumber: '079085001234',
      phone: '0909123456',
    },
    components: p.body.components
      .filter((c) => requiredFor(c, 'counter'))
      .map((c) => ({ name: c.name, received: true })),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.code;
}

for (const backend of BACKENDS) {
  describe(`public lookups by code on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let proxied: TestServer;
    let code: string;
    before(async () => {
      s = await startTestServer(backend);
      // Behind a load balancer at 127.0.0.1 (the address inject connects from).
      proxied = await startTestServer(backend, { MOTCUA_TRUST_PROXY: '127.0.0.1' });
      code = await receivedDossierCode(s);
    });
    after(async () => {
      await s?.close();
      await proxied?.close();
    });

    const track = (t: TestServer, c: string, from?: { remoteAddress?: string; forwardedFor?: string }) =>
      t.app.inject({
        url: `/api/v1/public/dossiers/${encodeURIComponent(c)}`,
        ...(from?.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
        headers: from?.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
      });

    it('answers the 31st tracking lookup within a minute from one address with 429 TOO_MANY_REQUESTS and Retry-After', async () => {
      // A walk through sequential codes: most do not exist, every one counts.
      const [agencyPart, day] = code.split('-');
      const statuses: number[] = [];
      for (let i = 1; i <= 30; i++) {
        const c = i === 1 ? code : `${agencyPart}-${day}-${String(9000 + i).padStart(4, '0')}`;
        statuses.push((await track(s, c)).statusCode);
      }
      assert.equal(statuses[0], 200);
      assert.deepEqual(
        statuses.filter((x) => x !== 200 && x !== 404),
        [],
        `statuses ${statuses.join(', ')}`,
      );
      const refused = await track(s, code);
      assert.equal(refused.statusCode, 429);
      assert.deepEqual(Object.keys(refused.json()), ['error']);
      const e = refused.json<ApiError>().error;
      assert.deepEqual(Object.keys(e).sort(), ['code', 'message']);
      assert.equal(e.code, 'TOO_MANY_REQUESTS');
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']}`);
      assert.match(e.message, new RegExp(`thử lại sau ${retryAfter} giây`), e.message);
      assert.doesNotMatch(refused.body, new RegExp(code.replaceAll('.', '\\.')), 'the code is not echoed');

      // Another address is unaffected; so is another lookup route for the same address (counted on its own).
      assert.equal((await track(s, code, { remoteAddress: '203.0.113.20' })).statusCode, 200);
      const fees = await s.app.inject({ url: `/api/v1/public/dossiers/${code}/fees` });
      assert.equal(fees.statusCode, 200, fees.body);
    });

    it('limits fees, rating state, feedback and appointment lookups by code the same way', async () => {
      const from = { remoteAddress: '198.51.100.30' };
      for (const url of [
        `/api/v1/public/dossiers/${code}/fees`,
        `/api/v1/public/dossiers/${code}/rating`,
        '/api/v1/public/feedback/PAKN-261123-ZZZZZ',
        '/api/v1/queue/bookings/LH-ZZZZZZZZ',
      ]) {
        const statuses: number[] = [];
        for (let i = 0; i < 31; i++) statuses.push((await s.app.inject({ url, ...from })).statusCode);
        assert.ok(
          statuses.slice(0, 30).every((x) => x !== 429),
          `${url}: ${statuses.join(', ')}`,
        );
        assert.equal(statuses[30], 429, `${url}: the 31st lookup`);
      }
    });

    it('counts the client address a trusted proxy names, and ignores X-Forwarded-For from anyone else', async () => {
      for (let i = 0; i < 30; i++) await track(proxied, code, { forwardedFor: '203.0.113.40' });
      assert.equal((await track(proxied, code, { forwardedFor: '203.0.113.40' })).statusCode, 429);
      assert.equal(
        (await track(proxied, code, { forwardedFor: '203.0.113.41' })).statusCode,
        404,
        'another citizen behind the same balancer is not refused (the code is not on this server)',
      );
      // Without a trusted proxy, a forged header does not make a new client.
      const direct = { remoteAddress: '192.0.2.50' };
      for (let i = 0; i < 30; i++) await track(s, code, { ...direct, forwardedFor: `203.0.113.${i}` });
      assert.equal((await track(s, code, { ...direct, forwardedFor: '198.51.100.99' })).statusCode, 429);
    });
  });

  describe(`personal data in the access log on ${backend}`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    const ID_NUMBER = '079190007788';
    const PHONE = '0912345678';
    let s: TestServer;
    let log = '';
    before(async () => {
      const stream = new Writable({
        write(chunk, _enc, done) {
          log += String(chunk);
          done();
        },
      });
      s = await startTestServer(backend, {}, { logger: { level: 'info', stream } });
    });
    after(() => s?.close());

    it('looks up a returning applicant with the ID number in the body, and never logs the number', async () => {
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const r = await desk.post<{ applicant: { idNumber?: string } } & ApiError>(
        '/api/v1/applicants/lookup',
        {
          idNumber: ID_NUMBER,
        },
      );
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
      // Wherever a client still puts one: the old path, a staff search, a phone in the development sink.
      const old = await desk.get<ApiError>(`/api/v1/applicants/${ID_NUMBER}`);
      assert.equal(old.status, 404, 'no route takes the ID number in its path');
      await desk.get(`/api/v1/dossiers?q=${ID_NUMBER}&limit=5`);
      await desk.get(`/api/v1/dossiers?procedureCode=${ID_NUMBER}`);
      await desk.get(
        `/api/v1/dev/messages?to=${encodeURIComponent(`+84 ${PHONE.slice(1, 4)} ${PHONE.slice(4)}`)}`,
      );
      await desk.get(`/api/v1/dev/messages?to=${PHONE}`);

      assert.match(log, /"url":"\/api\/v1\/applicants\/lookup"/, 'the lookup itself is logged');
      assert.match(log, /"url":"\/api\/v1\/dossiers\?q=\*\*\*&limit=5"/, log.slice(-2000));
      assert.match(log, /"url":"\/api\/v1\/applicants\/\*\*\*"/);
      assert.ok(!log.includes(ID_NUMBER), 'the ID number appears nowhere in the log');
      assert.ok(!log.includes(PHONE) && !log.includes(PHONE.slice(1)), 'nor the phone number');
      assert.doesNotMatch(log, /912 345678|912%20345678/);
    });
  });
}
