import { and, arrayContains, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { isStaff, type Role } from '../../../domain/identity/role';
import type { Db } from '../../db/database';
import { agencies, auditLog, sessions, users } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import { checkMayChange } from '../auth/auth.plugin';
import type { AuthUser } from '../auth/auth.service';
import type { User, UserInput, UserPatch } from './users.schema';

type Row = typeof users.$inferSelect;

export function toUser(r: Row): User {
  return {
    id: r.id,
    username: r.username,
    fullName: r.fullName,
    email: r.email,
    phone: r.phone,
    roles: r.roles,
    agencyId: r.agencyId,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * A staff account belongs to an agency (the system administrator may have none); a citizen account to
 * none; the two are not mixed.
 */
async function checkRolesAndAgency(
  db: Db,
  scope: Set<string> | null,
  roles: Role[],
  agencyId: string | null,
): Promise<void> {
  const staff = isStaff(roles);
  if (staff && roles.includes('citizen')) {
    throw errors.invalid('INVALID_ROLES', 'Một tài khoản không thể vừa là công dân vừa là cán bộ.');
  }
  if (agencyId === null) {
    if (staff && !(roles.length === 1 && roles[0] === 'sysadmin')) {
      throw errors.invalid(
        'AGENCY_REQUIRED',
        'Tài khoản cán bộ phải thuộc một cơ quan; hãy chọn cơ quan (chỉ tài khoản quản trị hệ thống có thể không thuộc cơ quan nào).',
      );
    }
    // Citizens and the system administrator have no agency; only a system administrator creates those.
    if (scope !== null) throw errors.outOfScope();
    return;
  }
  if (!staff) {
    throw errors.invalid(
      'AGENCY_NOT_ALLOWED',
      'Tài khoản công dân không thuộc cơ quan nào; hãy bỏ chọn cơ quan.',
    );
  }
  if (!inScope(scope, agencyId)) throw errors.outOfScope();
  const a = (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)))[0];
  if (!a) throw errors.invalid('AGENCY_NOT_FOUND', 'Không tìm thấy cơ quan đã chọn.');
}

export async function listUsers(
  db: Db,
  actor: AuthUser,
  q: {
    q?: string | undefined;
    agencyId?: string | undefined;
    role?: Role | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: User[]; total: number }> {
  const scope = await agencyScope(db, actor);
  const where: SQL[] = [];
  if (scope !== null) {
    if (scope.size === 0) return { items: [], total: 0 };
    where.push(inArray(users.agencyId, [...scope]));
  }
  if (q.agencyId) where.push(eq(users.agencyId, q.agencyId));
  if (q.role) where.push(arrayContains(users.roles, [q.role]));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`unaccent(${users.fullName}) ilike unaccent(${like})`,
        sql`${users.username} ilike ${like}`,
        sql`coalesce(${users.phone}, '') ilike ${like}`,
      ) as SQL,
    );
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const rows = await db.select().from(users).where(cond);
  const total = (await db.select({ n: count() }).from(users).where(cond))[0]?.n ?? 0;
  const collator = new Intl.Collator('vi');
  const sorted = rows.sort(
    (a, b) => collator.compare(a.fullName, b.fullName) || a.username.localeCompare(b.username),
  );
  return { items: sorted.slice(q.offset, q.offset + q.limit).map(toUser), total };
}

export async function getUser(db: Db, actor: AuthUser, id: string): Promise<Row> {
  const scope = await agencyScope(db, actor);
  const r = (await db.select().from(users).where(eq(users.id, id)))[0];
  if (!r || !(scope === null || inScope(scope, r.agencyId))) throw errors.notFound('người dùng');
  return r;
}

/** `passwordHash` is computed by the caller outside the transaction (hashing is slow). */
export async function createUser(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: Omit<UserInput, 'password'>,
  passwordHash: string,
): Promise<User> {
  const scope = await agencyScope(db, actor);
  if (input.roles.includes('sysadmin')) checkMayChange(actor, 'systemAdmins');
  await checkRolesAndAgency(db, scope, input.roles, input.agencyId);
  const taken = (await db.select({ id: users.id }).from(users).where(eq(users.username, input.username)))[0];
  if (taken) throw errors.conflict('USERNAME_TAKEN', `Tên đăng nhập "${input.username}" đã có người dùng.`);
  const [row] = await db
    .insert(users)
    .values({
      username: input.username,
      fullName: input.fullName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      roles: input.roles,
      agencyId: input.agencyId,
      passwordHash,
      // Created by an administrator, who vouches for the account.
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new AppError(500, 'INTERNAL_ERROR', 'Không tạo được người dùng.');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'user.created',
    entity: 'user',
    entityId: row.id,
    data: { ...input },
  });
  return toUser(row);
}

export async function updateUser(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  patch: Omit<UserPatch, 'password'>,
  passwordHash: string | undefined,
): Promise<User> {
  const scope = await agencyScope(db, actor);
  const current = await getUser(db, actor, id);
  const roles = patch.roles ?? current.roles;
  const agencyId = patch.agencyId !== undefined ? patch.agencyId : current.agencyId;
  // A system administrator's account (its password included) is theirs or another system administrator's.
  if (current.roles.includes('sysadmin') || roles.includes('sysadmin')) checkMayChange(actor, 'systemAdmins');
  if (patch.roles !== undefined || patch.agencyId !== undefined) {
    await checkRolesAndAgency(db, scope, roles, agencyId);
  }
  if (id === actor.id) {
    if (patch.active === false) {
      throw errors.invalid('CANNOT_DEACTIVATE_SELF', 'Bạn không thể tự khóa tài khoản của mình.');
    }
    if (
      !hasAnyRole(roles, ['admin']) ||
      (current.roles.includes('sysadmin') && !roles.includes('sysadmin'))
    ) {
      throw errors.invalid('CANNOT_DROP_OWN_ADMIN', 'Bạn không thể tự bỏ vai trò quản trị của mình.');
    }
  }
  const [row] = await db
    .update(users)
    .set({ ...patch, ...(passwordHash ? { passwordHash } : {}), updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw errors.notFound('người dùng');
  // A new password or a locked account ends the user's sessions.
  if (passwordHash || patch.active === false) await db.delete(sessions).where(eq(sessions.userId, id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'user.updated',
    entity: 'user',
    entityId: id,
    data: { ...patch, ...(passwordHash ? { passwordReset: true } : {}) },
  });
  return toUser(row);
}

/** Whether a system administrator exists (used by the first-start seed). */
export async function hasSystemAdmin(db: Db): Promise<boolean> {
  const r = await db
    .select({ id: users.id })
    .from(users)
    .where(arrayContains(users.roles, ['sysadmin']))
    .limit(1);
  return r.length > 0;
}
