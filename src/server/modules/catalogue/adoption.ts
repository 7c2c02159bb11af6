import { eq, sql } from 'drizzle-orm';
import {
  compareTimeLimits,
  formatProcessingTime,
  type ProcedureContent,
} from '../../../domain/catalogue/procedure';
import { type Db, queryRows } from '../../db/database';
import { agencies, agencyProcedures, auditLog } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { ItemProblem } from './decisions';
import { currentVersionsSql } from './versions';

/** Per-agency adoption: the procedures an agency implements, each with its committed time if shorter. */

export async function listAdoption(db: Db, today: string, agencyId: string) {
  const rows = await queryRows<{
    code: string;
    content: ProcedureContent;
    committed_time: { amount: number; unit: ProcedureContent['processingTime']['unit'] } | null;
  }>(
    db,
    sql`
    with cur as (${currentVersionsSql(today)})
    select cur.code, cur.content, ap.committed_time
    from agency_procedures ap join cur on cur.procedure_id = ap.procedure_id
    where ap.agency_id = ${agencyId} and (cur.abolished_on is null or cur.abolished_on > ${today})
    order by cur.search_text`,
  );
  return {
    items: rows.map((r) => ({
      procedureCode: r.code,
      procedureName: r.content.name,
      committedTime: r.committed_time ?? null,
      legalTime: r.content.processingTime,
    })),
  };
}

/** Sets the procedures an agency implements; a committed time may only be shorter than the legal one. */
export async function setAdoption(
  db: Db,
  actor: AuthUser,
  now: Date,
  today: string,
  agencyId: string,
  items: {
    procedureCode: string;
    committedTime: { amount: number; unit: ProcedureContent['processingTime']['unit'] } | null;
  }[],
) {
  const scope = await agencyScope(db, actor);
  if (!inScope(scope, agencyId)) throw errors.outOfScope();
  const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0];
  if (!a) throw errors.notFound('cơ quan');
  const codes = items.map((i) => i.procedureCode);
  const found =
    codes.length > 0
      ? await queryRows<{ procedure_id: string; code: string; content: ProcedureContent }>(
          db,
          sql`
          with cur as (${currentVersionsSql(today)})
          select procedure_id, code, content from cur
          where code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        )
      : [];
  const byCode = new Map(found.map((r) => [r.code, r]));
  const problems: ItemProblem[] = [];
  items.forEach((it, i) => {
    const p = byCode.get(it.procedureCode);
    if (!p) {
      problems.push({
        item: i + 1,
        procedureCode: it.procedureCode,
        message: `Không có thủ tục mã ${it.procedureCode} đang có hiệu lực.`,
      });
      return;
    }
    const legal = p.content.processingTime;
    const c = it.committedTime;
    if (c) {
      const cmp = compareTimeLimits(c, legal);
      if (cmp === null || cmp > 0) {
        problems.push({
          item: i + 1,
          procedureCode: it.procedureCode,
          message: `Thời hạn cam kết của thủ tục ${it.procedureCode} phải ngắn hơn hoặc bằng thời hạn luật định (${formatProcessingTime(legal)}).`,
        });
      }
    }
  });
  if (problems.length > 0) {
    throw new AppError(400, 'ADOPTION_INVALID', problems[0]!.message, problems);
  }
  await db.delete(agencyProcedures).where(eq(agencyProcedures.agencyId, agencyId));
  if (items.length > 0) {
    await db.insert(agencyProcedures).values(
      items.map((it) => ({
        agencyId,
        procedureId: byCode.get(it.procedureCode)!.procedure_id,
        committedTime: it.committedTime,
        createdAt: now,
      })),
    );
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'agency.procedures_set',
    entity: 'agency',
    entityId: agencyId,
    data: { count: items.length },
  });
  return listAdoption(db, today, agencyId);
}
