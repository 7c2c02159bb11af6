import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../../domain/identity/role';
import { errors } from '../../errors';
import { type AuthUser, authenticate, SESSION_COOKIE } from './auth.service';
import { LoginThrottle } from './rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and session, or null. Set for every /api request. */
    auth: { user: AuthUser; tokenHash: string } | null;
  }
  interface FastifyInstance {
    loginThrottle: LoginThrottle;
  }
}

/** Reads the session cookie of each API request into `request.auth`. */
export const authPlugin = fp(async (app) => {
  app.decorate('loginThrottle', new LoginThrottle());
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const { database, clock } = app.deps;
    req.auth = await database.read((db) => authenticate(db, token, clock.now()));
    if (!req.auth) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
});

/** The signed-in user; 401 if none. */
export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.auth) throw errors.unauthenticated();
  return req.auth.user;
}

/** The signed-in user holding at least one of `roles`; 401 / 403 otherwise. */
export function requireRole(req: FastifyRequest, roles: readonly Role[], what?: string): AuthUser {
  const user = requireUser(req);
  if (!user.roles.some((r) => roles.includes(r))) throw errors.forbidden(what);
  return user;
}
