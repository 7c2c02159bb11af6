import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasAnyRole, mayChange, refusalMessage, type SharedData } from '../../../domain/identity/permissions';
import type { Role } from '../../../domain/identity/role';
import { AppError, errors } from '../../errors';
import { type AuthUser, authenticate, SESSION_COOKIE } from './auth.service';
import { RateLimit, RateStore } from './rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and session, or null. Set for every /api request. */
    auth: { user: AuthUser; tokenHash: string } | null;
  }
  interface FastifyInstance {
    /** The limits' shared store (issue 18): every instance of a cluster counts in the same rows. */
    rateStore: RateStore;
    /** Failed sign-ins per address and name: 5 within 15 minutes, then a wait. */
    loginThrottle: RateLimit;
  }
}

/** Reads the session cookie of each API request into `request.auth`. */
export const authPlugin = fp(async (app) => {
  const rateStore = new RateStore(app.deps.database);
  app.decorate('rateStore', rateStore);
  app.decorate('loginThrottle', new RateLimit(rateStore, 'login', 5, 15 * 60_000));
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

/** The signed-in user holding at least one of `roles` (`sysadmin` counts as `admin`); 401 / 403 otherwise. */
export function requireRole(req: FastifyRequest, roles: readonly Role[], what?: string): AuthUser {
  const user = requireUser(req);
  if (!hasAnyRole(user.roles, roles)) throw errors.forbidden(what);
  return user;
}

/** 403 naming who may change `data` unless the user may (see SHARED_DATA in domain/identity/permissions). */
export function checkMayChange(user: AuthUser, data: SharedData): void {
  if (!mayChange(user, data)) throw new AppError(403, 'FORBIDDEN', refusalMessage(data));
}

/**
 * The signed-in user who may change the shared `data` — the system administrator, or an administrator
 * whose agency's level reaches it; 401 / 403 (saying who may) otherwise.
 */
export function requireMayChange(req: FastifyRequest, data: SharedData): AuthUser {
  const user = requireUser(req);
  checkMayChange(user, data);
  return user;
}
