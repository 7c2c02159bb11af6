import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Workflow } from '../../../domain/dossier/workflow';
import type { Db } from '../../db/database';
import { agencies, auditLog, procedures, procedureVersions, procedureWorkflows } from '../../db/schema';
import { errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import { checkMayChange } from '../auth/auth.plugin';
import type { AuthUser } from '../auth/auth.service';
import { resolveStepAgencies, workflowFor } from '../dossiers/context';

async function procedureByCode(db: Db, code: string) {
  const p = (await db.select().from(procedures).where(eq(procedures.code, code)))[0];
  if (!p) throw errors.notFound(`thủ tục ${code}`);
  const v = (
    await db
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, p.id))
      .orderBy(desc(procedureVersions.versionNo))
      .limit(1)
  )[0]!;
  return { p, v };
}

async function agencyByCode(db: Db, code: string | undefined) {
  if (!code) return null;
  const a = (await db.select().from(agencies).where(eq(agencies.code, code)))[0];
  if (!a) throw errors.notFound(`cơ quan mã ${code}`);
  return a;
}

/** The workflow in force for a procedure (and agency), with its history. */
export async function workflowView(db: Db, code: string, agencyCode: string | undefined) {
  const { p, v } = await procedureByCode(db, code);
  const agency = await agencyByCode(db, agencyCode);
  const rows = await db
    .select({ w: procedureWorkflows, agencyCode: agencies.code })
    .from(procedureWorkflows)
    .leftJoin(agencies, eq(agencies.id, procedureWorkflows.agencyId))
    .where(eq(procedureWorkflows.procedureId, p.id))
    .orderBy(desc(procedureWorkflows.versionNo));
  const own = agency ? rows.find((r) => r.w.agencyId === agency.id) : undefined;
  const general = rows.find((r) => r.w.agencyId === null);
  const chosen = own ?? general;
  return {
    procedureCode: code,
    agencyCode: agency?.code ?? null,
    source: own ? ('agency' as const) : general ? ('procedure' as const) : ('default' as const),
    versionNo: chosen?.w.versionNo ?? null,
    workflow: chosen?.w.workflow ?? (await workflowFor(db, p.id, agency?.id ?? '', v.content)),
    history: rows.map((r) => ({
      versionNo: r.w.versionNo,
      agencyCode: r.agencyCode,
      note: r.w.note,
      createdAt: r.w.createdAt.toISOString(),
    })),
  };
}

/** Saves a new version of the workflow (the procedure's general one, or an agency's own) and audits it. */
export async function saveWorkflow(
  db: Db,
  actor: AuthUser,
  now: Date,
  code: string,
  body: { agencyCode?: string; workflow: z.infer<typeof Workflow>; note?: string },
) {
  const { p } = await procedureByCode(db, code);
  const agency = await agencyByCode(db, body.agencyCode);
  const scope = await agencyScope(db, actor);
  if (agency && !inScope(scope, agency.id)) throw errors.outOfScope();
  if (!agency) checkMayChange(actor, 'sharedWorkflow');
  // Every step's agency must exist for the receiving agency (or for every agency adopting it).
  if (agency) await resolveStepAgencies(db, agency.id, body.workflow);
  const last = (
    await db
      .select({ n: procedureWorkflows.versionNo })
      .from(procedureWorkflows)
      .where(
        and(
          eq(procedureWorkflows.procedureId, p.id),
          agency ? eq(procedureWorkflows.agencyId, agency.id) : isNull(procedureWorkflows.agencyId),
        ),
      )
      .orderBy(desc(procedureWorkflows.versionNo))
      .limit(1)
  )[0];
  await db.insert(procedureWorkflows).values({
    procedureId: p.id,
    agencyId: agency?.id ?? null,
    versionNo: (last?.n ?? 0) + 1,
    workflow: body.workflow,
    note: body.note ?? null,
    createdBy: actor.id,
    createdAt: now,
  });
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'workflow.saved',
    entity: 'procedure',
    entityId: code,
    data: { agencyCode: agency?.code ?? null, workflow: body.workflow },
  });
  return workflowView(db, code, body.agencyCode);
}
