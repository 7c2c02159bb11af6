import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Role } from '../../../domain/identity/role';
import type { Database, Db } from '../../db/database';
import { agencies, auditLog, sessions, users } from '../../db/schema';
import { AppError } from '../../errors';
import type { Me } from './auth.schema';
import { dummyHash, hashPassword, verifyPassword } from './password';
import type { RateLimit } from './rate-limit';

export const SESSION_COOKIE = 'motcua_session';

export interface AuthUser extends Me {
  roles: Role[];
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

async function loadMe(db: Db, userId: string): Promise<AuthUser | null> {
  const rows = await db
    .select({ user: users, agency: agencies })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId));
  const row = rows[0];
  if (!row?.user.active) return null;
  return toMe(row.user, row.agency);
}

export function toMe(u: typeof users.$inferSelect, a: typeof agencies.$inferSelect | null): AuthUser {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    agency: a ? { id: a.id, code: a.code, name: a.name, level: a.level } : null,
    communityHelper: u.communityHelper,
  };
}

/** 429 TOO_MANY_ATTEMPTS saying when to try again (the Retry-After header comes from `retryAfterSeconds`). */
export function tooManyAttempts(waitMs: number, what: string): AppError {
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `${what} Vui lòng thử lại sau ${Math.ceil(waitMs / 60_000)} phút.`,
    { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  );
}

export const invalidCredentials = () =>
  new AppError(
    401,
    'INVALID_CREDENTIALS',
    'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra và thử lại.',
  );

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
}

/** Checks the password and opens a session; returns the cookie token and the user. */
export async function login(
  database: Database,
  throttle: RateLimit,
  now: Date,
  sessionHours: number,
  input: LoginInput,
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const key = `${input.ip}|${input.username}`;
  // Counted before the password is checked: parallel guesses cannot all pass while scrypt runs.
  const wait = await throttle.attempt(key, now.getTime());
  if (wait > 0) throw tooManyAttempts(wait, 'Bạn đã nhập sai quá nhiều lần.');
  const found = (
    await database.read((db) => db.select().from(users).where(eq(users.username, input.username)))
  )[0];
  // Verified outside any transaction: hashing takes ~0.5 s and must not hold the database.
  const ok = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash()));
  if (!found || !ok || !found.active) {
    await database.tx((db) =>
      db.insert(auditLog).values({
        at: now,
        actorId: found?.id ?? null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: input.username,
        data: { ip: input.ip, reason: !found ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' },
      }),
    );
    throw invalidCredentials();
  }
  await throttle.succeed(key);
  return database.tx(async (db) => {
    const session = await openSession(db, found.id, now, sessionHours, input.ip, input.userAgent);
    await db.insert(auditLog).values({
      at: now,
      actorId: found.id,
      action: 'auth.login',
      entity: 'user',
      entityId: found.id,
      data: { ip: input.ip },
    });
    const me = await loadMe(db, found.id);
    if (!me) throw invalidCredentials();
    return { ...session, user: me };
  });
}

/** A new session for the user (its token in clear, for the cookie; only its hash is stored). */
export async function openSession(
  db: Db,
  userId: string,
  now: Date,
  hours: number,
  ip: string,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * `authenticate`'s statement, built once per database handle and prepared under a name (issue 17): every signed-in
 * request runs it, and building a Drizzle query is a good share of a small request's CPU; PostgreSQL parses and
 * plans it once per connection. The values are placeholders (the token's hash, now).
 */
const sessionQueries = new WeakMap<Db, ReturnType<typeof buildSessionQuery>>();
const buildSessionQuery = (db: Db) =>
  db
    .select({ user: users, agency: agencies })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('motcua_authenticate');
function sessionQuery(db: Db) {
  let q = sessionQueries.get(db);
  if (!q) {
    q = buildSessionQuery(db);
    sessionQueries.set(db, q);
  }
  return q;
}

/** The user behind a session token, or null when the session is unknown, expired or the user inactive. */
export async function authenticate(
  db: Db,
  token: string,
  now: Date,
): Promise<{ user: AuthUser; tokenHash: string } | null> {
  const tokenHash = hashToken(token);
  // One round trip for every signed-in request: the session, its user and the user's agency.
  const row = (await sessionQuery(db).execute({ tokenHash, now }))[0];
  if (!row?.user.active) return null;
  return { user: toMe(row.user, row.agency), tokenHash };
}

export async function logout(db: Db, tokenHash: string, userId: string, now: Date): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  await db
    .insert(auditLog)
    .values({ at: now, actorId: userId, action: 'auth.logout', entity: 'user', entityId: userId });
}

/**
 * Changes the user's own password; other sessions of the user end, this one stays. Wrong current
 * passwords are limited per account (`throttle`, keyed by the user id, whatever the address): someone
 * holding a stolen session cannot guess the password endlessly.
 */
export async function changePassword(
  database: Database,
  throttle: RateLimit,
  userId: string,
  keepTokenHash: string,
  now: Date,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const key = `password|${userId}`;
  const wait = await throttle.attempt(key, now.getTime());
  if (wait > 0) throw tooManyAttempts(wait, 'Bạn đã nhập sai mật khẩu hiện tại quá nhiều lần.');
  const u = (await database.read((db) => db.select().from(users).where(eq(users.id, userId))))[0];
  if (!u || !(await verifyPassword(input.currentPassword, u.passwordHash))) {
    await database.tx((db) =>
      db.insert(auditLog).values({
        at: now,
        actorId: userId,
        action: 'auth.password_change_failed',
        entity: 'user',
        entityId: userId,
      }),
    );
    const left = throttle.max - (await throttle.failures(key, now.getTime()));
    throw new AppError(
      400,
      'WRONG_PASSWORD',
      left > 0
        ? `Mật khẩu hiện tại không đúng. Bạn còn ${left} lần thử.`
        : `Mật khẩu hiện tại không đúng. Bạn đã nhập sai ${throttle.max} lần; vui lòng thử lại sau ${Math.ceil(throttle.windowMs / 60_000)} phút.`,
      { attemptsLeft: Math.max(0, left) },
    );
  }
  await throttle.succeed(key);
  if (input.currentPassword === input.newPassword) {
    throw new AppError(400, 'SAME_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await database.tx(async (db) => {
    await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
    const others = await db
      .select({ h: sessions.tokenHash })
      .from(sessions)
      .where(eq(sessions.userId, userId));
    for (const o of others) {
      if (o.h !== keepTokenHash) await db.delete(sessions).where(eq(sessions.tokenHash, o.h));
    }
    await db.insert(auditLog).values({
      at: now,
      actorId: userId,
      action: 'auth.password_changed',
      entity: 'user',
      entityId: userId,
    });
  });
}
