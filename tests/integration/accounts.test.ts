import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { eq, like } from 'drizzle-orm';
import type { ManualClock } from '../../src/server/clock';
import { ConfigError, loadConfig } from '../../src/server/config';
import { outbox, users } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client, type Res } from '../support/http';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  skipUnlessPostgres,
  startTestServer,
  type TestServer,
} from '../support/server';
import { until } from '../support/wait';

interface CodeSent {
  phone: string;
  channel: 'sms' | 'email';
  sentTo: string;
  sent: boolean;
  resendAfterSeconds: number;
}
interface Account {
  id: string;
  username: string;
  accountKind: string;
  fullName: string;
  phone: string | null;
  taxCode: string | null;
  communityHelper: boolean;
  verified: boolean;
}
type Details = { path: string[]; message: string }[];

const PASSWORD = 'matkhau-cong-dan-1';

function person(phone: string, extra: Record<string, unknown> = {}) {
  return {
    accountKind: 'person',
    fullName: 'Nguyễn Thị Hoa',
    phone,
    password: PASSWORD,
    confirmPassword: PASSWORD,
    ...extra,
  };
}

/** The latest 6-digit code the development sink holds for a phone or e-mail. */
async function codeFor(c: Client, to: string): Promise<string> {
  const r = await c.get<{ items: { text: string }[] }>(`/api/v1/dev/messages?to=${encodeURIComponent(to)}`);
  assert.equal(r.status, 200);
  const m = /\b(\d{6})\b/.exec(r.body.items[0]?.text ?? '');
  assert.ok(m, `no code sent to ${to}`);
  return m[1] as string;
}

function otherThan(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

describe('messaging configuration', () => {
  it('uses the development sink under NODE_ENV=test and refuses it under NODE_ENV=production', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).messages.mode, 'dev');
    assert.equal(loadConfig({ NODE_ENV: 'production' }).messages.mode, 'gateway');
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', MOTCUA_MESSAGES: 'dev' }),
      (e: unknown) => e instanceof ConfigError && /MOTCUA_MESSAGES/.test(e.message),
    );
  });
});

