import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database';
import { auditLog, fields } from '../../db/schema';
import { errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { currentVersionsSql } from './versions';

/** The fields (lĩnh vực) of the catalogue, with the number of procedures in effect in each. */

export async function listFields(db: Db, today: string) {
  const rows = await db.select().from(fields);
  const counts = await queryRows<{ field_code: string; n: number }>(
    db,
    sql`
    with cur as (${currentVersionsSql(today)})
    select field_code, count(*)::int as n from cur
    where abolished_on is null or abolished_on > ${today}
    group by field_code`,
  );
  const byCode = new Map(counts.map((r) => [r.field_code, Number(r.n)]));
  const collator = new Intl.Collator('vi');
  return rows
    .map((f) => ({ code: f.code, name: f.name, sector: f.sector, procedureCount: byCode.get(f.code) ?? 0 }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export async function createField(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: { code: string; name: string; sector: string },
) {
  const exists = (await db.select().from(fields).where(eq(fields.code, input.code)))[0];
  if (exists) throw errors.conflict('FIELD_CODE_TAKEN', `Mã lĩnh vực ${input.code} đã có (${exists.name}).`);
  const [row] = await db
    .insert(fields)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'field.created',
    entity: 'field',
    entityId: input.code,
    data: input,
  });
  return { code: row!.code, name: row!.name, sector: row!.sector, procedureCount: 0 };
}

export async function updateField(
  db: Db,
  actor: AuthUser,
  now: Date,
  code: string,
  patch: { name?: string | undefined; sector?: string | undefined },
) {
  const [row] = await db
    .update(fields)
    .set({ ...patch, updatedAt: now })
    .where(eq(fields.code, code))
    .returning();
  if (!row) throw errors.notFound('lĩnh vực');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'field.updated',
    entity: 'field',
    entityId: code,
    data: patch,
  });
  return { code: row.code, name: row.name, sector: row.sector, procedureCount: 0 };
}
