import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS } from '../../../domain/identity/account';
import type { App } from '../../app';
import { requireRole, requireUser } from '../auth/auth.plugin';
import { LoginResponse } from '../auth/auth.schema';
import { SESSION_COOKIE } from '../auth/auth.service';
import { RateLimit } from '../auth/rate-limit';
import {
  Account,
  AccountLoginBody,
  AccountPatch,
  CodeSent,
  HelperBody,
  HelperParams,
  HelperState,
  PhoneBody,
  RegisterBody,
  ResetBody,
  VerifyBody,
} from './accounts.schema';
import { accountLogin, resetPassword } from './login';
import { getAccount, getCommunityHelper, setCommunityHelper, updateAccount } from './profile';
import { register, requestCode, verify } from './registration';
import type { AccountsDeps } from './shared';
import { CodeThrottle } from './throttle';

const tags = ['Tài khoản công dân'];

/**
 * Citizen and organisation accounts on the portal: registration with a code sent by SMS or e-mail,
 * login by mobile number, password reset, the profile, and the community-helper flag.
 */
export async function accountsRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  const deps: AccountsDeps = {
    database,
    clock,
    messaging: app.messaging,
    codes: new CodeThrottle(app.rateStore),
    logins: app.loginThrottle,
    guesses: new RateLimit(app.rateStore, 'code-guess', CODE_MAX_ATTEMPTS, CODE_TTL_MS),
    later: (work) => app.background.run(work),
    sessionHours: config.sessionHours,
  };

  const setSession = (reply: FastifyReply, token: string, expiresAt: Date) => {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: Math.max(1, Math.round((expiresAt.getTime() - clock.now().getTime()) / 1000)),
    });
  };

  app.post(
    '/register',
    {
      schema: {
        tags,
        summary:
          'Đăng ký tài khoản (cá nhân hoặc tổ chức); gửi mã xác thực, hoặc báo cho chủ số điện thoại nếu số đã có tài khoản',
        body: RegisterBody,
        response: { 201: CodeSent },
      },
    },
    async (req, reply) => reply.status(201).send(await register(deps, req.body, req.ip)),
  );

  app.post(
    '/verify',
    {
      schema: {
        tags,
        summary: 'Nhập mã xác thực đăng ký; tài khoản được kích hoạt và đăng nhập',
        body: VerifyBody,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const r = await verify(deps, req.body, req.ip, req.headers['user-agent']);
      setSession(reply, r.token, r.expiresAt);
      return { user: r.user };
    },
  );

  app.post(
    '/verify/resend',
    {
      schema: {
        tags,
        summary: 'Gửi lại mã xác thực đăng ký (cùng một câu trả lời dù số điện thoại có tài khoản hay không)',
        body: PhoneBody,
        response: { 202: CodeSent },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestCode(deps, 'verify', req.body.phone, req.body.channel, req.ip)),
  );

  app.post(
    '/password/forgot',
    {
      schema: {
        tags,
        summary:
          'Quên mật khẩu: gửi mã đặt lại mật khẩu nếu số điện thoại có tài khoản (cùng một câu trả lời trong mọi trường hợp)',
        body: PhoneBody,
        response: { 202: CodeSent },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestCode(deps, 'reset', req.body.phone, req.body.channel, req.ip)),
  );

  app.post(
    '/password/reset',
    {
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu bằng mã; mọi phiên đăng nhập của tài khoản kết thúc',
        body: ResetBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await resetPassword(deps, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags,
        summary: 'Đăng nhập bằng số điện thoại hoặc tên đăng nhập',
        body: AccountLoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const r = await accountLogin(deps, {
        login: req.body.login,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSession(reply, r.token, r.expiresAt);
      return { user: r.user };
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'Hồ sơ tài khoản đang đăng nhập', response: { 200: Account } } },
    async (req) => {
      const user = requireUser(req);
      return database.read((db) => getAccount(db, user.id));
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Sửa họ tên, thư điện tử',
        body: AccountPatch,
        response: { 200: Account },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return database.tx((db) => updateAccount(db, user, clock.now(), req.body));
    },
  );

  app.get(
    '/:id/community-helper',
    {
      schema: {
        tags,
        summary: 'Tài khoản có phải người hỗ trợ cộng đồng',
        params: HelperParams,
        response: { 200: HelperState },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'quản lý người dùng');
      return database.read((db) => getCommunityHelper(db, actor, req.params.id));
    },
  );

  app.put(
    '/:id/community-helper',
    {
      schema: {
        tags,
        summary: 'Đánh dấu / bỏ đánh dấu người hỗ trợ cộng đồng (được nộp hồ sơ thay công dân)',
        params: HelperParams,
        body: HelperBody,
        response: { 200: HelperState },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'quản lý người dùng');
      return database.tx((db) =>
        setCommunityHelper(db, actor, clock.now(), req.params.id, req.body.communityHelper),
      );
    },
  );
}
