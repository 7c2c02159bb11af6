import { z } from 'zod';
import type { App } from '../../app';
import { ChangePasswordBody, LoginBody, LoginResponse, Me, Session } from './auth.schema';
import { changePassword, login, logout, SESSION_COOKIE } from './auth.service';
import { requireUser } from './auth.plugin';
import { RateLimit } from './rate-limit';

const tags = ['Đăng nhập'];

export async function authRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  /** Wrong current passwords when changing one's password: 5 per account, then 15 minutes' wait. */
  const passwordChecks = new RateLimit(app.rateStore, 'password', 5, 15 * 60_000);

  app.post(
    '/login',
    { schema: { tags, summary: 'Đăng nhập', body: LoginBody, response: { 200: LoginResponse } } },
    async (req, reply) => {
      const now = clock.now();
      const { token, expiresAt, user } = await login(database, app.loginThrottle, now, config.sessionHours, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        // Relative lifetime: the browser's clock may differ from the server's (manual clock in tests).
        maxAge: Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 1000)),
      });
      return { user };
    },
  );

  app.post(
    '/logout',
    { schema: { tags, summary: 'Đăng xuất', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.auth) {
        const { tokenHash, user } = req.auth;
        await database.tx((db) => logout(db, tokenHash, user.id, clock.now()));
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'Người dùng đang đăng nhập', response: { 200: Me } } },
    async (req) => requireUser(req),
  );

  app.get(
    '/session',
    {
      schema: {
        tags,
        summary:
          'Phiên đăng nhập của trình duyệt này: người dùng đang đăng nhập, hoặc null nếu chưa đăng nhập',
        response: { 200: Session },
      },
    },
    async (req) => ({ user: req.auth?.user ?? null }),
  );

  app.post(
    '/change-password',
    { schema: { tags, summary: 'Đổi mật khẩu', body: ChangePasswordBody, response: { 204: z.null() } } },
    async (req, reply) => {
      const user = requireUser(req);
      await changePassword(database, passwordChecks, user.id, req.auth!.tokenHash, clock.now(), req.body);
      return reply.status(204).send(null);
    },
  );
}
