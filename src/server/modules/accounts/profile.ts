import { eq } from 'drizzle-orm';
import { emailError } from '../../../domain/identity/account';
import type { Db } from '../../db/database';
import { auditLog, users } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { getUser } from '../users/users.service';
import type { Account } from './accounts.schema';
import { type UserRow, unprocessable } from './shared';

/** The account as its holder sees and edits it, and the community-helper flag an administrator sets. */

export function toAccount(u: UserRow): Account {
  return {
    id: u.id,
    username: u.username,
    accountKind: u.accountKind,
    fullName: u.fullName,
    phone: u.phone,
    email: u.email,
    taxCode: u.taxCode,
    communityHelper: u.communityHelper,
    verified: u.verifiedAt !== null,
    roles: u.roles,
  };
}

export async function getAccount(db: Db, userId: string): Promise<Account> {
  const u = (await db.select().from(users).where(eq(users.id, userId)))[0];
  if (!u) throw errors.notFound('tài khoản');
  return toAccount(u);
}

/** A citizen edits their name and e-mail (the phone number is the login and proved by a code). */
export async function updateAccount(
  db: Db,
  actor: AuthUser,
  now: Date,
  patch: { fullName?: string | undefined; email?: string | null | undefined },
): Promise<Account> {
  if (!actor.roles.includes('citizen')) {
    throw errors.forbidden('sửa hồ sơ tại cổng dịch vụ công (tài khoản cán bộ do quản trị viên quản lý)');
  }
  const email =
    patch.email === undefined ? undefined : patch.email?.trim() ? patch.email.trim().toLowerCase() : null;
  const bad = emailError(email ?? '');
  if (bad) throw unprocessable([{ code: 'INVALID_EMAIL', path: 'email', message: bad }]);
  const [row] = await db
    .update(users)
    .set({
      ...(patch.fullName !== undefined ? { fullName: patch.fullName } : {}),
      ...(email !== undefined ? { email } : {}),
      updatedAt: now,
    })
    .where(eq(users.id, actor.id))
    .returning();
  if (!row) throw errors.notFound('tài khoản');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'account.updated',
    entity: 'user',
    entityId: actor.id,
    data: patch,
  });
  return toAccount(row);
}

/** An administrator marks a citizen account as community helper (người hỗ trợ cộng đồng) or not. */
export async function setCommunityHelper(
  db: Db,
  actor: AuthUser,
  now: Date,
  userId: string,
  on: boolean,
): Promise<{ id: string; communityHelper: boolean }> {
  const u = await getUser(db, actor, userId);
  if (!u.roles.includes('citizen')) {
    throw new AppError(
      422,
      'NOT_A_CITIZEN',
      'Chỉ tài khoản công dân (người dùng cổng dịch vụ công) mới có thể là người hỗ trợ cộng đồng.',
    );
  }
  await db.update(users).set({ communityHelper: on, updatedAt: now }).where(eq(users.id, userId));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'user.community_helper',
    entity: 'user',
    entityId: userId,
    data: { communityHelper: on },
  });
  return { id: userId, communityHelper: on };
}

export async function getCommunityHelper(
  db: Db,
  actor: AuthUser,
  userId: string,
): Promise<{ id: string; communityHelper: boolean }> {
  const u = await getUser(db, actor, userId);
  return { id: u.id, communityHelper: u.communityHelper };
}
