import { and, desc, eq, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '../../../domain/calendar';
import {
  type Channel,
  dossierTimeLimit,
  type ProcedureContent,
  type TimeUnit,
} from '../../../domain/catalogue/procedure';
import type { CommandContext } from '../../../domain/dossier/commands';

import type { OfficeHours } from '../../../domain/agency/agency';
import { DEFAULT_WORKFLOW, INTERCONNECTED_WORKFLOW, type Workflow } from '../../../domain/dossier/workflow';
import { type Db, queryRows } from '../../db/database';
import {
  agencies,
  agencyProcedures,
  procedures,
  procedureVersions,
  procedureWorkflows,
} from '../../db/schema';
import { errors } from '../../errors';
import { localDate } from '../../time';
import type { CalendarService } from '../calendar/calendar.service';
type TimeLimit = { amount: number; unit: TimeUnit };

/** The 2025 regime (Decree 118/2025, Circular 03/2025) applies to dossiers received from 1 July 2025. */
export function regimeAt(now: Date): '2018' | '2025' {
  return localDate(now) >= '2025-07-01' ? '2025' : '2018';
}

export async function calendarOf(
  calendars: CalendarService,
  db: Db,
  agencyId: string | null,
): Promise<WorkingCalendar> {
  const a = agencyId ? (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0] : undefined;
  return calendars.forOfficeHours(a?.officeHours, db);
}

/**
 * A procedure version's content. Versions are immutable once stored (changes are new versions, decision
 * 0003), so their content is cached in memory by id; the cache can never be stale.
 */
const contentCache = new Map<string, ProcedureContent>();
export async function versionContent(db: Db, versionId: string): Promise<ProcedureContent> {
  const hit = contentCache.get(versionId);
  if (hit) return hit;
  const v = (
    await db
      .select({ content: procedureVersions.content })
      .from(procedureVersions)
      .where(eq(procedureVersions.id, versionId))
  )[0]!;
  if (contentCache.size >= 5000) contentCache.delete(contentCache.keys().next().value!);
  contentCache.set(versionId, v.content);
  return v.content;
}

/** The procedure and its version in force on `today`, or a clear 400. */
export async function currentVersion(db: Db, procedureCode: string, today: string) {
  const found = await db
    .select({ p: procedures, v: procedureVersions })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
    .where(and(eq(procedures.code, procedureCode), sql`${procedureVersions.effectiveFrom} <= ${today}`))
    .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.versionNo))
    .limit(1);
  const row = found[0];
  if (!row || (row.p.abolishedOn !== null && row.p.abolishedOn <= today)) {
    throw errors.invalid(
      'PROCEDURE_NOT_AVAILABLE',
      `Thủ tục ${procedureCode} không có hoặc không còn hiệu lực.`,
    );
  }
  return row;
}

/**
 * The workflow a dossier of `procedureId` received by `agencyId` follows: the agency's own version if
 * it has one, else the procedure's general one, else the default (liên thông when the catalogue says
 * the procedure is interconnected with another level).
 */
export async function workflowFor(
  db: Db,
  procedureId: string,
  agencyId: string,
  content: ProcedureContent,
): Promise<Workflow> {
  const rows = await db
    .select()
    .from(procedureWorkflows)
    .where(eq(procedureWorkflows.procedureId, procedureId))
    .orderBy(desc(procedureWorkflows.versionNo));
  const own = rows.find((r) => r.agencyId === agencyId) ?? rows.find((r) => r.agencyId === null);
  return own ? own.workflow : defaultWorkflow(content);
}

/** Without a saved workflow: commune receives and the province decides when the catalogue says the
 * procedure is interconnected upwards (liên thông), else the specialist → leader route. */
export function defaultWorkflow(content: ProcedureContent): Workflow {
  return content.level === 'commune' && content.interconnected?.with === 'province'
    ? INTERCONNECTED_WORKFLOW
    : DEFAULT_WORKFLOW;
}

/** Each step's agency: the receiving one, its parent (liên thông upwards) or a named agency. */
export async function resolveStepAgencies(
  db: Db,
  receivingAgencyId: string,
  workflow: Workflow,
  /** The agency tree, when the caller has already read it. */
  tree?: { id: string; parentId: string | null; code: string }[],
): Promise<Record<string, string>> {
  const all =
    tree ??
    (await db.select({ id: agencies.id, parentId: agencies.parentId, code: agencies.code }).from(agencies));
  const out: Record<string, string> = {};
  for (const step of workflow.steps) {
    if (step.agency === 'receiving') out[step.key] = receivingAgencyId;
    else if (step.agency === 'parent') {
      const parent = all.find((a) => a.id === receivingAgencyId)?.parentId;
      if (!parent) {
        throw errors.invalid(
          'WORKFLOW_AGENCY_MISSING',
          `Bước "${step.name}" chạy ở cấp trên nhưng cơ quan tiếp nhận không có cấp trên.`,
        );
      }
      out[step.key] = parent;
    } else {
      const code = step.agency.code;
      const a = all.find((x) => x.code === code);
      if (!a)
        throw errors.invalid('WORKFLOW_AGENCY_MISSING', `Bước "${step.name}": không có cơ quan mã ${code}.`);
      out[step.key] = a.id;
    }
  }
  return out;
}

