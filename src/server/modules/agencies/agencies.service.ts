import { eq } from 'drizzle-orm';
import {
  AGENCY_LEVEL_LABELS_VI,
  type Agency,
  canBeChildOf,
  DEFAULT_OFFICE_HOURS,
  subtreeIds,
} from '../../../domain/agency/agency';
import { hasAnyRole } from '../../../domain/identity/permissions';
import type { Db } from '../../db/database';
import { agencies, auditLog } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import type { AgencyInput, AgencyPatch } from './agencies.schema';
import { agencyScope, inScope } from './scope';

type Row = typeof agencies.$inferSelect;

export function toAgency(r: Row): Agency {
  return {
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    name: r.name,
    level: r.level,
    address: r.address,
    phone: r.phone,
    email: r.email,
    officeHours: r.officeHours,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Everyone sees active agencies; administrators also see inactive ones within their scope. */
export async function listAgencies(db: Db, user: AuthUser | null): Promise<Agency[]> {
  const rows = await db.select().from(agencies);
  const scope = user && hasAnyRole(user.roles, ['admin']) ? await agencyScope(db, user) : undefined;
  const visible = rows.filter((r) => r.active || (scope !== undefined && inScope(scope, r.id)));
  const collator = new Intl.Collator('vi');
  return visible.sort((a, b) => collator.compare(a.name, b.name)).map(toAgency);
}

export async function getAgency(db: Db, id: string, user: AuthUser | null): Promise<Agency> {
  const r = (await db.select().from(agencies).where(eq(agencies.id, id)))[0];
  if (!r) throw errors.notFound('cơ quan');
  if (!r.active) {
    const scope = user && hasAnyRole(user.roles, ['admin']) ? await agencyScope(db, user) : new Set<string>();
    if (!inScope(scope, r.id)) throw errors.notFound('cơ quan');
  }
  return toAgency(r);
}

async function checkCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const other = (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)))[0];
  if (other && other.id !== exceptId) {
    throw errors.conflict('AGENCY_CODE_TAKEN', `Mã định danh ${code} đã được dùng cho một cơ quan khác.`);
  }
}

async function parentLevel(db: Db, parentId: string | null): Promise<Row | null> {
  if (parentId === null) return null;
  const p = (await db.select().from(agencies).where(eq(agencies.id, parentId)))[0];
  if (!p) throw errors.invalid('PARENT_NOT_FOUND', 'Không tìm thấy cơ quan cấp trên đã chọn.');
  return p;
}

function checkLevel(level: Agency['level'], parent: Row | null): void {
  if (!canBeChildOf(level, parent?.level ?? null)) {
    const lv = AGENCY_LEVEL_LABELS_VI[level];
    throw errors.invalid(
      'INVALID_AGENCY_LEVEL',
      parent
        ? `Cơ quan cấp "${lv}" không thể trực thuộc cơ quan cấp "${AGENCY_LEVEL_LABELS_VI[parent.level]}".`
        : `Cơ quan cấp "${lv}" phải có cơ quan cấp trên; chỉ cấp tỉnh/thành phố mới đứng đầu cây.`,
    );
  }
}

export async function createAgency(db: Db, actor: AuthUser, now: Date, input: AgencyInput): Promise<Agency> {
  const scope = await agencyScope(db, actor);
  if (input.parentId === null ? scope !== null : !inScope(scope, input.parentId)) throw errors.outOfScope();
  const parent = await parentLevel(db, input.parentId);
  checkLevel(input.level, parent);
  await checkCodeFree(db, input.code);
  const [row] = await db
    .insert(agencies)
    .values({
      ...input,
      officeHours: input.officeHours ?? DEFAULT_OFFICE_HOURS,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new AppError(500, 'INTERNAL_ERROR', 'Không tạo được cơ quan.');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'agency.created',
    entity: 'agency',
    entityId: row.id,
    data: input,
  });
  return toAgency(row);
}

export async function updateAgency(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  patch: AgencyPatch,
): Promise<Agency> {
  const scope = await agencyScope(db, actor);
  const current = (await db.select().from(agencies).where(eq(agencies.id, id)))[0];
  if (!current || !inScope(scope, id)) throw errors.notFound('cơ quan');
  const next = { ...current, ...patch };
  if (patch.parentId !== undefined && patch.parentId !== current.parentId) {
    if (actor.agency?.id === id) {
      throw errors.invalid(
        'CANNOT_MOVE_OWN_AGENCY',
        'Bạn không thể chuyển cơ quan của chính mình sang nơi khác.',
      );
    }
    if (patch.parentId === null ? scope !== null : !inScope(scope, patch.parentId)) throw errors.outOfScope();
    const all = await db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies);
    if (patch.parentId !== null && subtreeIds(all, id).includes(patch.parentId)) {
      throw errors.invalid(
        'AGENCY_CYCLE',
        'Không thể đặt một cơ quan trực thuộc chính nó hoặc đơn vị cấp dưới của nó.',
      );
    }
  }
  if (patch.level !== undefined || patch.parentId !== undefined) {
    checkLevel(next.level, await parentLevel(db, next.parentId));
    const children = await db.select().from(agencies).where(eq(agencies.parentId, id));
    for (const c of children) {
      if (!canBeChildOf(c.level, next.level)) {
        throw errors.invalid(
          'INVALID_AGENCY_LEVEL',
          `Không thể đổi cấp: đơn vị trực thuộc "${c.name}" không thể thuộc cơ quan cấp "${AGENCY_LEVEL_LABELS_VI[next.level]}".`,
        );
      }
    }
  }
  if (patch.code !== undefined) await checkCodeFree(db, patch.code, id);
  const [row] = await db
    .update(agencies)
    .set({ ...patch, updatedAt: now })
    .where(eq(agencies.id, id))
    .returning();
  if (!row) throw errors.notFound('cơ quan');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'agency.updated',
    entity: 'agency',
    entityId: id,
    data: patch,
  });
  return toAgency(row);
}
