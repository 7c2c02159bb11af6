import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { Workflow } from '../../../domain/dossier/workflow';
import type { App } from '../../app';
import type { Db } from '../../db/database';
import { agencies, auditLog, procedures, procedureVersions, procedureWorkflows } from '../../db/schema';
import { errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import { checkMayChange, requireRole } from '../auth/auth.plugin';
import { resolveStepAgencies, workflowFor } from '../dossiers/context';

const tags = ['Quy trình xử lý'];

const WorkflowView = z.object({
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  /** Where the workflow in force comes from: this agency's own, the procedure's general one, or the default. */
  source: z.enum(['agency', 'procedure', 'default']),
  versionNo: z.number().int().nullable(),
  workflow: Workflow,
  history: z.array(
    z.object({
      versionNo: z.number().int(),
      agencyCode: z.string().nullable(),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

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

/** Administrators configure each procedure's workflow (quy trình nội bộ), per agency if needed. */
export async function workflowsRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  const view = async (db: Db, code: string, agencyCode: string | undefined) => {
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
  };

  app.get(
    '/procedures/:code/workflow',
    {
      schema: {
        tags,
        summary: 'Quy trình xử lý đang áp dụng của thủ tục (chung hoặc của một cơ quan)',
        params: z.object({ code: z.string() }),
        querystring: z.object({ agencyCode: z.string().optional() }),
        response: { 200: WorkflowView },
      },
    },
    async (req) => {
      requireRole(req, ['admin', 'reception', 'specialist', 'leader'], 'xem quy trình');
      return database.read((db) => view(db, req.params.code, req.query.agencyCode));
    },
  );

  app.put(
    '/procedures/:code/workflow',
    {
      schema: {
        tags,
        summary: 'Lưu phiên bản mới của quy trình xử lý (áp dụng cho hồ sơ tiếp nhận từ nay)',
        description:
          'Hồ sơ đã tiếp nhận giữ quy trình tại thời điểm tiếp nhận. `agencyCode` bỏ trống: quy trình chung của thủ tục.',
        params: z.object({ code: z.string() }),
        body: z.strictObject({
          agencyCode: z.string().optional(),
          workflow: Workflow,
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: WorkflowView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'cấu hình quy trình xử lý');
      const now = clock.now();
      return database.tx(async (db) => {
        const { p } = await procedureByCode(db, req.params.code);
        const agency = await agencyByCode(db, req.body.agencyCode);
        const scope = await agencyScope(db, actor);
        if (agency && !inScope(scope, agency.id)) throw errors.outOfScope();
        if (!agency) checkMayChange(actor, 'sharedWorkflow');
        // Every step's agency must exist for the receiving agency (or for every agency adopting it).
        if (agency) await resolveStepAgencies(db, agency.id, req.body.workflow);
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
          workflow: req.body.workflow,
          note: req.body.note ?? null,
          createdBy: actor.id,
          createdAt: now,
        });
        await db.insert(auditLog).values({
          at: now,
          actorId: actor.id,
          action: 'workflow.saved',
          entity: 'procedure',
          entityId: req.params.code,
          data: { agencyCode: agency?.code ?? null, workflow: req.body.workflow },
        });
        return view(db, req.params.code, req.body.agencyCode);
      });
    },
  );
}