/** What an intake needs to know, read in one round trip (see `intakeLookup`). */
export interface IntakeLookup {
  agency: { id: string; code: string; name: string; active: boolean; officeHours: OfficeHours };
  procedureId: string;
  /** ISO date, or null. */
  abolishedOn: string | null;
  versionId: string;
  versionNo: number;
  adopted: boolean;
  committed: TimeLimit | null;
  workflow: Workflow | null;
  /** The agency tree, as `agencyTreeColumn` (the new dossier's view: step agencies, the actor's scope, names). */
  tree: { id: string; parentId: string | null; code: string; name: string }[] | null;
}

/**
 * The receiving agency ($1: its id, or its code when `byId` is false), the version of procedure $2 in force
 * on day $3, whether the agency implements it (and its committed time), and the workflow it would follow:
 * the agency's own, else the procedure's general one. The agency's columns come as one JSON object; the agency
 * tree comes too, as `agencyTreeColumn` reads it, for the answer built without reading the dossier back.
 */
export const intakeLookup = (byId: boolean) => `select
    json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'active', a.active,
      'officeHours', a.office_hours) as agency,
    p.id as "procedureId", p.abolished_on::text as "abolishedOn", v.id as "versionId", v.version_no as "versionNo",
    ap.agency_id is not null as adopted, ap.committed_time as committed,
    (select w.workflow from procedure_workflows w
      where w.procedure_id = p.id and (w.agency_id = a.id or w.agency_id is null)
      order by (w.agency_id is null), w.version_no desc limit 1) as workflow,
    (select json_agg(json_build_object('id', t.id, 'parentId', t.parent_id, 'code', t.code, 'name', t.name))
      from agencies t) as tree
  from agencies a
  join procedures p on p.code = $2::text
  join procedure_versions v on v.procedure_id = p.id and v.effective_from <= $3::date
  left join agency_procedures ap on ap.agency_id = a.id and ap.procedure_id = p.id
  where ${byId ? 'a.id = $1::uuid' : 'a.code = $1::text'}
  order by v.effective_from desc, v.version_no desc
  limit 1`;

/**
 * What accepting a dossier needs besides its code (the same for the counter's intake and the desk's later
 * `accept` of an online or postal dossier): the regime of the day, the legal time of the channel (or the
 * agency's shorter committed time), the workflow (the agency's own, the procedure's, else the default) and what a
 * supplement request does to the clock.
 */
export function acceptance(
  content: ProcedureContent,
  channel: Channel,
  committed: TimeLimit | null,
  workflow: Workflow | null,
  code: string,
  now: Date,
): NonNullable<CommandContext['acceptance']> {
  return {
    code,
    regime: regimeAt(now),
    legalTime: dossierTimeLimit(content, channel, committed),
    workflow: workflow ?? defaultWorkflow(content),
    supplementMode: content.supplementMode,
  };
}

/**
 * For the `accept` command on a submitted dossier, in one round trip: the agency's code, its committed time for
 * the procedure, and the workflow it would follow; the content is the version the dossier was submitted under.
 */
export async function acceptanceLookup(
  db: Db,
  d: { agencyId: string; procedureId: string; procedureVersionId: string },
): Promise<{
  agencyCode: string;
  committed: TimeLimit | null;
  workflow: Workflow | null;
  content: ProcedureContent;
}> {
  const [found] = await queryRows<{
    agencyCode: string;
    committed: TimeLimit | null;
    workflow: Workflow | null;
  }>(
    db,
    sql`select a.code as "agencyCode", ap.committed_time as committed,
        (select w.workflow from ${procedureWorkflows} w
          where w.procedure_id = ${d.procedureId} and (w.agency_id = a.id or w.agency_id is null)
          order by (w.agency_id is null), w.version_no desc limit 1) as workflow
      from ${agencies} a
      left join ${agencyProcedures} ap on ap.agency_id = a.id and ap.procedure_id = ${d.procedureId}
      where a.id = ${d.agencyId}`,
  );
  return { ...found!, content: await versionContent(db, d.procedureVersionId) };
}

/** The agency tree as one JSON column of a dossier's read (step agencies, the caller's scope, agency names). */
export const agencyTreeColumn = () =>
  sql<{ id: string; parentId: string | null; code: string; name: string }[] | null>`(select
    json_agg(json_build_object('id', t.id, 'parentId', t.parent_id, 'code', t.code, 'name', t.name))
    from ${agencies} t)`;
