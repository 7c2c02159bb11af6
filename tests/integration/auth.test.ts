import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Me {
  username: string;
  roles: string[];
  agency: { code: string; name: string; level: string } | null;
}

for (const backend of BACKENDS) {
  describe(`authentication on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(backend);
    });
    after(() => s?.close());

    it('signs in with a username and password and sets an httpOnly SameSite session cookie', async () => {
      const c = new Client(s.app);
      const r = await c.post<{ user: Me }>('/api/v1/auth/login', {
        username: 'TiepNhan',
        password: DEMO_PASSWORD,
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.user.username, 'tiepnhan');
      assert.equal(r.body.user.agency?.name, 'Ủy ban nhân dân Phường Sài Gòn');
      const cookie = String(r.headers['set-cookie']);
      assert.match(cookie, /motcua_session=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      const me = await c.get<Me>('/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.deepEqual(me.body.roles, ['reception']);
      assert.equal(me.body.agency?.code, '000.01.30.H29');
    });

    it('answers /me without a session with 401 UNAUTHENTICATED', async () => {
      const r = await new Client(s.app).get<ApiError>('/api/v1/auth/me');
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'UNAUTHENTICATED');
    });

    it('refuses a wrong password with the same answer as an unknown user', async () => {
      const c = new Client(s.app);
      const wrong = await c.post<ApiError>('/api/v1/auth/login', {
        username: 'lanhdao',
        password: 'sai-mat-khau',
      });
      const unknown = await c.post<ApiError>('/api/v1/auth/login', {
        username: 'khongco',
        password: 'sai-mat-khau',
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
      assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
      assert.equal(c.cookie, undefined);
    });

    it('throttles a username after five failed attempts, then lets it in once the window passes', async () => {
      const c = new Client(s.app);
      for (let i = 0; i < 5; i++) {
        const r = await c.post('/api/v1/auth/login', { username: 'buudien', password: `sai-${i}-matkhau` });
        assert.equal(r.status, 401);
      }
      const blocked = await c.post<ApiError>('/api/v1/auth/login', {
        username: 'buudien',
        password: DEMO_PASSWORD,
      });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'TOO_MANY_ATTEMPTS');
      assert.match(blocked.body.error.message, /thử lại sau \d+ phút/);
      // Another account from the same address is not affected.
      assert.equal(
        (await new Client(s.app).post('/api/v1/auth/login', { username: 'lanhdao', password: DEMO_PASSWORD }))
          .status,
        200,
      );
      const clock = s.clock as import('../../src/server/clock').ManualClock;
      clock.advance(16 * 60_000);
      const ok = await c.post('/api/v1/auth/login', { username: 'buudien', password: DEMO_PASSWORD });
      assert.equal(ok.status, 200);
    });

    it('counts parallel login guesses: no more than five are checked at once', async () => {
      const tries = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          new Client(s.app).post('/api/v1/auth/login', {
            username: 'chuyenvien.tinh',
            password: `sai-${i}-mk`,
          }),
        ),
      );
      assert.deepEqual(tries.map((r) => r.status).sort(), [...Array(5).fill(401), ...Array(7).fill(429)]);
    });

    it('limits wrong current passwords when changing the own password: five per account, then 429 until the window passes', async () => {
      const clock = s.clock as import('../../src/server/clock').ManualClock;
      const a = await new Client(s.app).login('lanhdao.tinh', DEMO_PASSWORD);
      const b = await new Client(s.app).login('lanhdao.tinh', DEMO_PASSWORD);
      const change = (c: Client, currentPassword: string) =>
        c.post<ApiError>('/api/v1/auth/change-password', {
          currentPassword,
          newPassword: 'mat-khau-moi-2026',
        });
      // Per account, whichever session and address the guesses come from.
      for (let i = 0; i < 5; i++) {
        const r =
          i === 2
            ? await s.app.inject({
                method: 'POST',
                url: '/api/v1/auth/change-password',
                remoteAddress: '203.0.113.9',
                headers: { cookie: b.cookie as string },
                payload: { currentPassword: `sai-${i}-mat-khau`, newPassword: 'mat-khau-moi-2026' },
              })
            : await change(i % 2 ? b : a, `sai-${i}-mat-khau`);
        const status = 'statusCode' in r ? r.statusCode : r.status;
        const body = ('statusCode' in r ? r.json() : r.body) as ApiError;
        assert.equal(status, 400);
        assert.equal(body.error.code, 'WRONG_PASSWORD');
        assert.deepEqual(body.error.details, { attemptsLeft: 4 - i });
      }
      const locked = await change(a, DEMO_PASSWORD);
      assert.equal(locked.status, 429, 'the right password is refused while locked');
      assert.equal(locked.body.error.code, 'TOO_MANY_ATTEMPTS');
      assert.match(
        locked.body.error.message,
        /sai mật khẩu hiện tại quá nhiều lần\. Vui lòng thử lại sau 15 phút\./,
      );
      assert.equal(locked.headers['retry-after'], '900');
      assert.deepEqual(locked.body.error.details, { retryAfterSeconds: 900 });
      clock.advance(10 * 60_000);
      const still = await change(b, DEMO_PASSWORD);
      assert.equal(still.status, 429);
      assert.match(still.body.error.message, /thử lại sau 5 phút/);
      assert.equal(still.headers['retry-after'], '300');
      // The login is a separate limit: the account can still sign in.
      await new Client(s.app).login('lanhdao.tinh', DEMO_PASSWORD);
      clock.advance(5 * 60_000 + 1000);
      assert.equal((await change(a, DEMO_PASSWORD)).status, 204);
      await new Client(s.app).login('lanhdao.tinh', 'mat-khau-moi-2026');
    });

    it('checks no more than five parallel guesses of the current password', async () => {
      const t = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const tries = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.post('/api/v1/auth/change-password', {
            currentPassword: `sai-${i}-mk`,
            newPassword: 'mat-khau-moi-2026',
          }),
        ),
      );
      assert.deepEqual(tries.map((r) => r.status).sort(), [...Array(5).fill(400), ...Array(7).fill(429)]);
    });

    it('ends the session on logout', async () => {
      const c = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      const stale = c.cookie;
      const out = await c.post('/api/v1/auth/logout');
      assert.equal(out.status, 204);
      const again = new Client(s.app);
      again.cookie = stale;
      assert.equal((await again.get('/api/v1/auth/me')).status, 401);
    });

    it('expires a session after its lifetime, measured on the server clock', async () => {
      const c = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const clock = s.clock as import('../../src/server/clock').ManualClock;
      clock.advance(11 * 3_600_000);
      assert.equal((await c.get('/api/v1/auth/me')).status, 200);
      clock.advance(2 * 3_600_000);
      assert.equal((await c.get('/api/v1/auth/me')).status, 401);
    });

    it('changes the own password: the old one stops working, other sessions end, this one stays', async () => {
      const a = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const b = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const wrong = await a.post<ApiError>('/api/v1/auth/change-password', {
        currentPassword: 'khong-dung-day',
        newPassword: 'mat-khau-moi-2026',
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.code, 'WRONG_PASSWORD');
      const short = await a.post<ApiError>('/api/v1/auth/change-password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'ngan',
      });
      assert.equal(short.status, 400);
      assert.match(short.body.error.message, /ít nhất 8 ký tự/);
      const ok = await a.post('/api/v1/auth/change-password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'mat-khau-moi-2026',
      });
      assert.equal(ok.status, 204);
      assert.equal((await a.get('/api/v1/auth/me')).status, 200);
      assert.equal((await b.get('/api/v1/auth/me')).status, 401);
      const old = await new Client(s.app).post('/api/v1/auth/login', {
        username: 'tiepnhan.benthanh',
        password: DEMO_PASSWORD,
      });
      assert.equal(old.status, 401);
      await new Client(s.app).login('tiepnhan.benthanh', 'mat-khau-moi-2026');
    });
  });
}
