// Issue 16, item 7: the account endpoints must not tell a stranger whether a phone number has an account.
// Registration, "Gửi lại mã", "Quên mật khẩu?", and entering a wrong code answer byte for byte the same for a
// number with an account and one without (the number itself, echoed back, aside); only the number's holder
// learns anything, from the message sent to it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { ManualClock } from '../../src/server/clock';
import { users } from '../../src/server/db/schema';
import { Client, type Res } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

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

/** Status and body, with the phone number the request named replaced (it is echoed back by design). */
function seen(r: Res, phone: string): string {
  return `${r.status} ${r.headers['retry-after'] ?? '-'} ${JSON.stringify(r.body).replaceAll(phone, '<phone>')}`;
}

interface Sunk {
  topic: string;
  channel: string;
  text: string;
}

for (const backend of BACKENDS) {
  describe(`account existence is not revealed on ${backend}`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let s: TestServer;
    let clock: ManualClock;
    before(async () => {
      s = await startTestServer(backend);
      clock = s.clock as ManualClock;
    });
    after(() => s?.close());

    /** Every message the development sink holds for a phone or e-mail, newest first. */
    async function inbox(to: string): Promise<Sunk[]> {
      const r = await new Client(s.app).get<{ items: Sunk[] }>(
        `/api/v1/dev/messages?to=${encodeURIComponent(to)}`,
      );
      assert.equal(r.status, 200);
      return r.body.items;
    }

    const code = (m: Sunk | undefined) => /\b(\d{6})\b/.exec(m?.text ?? '')?.[1];

    /** A verified account on `phone`, registered and verified through the API. */
    async function account(phone: string, extra: Record<string, unknown> = {}): Promise<void> {
      const c = new Client(s.app);
      assert.equal((await c.post('/api/v1/accounts/register', person(phone, extra))).status, 201);
      const v = await c.post('/api/v1/accounts/verify', { phone, code: code((await inbox(phone))[0]) });
      assert.equal(v.status, 200);
      clock.advance(61_000);
    }

    it('answers "forgot password" the same with and without an account and sends the code only to the account', async () => {
      // Same first four and last three digits: the masked address in the answer is the same too.
      const known = '0912345631';
      const unknown = '0912000631';
      await account(known, { email: 'hoa.631@example.vn' });
      const c = new Client(s.app);

      const k = await c.post('/api/v1/accounts/password/forgot', { phone: known });
      const u = await c.post('/api/v1/accounts/password/forgot', { phone: unknown });
      assert.equal(k.status, 202);
      assert.equal(seen(k, known), seen(u, unknown));
      assert.match(JSON.stringify(k.body), /"sentTo":"0912•••631"/);
      assert.equal((await inbox(unknown)).length, 0, 'nothing is sent to a number without an account');
      const sent = (await inbox(known))[0];
      assert.equal(sent?.topic, 'account.reset');
      assert.ok(code(sent), 'the account receives a reset code');

      // The sending limits count the same: a second request within the minute is refused for both.
      const k2 = await c.post('/api/v1/accounts/password/forgot', { phone: known });
      const u2 = await c.post('/api/v1/accounts/password/forgot', { phone: unknown });
      assert.equal(k2.status, 429);
      assert.equal(seen(k2, known), seen(u2, unknown));

      // By e-mail: the account's address is not shown; the code goes to it.
      clock.advance(61_000);
      const ke = await c.post('/api/v1/accounts/password/forgot', { phone: known, channel: 'email' });
      const ue = await c.post('/api/v1/accounts/password/forgot', { phone: unknown, channel: 'email' });
      assert.equal(ke.status, 202);
      assert.equal(seen(ke, known), seen(ue, unknown));
      assert.doesNotMatch(JSON.stringify(ke.body), /example/);
      assert.equal((await inbox('hoa.631@example.vn'))[0]?.topic, 'account.reset');

      // A wrong code: the same refusal, down to the attempts left, then the same lock.
      for (let i = 0; i < 5; i++) {
        const body = {
          code: '000000',
          newPassword: 'mat-khau-moi-2027',
          confirmPassword: 'mat-khau-moi-2027',
        };
        const kw = await c.post('/api/v1/accounts/password/reset', { phone: known, ...body });
        const uw = await c.post('/api/v1/accounts/password/reset', { phone: unknown, ...body });
        assert.equal(kw.status, i < 4 ? 400 : 429);
        assert.equal(seen(kw, known), seen(uw, unknown));
      }
    });

    it('answers a wrong code the same for an account without a code, a used code and no account', async () => {
      const verified = '0912345632';
      const unknown = '0912000632';
      await account(verified);
      const c = new Client(s.app);
      for (const path of ['/api/v1/accounts/verify', '/api/v1/accounts/password/reset']) {
        const body = {
          code: '123456',
          newPassword: 'mat-khau-moi-2027',
          confirmPassword: 'mat-khau-moi-2027',
        };
        const payload = (phone: string) =>
          path.endsWith('verify') ? { phone, code: body.code } : { phone, ...body };
        const k = await c.post(path, payload(verified));
        const u = await c.post(path, payload(unknown));
        assert.equal(k.status, 400, path);
        assert.equal(seen(k, verified), seen(u, unknown), path);
      }
    });

    it('answers registration the same for a taken and a free number; the holder is told, not sent a code', async () => {
      const taken = '0912345633';
      const free = '0912000633';
      await account(taken);
      const c = new Client(s.app);

      const t = await c.post('/api/v1/accounts/register', person(taken, { fullName: 'Lê Văn Nam' }));
      const f = await c.post('/api/v1/accounts/register', person(free));
      assert.equal(t.status, 201);
      assert.equal(seen(t, taken), seen(f, free));

      const notice = (await inbox(taken))[0];
      assert.equal(notice?.topic, 'account.notice');
      assert.match(notice?.text ?? '', /Số điện thoại này đã có tài khoản/);
      assert.match(notice?.text ?? '', /Quên mật khẩu\?/);
      assert.equal(code(notice), undefined, 'no code goes to a number that has an account');
      assert.equal((await inbox(free))[0]?.topic, 'account.verify');
      assert.ok(code((await inbox(free))[0]));
      const rows = await s.database.read((db) => db.select().from(users).where(eq(users.phone, taken)));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.fullName, 'Nguyễn Thị Hoa', 'the existing account is untouched');

      // The sending limits apply to both alike.
      const t2 = await c.post('/api/v1/accounts/register', person(taken));
      const f2 = await c.post('/api/v1/accounts/register', person(free));
      assert.equal(t2.status, 429);
      assert.equal(seen(t2, taken), seen(f2, free));

      // "Gửi lại mã": the verified holder is told, the waiting account gets a code, an unknown number nothing.
      clock.advance(61_000);
      const nobody = '0912111633';
      const rt = await c.post('/api/v1/accounts/verify/resend', { phone: taken });
      const rf = await c.post('/api/v1/accounts/verify/resend', { phone: free });
      const rn = await c.post('/api/v1/accounts/verify/resend', { phone: nobody });
      assert.equal(rt.status, 202);
      assert.equal(seen(rt, taken), seen(rf, free));
      assert.equal(seen(rt, taken), seen(rn, nobody));
      assert.equal((await inbox(taken))[0]?.topic, 'account.notice');
      assert.equal((await inbox(free))[0]?.topic, 'account.verify');
      assert.equal((await inbox(nobody)).length, 0);
    });

    it('tells the holder of a number registered but never verified to reset the password', async () => {
      const pending = '0912345634';
      const c = new Client(s.app);
      assert.equal((await c.post('/api/v1/accounts/register', person(pending))).status, 201);
      clock.advance(61_000);
      const again = await c.post(
        '/api/v1/accounts/register',
        person(pending, { password: 'mat-khau-khac-1', confirmPassword: 'mat-khau-khac-1' }),
      );
      assert.equal(again.status, 201);
      const notice = (await inbox(pending))[0];
      assert.equal(notice?.topic, 'account.notice');
      assert.match(notice?.text ?? '', /chưa được xác thực.*Quên mật khẩu\?/);
      // Following it: a reset code sets the password and verifies the account.
      clock.advance(61_000);
      assert.equal((await c.post('/api/v1/accounts/password/forgot', { phone: pending })).status, 202);
      const reset = await c.post('/api/v1/accounts/password/reset', {
        phone: pending,
        code: code((await inbox(pending))[0]),
        newPassword: 'mat-khau-moi-2027',
        confirmPassword: 'mat-khau-moi-2027',
      });
      assert.equal(reset.status, 204);
      assert.equal(
        (await c.post('/api/v1/accounts/login', { login: pending, password: 'mat-khau-moi-2027' })).status,
        200,
      );
    });
  });
}