for (const backend of BACKENDS) {
  describe(`citizen accounts on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let clock: ManualClock;
    before(async () => {
      s = await startTestServer(backend);
      clock = s.clock as ManualClock;
    });
    after(() => s?.close());

    it('registers a person, reads the code from the development sink, verifies and logs in by phone', async () => {
      const c = new Client(s.app);
      const r = await c.post<CodeSent>('/api/v1/accounts/register', person('0912 345 601'));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(
        { phone: r.body.phone, channel: r.body.channel, sentTo: r.body.sentTo, sent: r.body.sent },
        { phone: '0912345601', channel: 'sms', sentTo: '0912•••601', sent: true },
      );
      assert.equal(c.cookie, undefined);

      // Unverified: the portal login says so (only with the right password); the staff login refuses it.
      const early = await c.post<ApiError>('/api/v1/accounts/login', {
        login: '0912345601',
        password: PASSWORD,
      });
      assert.equal(early.status, 403);
      assert.equal(early.body.error.code, 'ACCOUNT_NOT_VERIFIED');
      assert.match(early.body.error.message, /Gửi lại mã/);
      const wrongPw = await c.post<ApiError>('/api/v1/accounts/login', {
        login: '0912345601',
        password: 'sai-mat-khau',
      });
      assert.equal(wrongPw.status, 401);
      assert.equal(wrongPw.body.error.code, 'INVALID_CREDENTIALS');
      const staffLogin = await c.post<ApiError>('/api/v1/auth/login', {
        username: '0912345601',
        password: PASSWORD,
      });
      assert.equal(staffLogin.status, 401);

      const code = await codeFor(c, '+84 912 345 601');
      const v = await c.post<{ user: { username: string; roles: string[] } }>('/api/v1/accounts/verify', {
        phone: '0912345601',
        code,
      });
      assert.equal(v.status, 200, JSON.stringify(v.body));
      assert.deepEqual(v.body.user.roles, ['citizen']);
      assert.ok(c.cookie, 'verification signs the account in');
      const me = await c.get<Account>('/api/v1/accounts/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.verified, true);
      assert.equal(me.body.accountKind, 'person');
      assert.equal(me.body.communityHelper, false);
      assert.equal(me.body.fullName, 'Nguyễn Thị Hoa');

      assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
      const again = await c.post<ApiError>('/api/v1/accounts/verify', { phone: '0912345601', code });
      assert.equal(again.status, 400, 'a verified account is refused like a wrong code');
      assert.equal(again.body.error.code, 'WRONG_CODE');
      const login = await c.post<{ user: { fullName: string } }>('/api/v1/accounts/login', {
        login: '+84 912.345.601',
        password: PASSWORD,
      });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.equal((await c.get('/api/v1/auth/me')).status, 200);
    });

    it('keeps only a masked text in the outbox and the code hashed in verification_codes', async () => {
      const c = new Client(s.app);
      assert.equal((await c.post('/api/v1/accounts/register', person('0912345602'))).status, 201);
      const code = await codeFor(c, '0912345602');
      const rows = await s.database.read((db) =>
        db.select().from(outbox).where(like(outbox.topic, 'account.%')),
      );
      const mine = rows.filter((r) => r.recipient.phone === '0912345602');
      assert.equal(mine.length, 1);
      assert.equal(mine[0]?.status, 'sent');
      assert.doesNotMatch(mine[0]?.message ?? '', new RegExp(code));
      assert.match(mine[0]?.message ?? '', /••••••/);
    });

    it('locks a code after five wrong entries; a new code after the cool-down works', async () => {
      const c = new Client(s.app);
      assert.equal((await c.post('/api/v1/accounts/register', person('0912345603'))).status, 201);
      const code = await codeFor(c, '0912345603');
      for (let i = 1; i <= 4; i++) {
        const w = await c.post<ApiError>('/api/v1/accounts/verify', {
          phone: '0912345603',
          code: otherThan(code),
        });
        assert.equal(w.status, 400);
        assert.equal(w.body.error.code, 'WRONG_CODE');
        assert.deepEqual(w.body.error.details, { attemptsLeft: 5 - i });
      }
      const fifth = await c.post<ApiError>('/api/v1/accounts/verify', {
        phone: '0912345603',
        code: otherThan(code),
      });
      assert.equal(fifth.status, 429);
      assert.equal(fifth.body.error.code, 'CODE_LOCKED');
      const right = await c.post<ApiError>('/api/v1/accounts/verify', { phone: '0912345603', code });
      assert.equal(right.status, 429, 'the right code no longer works once locked');
      assert.equal(right.body.error.code, 'CODE_LOCKED');

      const soon = await c.post<ApiError>('/api/v1/accounts/verify/resend', { phone: '0912345603' });
      assert.equal(soon.status, 429);
      assert.equal(soon.body.error.code, 'RESEND_TOO_SOON');
      clock.advance(61_000);
      const resent = await c.post<CodeSent>('/api/v1/accounts/verify/resend', { phone: '0912345603' });
      assert.equal(resent.status, 202);
      const fresh = await codeFor(c, '0912345603');
      assert.equal(
        (await c.post('/api/v1/accounts/verify', { phone: '0912345603', code: fresh })).status,
        200,
      );
    });

    it('refuses a code entered after ten minutes', async () => {
      const c = new Client(s.app);
      assert.equal((await c.post('/api/v1/accounts/register', person('0912345604'))).status, 201);
      const code = await codeFor(c, '0912345604');
      clock.advance(10 * 60_000 + 1000);
      const late = await c.post<ApiError>('/api/v1/accounts/verify', { phone: '0912345604', code });
      assert.equal(late.status, 400);
      assert.equal(late.body.error.code, 'WRONG_CODE');
      assert.match(late.body.error.message, /không đúng hoặc đã hết hạn \(mã có hiệu lực 10 phút\)/);
      const row = await s.database.read((db) => db.select().from(users).where(eq(users.phone, '0912345604')));
      assert.equal(row[0]?.verifiedAt, null);
      assert.equal(row[0]?.active, false);
    });

    it('resets a forgotten password with a code and ends every session of the account', async () => {
      const phone = '0912345605';
      const a = new Client(s.app);
      assert.equal((await a.post('/api/v1/accounts/register', person(phone))).status, 201);
      assert.equal(
        (await a.post('/api/v1/accounts/verify', { phone, code: await codeFor(a, phone) })).status,
        200,
      );
      const b = new Client(s.app);
      assert.equal(
        (await b.post('/api/v1/accounts/login', { login: phone, password: PASSWORD })).status,
        200,
      );

      const anon = new Client(s.app);
      const f = await anon.post<CodeSent>('/api/v1/accounts/password/forgot', { phone });
      assert.equal(f.status, 202);
      const code = await codeFor(anon, phone);
      const mismatch = await anon.post<ApiError>('/api/v1/accounts/password/reset', {
        phone,
        code,
        newPassword: 'mat-khau-moi-2027',
        confirmPassword: 'mat-khau-khac-2027',
      });
      assert.equal(mismatch.status, 422);
      assert.equal(mismatch.body.error.code, 'PASSWORD_MISMATCH');
      const done = await anon.post('/api/v1/accounts/password/reset', {
        phone,
        code,
        newPassword: 'mat-khau-moi-2027',
        confirmPassword: 'mat-khau-moi-2027',
      });
      assert.equal(done.status, 204, JSON.stringify(done.body));
      assert.equal((await a.get('/api/v1/auth/me')).status, 401);
      assert.equal((await b.get('/api/v1/auth/me')).status, 401);
      const reused = await anon.post<ApiError>('/api/v1/accounts/password/reset', {
        phone,
        code,
        newPassword: 'mat-khau-moi-2028',
        confirmPassword: 'mat-khau-moi-2028',
      });
      assert.equal(reused.status, 400, 'a code works once');
      assert.equal(
        (await anon.post('/api/v1/accounts/login', { login: phone, password: PASSWORD })).status,
        401,
      );
      assert.equal(
        (await anon.post('/api/v1/accounts/login', { login: phone, password: 'mat-khau-moi-2027' })).status,
        200,
      );
    });

    it('registers an organisation under its tax code and refuses an invalid one with 422', async () => {
      const c = new Client(s.app);
      const org = {
        accountKind: 'organisation',
        organisationName: 'Công ty TNHH Bình Minh',
        taxCode: '0100109107',
        phone: '0912345606',
        password: PASSWORD,
        confirmPassword: PASSWORD,
      };
      const bad = await c.post<ApiError>('/api/v1/accounts/register', org);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.code, 'INVALID_TAX_CODE');
      assert.deepEqual((bad.body.error.details as Details)[0]?.path, ['taxCode']);
      const short = await c.post<ApiError>('/api/v1/accounts/register', { ...org, taxCode: '01001091' });
      assert.equal(short.status, 422);
      assert.equal(short.body.error.code, 'INVALID_TAX_CODE');
      const none = await s.database.read((db) =>
        db.select().from(users).where(eq(users.phone, '0912345606')),
      );
      assert.equal(none.length, 0, 'nothing is written');

      const ok = await c.post<CodeSent>('/api/v1/accounts/register', { ...org, taxCode: '0100109106-001' });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      await c.post('/api/v1/accounts/verify', { phone: '0912345606', code: await codeFor(c, '0912345606') });
      const me = await c.get<Account>('/api/v1/accounts/me');
      assert.equal(me.body.accountKind, 'organisation');
      assert.equal(me.body.taxCode, '0100109106-001');
      assert.equal(me.body.username, '0100109106-001');
      assert.equal(me.body.fullName, 'Công ty TNHH Bình Minh');
      clock.advance(61_000);
      const dupTax = await c.post<ApiError>('/api/v1/accounts/register', {
        ...org,
        taxCode: '0100109106-001',
        phone: '0912345607',
      });
      assert.equal(dupTax.status, 409);
      assert.equal(dupTax.body.error.code, 'TAX_CODE_TAKEN');
    });

    it('refuses an invalid phone number or e-mail with 422 and a missing field with 400', async () => {
      const c = new Client(s.app);
      const bad = await c.post<ApiError>(
        '/api/v1/accounts/register',
        person('0212345678', { email: 'khong-hop-le' }),
      );
      assert.equal(bad.status, 422);
      assert.deepEqual(
        (bad.body.error.details as Details).map((d) => d.path[0]),
        ['phone', 'email'],
      );
      const shape = await c.post<ApiError>('/api/v1/accounts/register', {
        accountKind: 'person',
        phone: '0912345609',
      });
      assert.equal(shape.status, 400);
    });

    it('sends the code by e-mail when asked and the account has an address', async () => {
      const c = new Client(s.app);
      const r = await c.post<CodeSent>(
        '/api/v1/accounts/register',
        person('0912345610', { email: 'Hoa.Nguyen@Example.vn', channel: 'email' }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.sentTo, 'ho•••@example.vn');
      const code = await codeFor(c, 'hoa.nguyen@example.vn');
      assert.equal((await c.post('/api/v1/accounts/verify', { phone: '0912345610', code })).status, 200);
      const noMail = await c.post<ApiError>(
        '/api/v1/accounts/register',
        person('0912345611', { channel: 'email' }),
      );
      assert.equal(noMail.status, 422);
      assert.equal(noMail.body.error.code, 'EMAIL_REQUIRED');
    });

    it('lets a system administrator mark a citizen as community helper, shown on the profile', async () => {
      const phone = '0912345612';
      const citizen = new Client(s.app);
      await citizen.post('/api/v1/accounts/register', person(phone));
      await citizen.post('/api/v1/accounts/verify', { phone, code: await codeFor(citizen, phone) });
      const id = (await citizen.get<Account>('/api/v1/accounts/me')).body.id;

      const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      assert.equal(
        (await officer.put(`/api/v1/accounts/${id}/community-helper`, { communityHelper: true })).status,
        403,
      );
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      const on = await admin.put<{ communityHelper: boolean }>(`/api/v1/accounts/${id}/community-helper`, {
        communityHelper: true,
      });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal((await citizen.get<Account>('/api/v1/accounts/me')).body.communityHelper, true);
      // The session's own view says so too (the submit page offers "nộp thay" from it).
      assert.equal(
        (await citizen.get<{ communityHelper: boolean }>('/api/v1/auth/me')).body.communityHelper,
        true,
      );
      assert.equal(
        (await admin.get<{ communityHelper: boolean }>(`/api/v1/accounts/${id}/community-helper`)).body
          .communityHelper,
        true,
      );
      const staff = (await officer.get<{ id: string }>('/api/v1/auth/me')).body.id;
      const notCitizen = await admin.put<ApiError>(`/api/v1/accounts/${staff}/community-helper`, {
        communityHelper: true,
      });
      assert.equal(notCitizen.status, 422);
      assert.equal(notCitizen.body.error.code, 'NOT_A_CITIZEN');
    });

    it('lets a citizen edit name and e-mail on the profile, with the e-mail checked', async () => {
      const phone = '0912345613';
      const c = new Client(s.app);
      await c.post('/api/v1/accounts/register', person(phone));
      await c.post('/api/v1/accounts/verify', { phone, code: await codeFor(c, phone) });
      const bad = await c.patch<ApiError>('/api/v1/accounts/me', { email: 'khong@' });
      assert.equal(bad.status, 422);
      const ok = await c.patch<Account>('/api/v1/accounts/me', {
        fullName: 'Nguyễn Thị Hoà',
        email: 'hoa@example.vn',
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.fullName, 'Nguyễn Thị Hoà');
      assert.equal((await c.get<{ email: string }>('/api/v1/auth/me')).body.email, 'hoa@example.vn');
    });
  });

  describe(`citizen accounts through a messaging gateway on ${backend}`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let s: TestServer;
    let gateway: HttpServer;
    const received: { to: string; text: string }[] = [];
    let failNext = false;
    /** While set, the gateway takes messages but answers only when the test lets it. */
    let held: (() => void)[] | null = null;
    before(async () => {
      gateway = createHttpServer((req, res) => {
        let body = '';
        req.on('data', (d) => {
          body += d;
        });
        req.on('end', () => {
          if (failNext) {
            failNext = false;
            res.writeHead(502).end();
            return;
          }
          received.push(JSON.parse(body));
          if (held) held.push(() => res.writeHead(202).end());
          else res.writeHead(202).end();
        });
      });
      await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
      const addr = gateway.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s = await startTestServer(backend, {
        MOTCUA_MESSAGES: 'gateway',
        MOTCUA_SMS_URL: `http://127.0.0.1:${port}/sms`,
      });
    });
    after(async () => {
      await s?.close();
      gateway?.close();
    });

    it('sends the code to the SMS gateway, hides the development sink and refuses e-mail without a channel', async () => {
      const c = new Client(s.app);
      assert.equal((await c.get('/api/v1/dev/messages?to=0912345620')).status, 404);
      const r = await c.post<CodeSent>('/api/v1/accounts/register', person('0912345620'));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(received.at(-1)?.to, '0912345620');
      const code = /\b(\d{6})\b/.exec(received.at(-1)?.text ?? '')?.[1] as string;
      assert.equal((await c.post('/api/v1/accounts/verify', { phone: '0912345620', code })).status, 200);

      const mail = await c.post<ApiError>(
        '/api/v1/accounts/register',
        person('0912345621', { email: 'a@example.vn', channel: 'email' }),
      );
      assert.equal(mail.status, 503);
      assert.equal(mail.body.error.code, 'MESSAGING_UNAVAILABLE');
      const none = await s.database.read((db) =>
        db.select().from(users).where(eq(users.phone, '0912345621')),
      );
      assert.equal(none.length, 0);
    });

    it('answers "forgot password" before the gateway has taken the code, and sends nothing for an unknown number', async () => {
      const c = new Client(s.app);
      const before = received.length;
      const gate: (() => void)[] = [];
      held = gate;
      let known: Res<CodeSent>;
      let unknown: Res<CodeSent>;
      let waiting: number;
      try {
        // Both answers come while the gateway holds the message: had the answer waited for the gateway,
        // it would not have come at all. The answer's time says nothing.
        const answer = (phone: string) =>
          Promise.race([
            c.post<CodeSent>('/api/v1/accounts/password/forgot', { phone }),
            new Promise<never>((_, no) =>
              setTimeout(() => no(new Error('the answer waited for the gateway')), 30_000),
            ),
          ]);
        known = await answer('0912345620');
        unknown = await answer('0912000620');
        await until('the gateway to be handed the code', () => gate.length > 0);
        waiting = gate.length;
      } finally {
        held = null;
        for (const release of gate) release();
      }
      assert.equal(known.status, 202);
      assert.equal(
        JSON.stringify(known.body).replaceAll('0912345620', '<phone>'),
        JSON.stringify(unknown.body).replaceAll('0912000620', '<phone>'),
      );
      assert.equal(waiting, 1);
      assert.deepEqual(
        received.slice(before).map((m) => m.to),
        ['0912345620'],
      );
      assert.match(received.at(-1)?.text ?? '', /mã đặt lại mật khẩu của bạn là \d{6}/);
      // Recorded once the gateway answered.
      await until('the delivery to be recorded in the outbox', async () => {
        const rows = await s.database.read((db) =>
          db.select().from(outbox).where(eq(outbox.topic, 'account.reset')),
        );
        return rows.some((r) => r.recipient.phone === '0912345620' && r.status === 'sent');
      });
    });

    it('reports a failed delivery and lets the user ask again at once', async () => {
      const c = new Client(s.app);
      failNext = true;
      const r = await c.post<CodeSent>('/api/v1/accounts/register', person('0912345622'));
      assert.equal(r.status, 201);
      assert.equal(r.body.sent, false);
      const rows = await s.database.read((db) =>
        db.select().from(outbox).where(like(outbox.topic, 'account.%')),
      );
      assert.equal(rows.find((x) => x.recipient.phone === '0912345622')?.status, 'failed');
      const again = await c.post<CodeSent>('/api/v1/accounts/verify/resend', { phone: '0912345622' });
      assert.equal(again.status, 202);
      assert.equal(again.body.sent, true);
    });
  });
}
