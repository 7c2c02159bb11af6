import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type DueExplanation,
  explainDue,
  extendedDue,
  localDayOf,
  timeliness,
  toLocalIso,
  type WorkingCalendar,
} from '../../../domain/calendar';
import { validateEform } from '../../../domain/catalogue/eform';
import {
  dossierTimeLimit,
  formatProcessingTime,
  type ProcedureContent,
  type TimeUnit,
} from '../../../domain/catalogue/procedure';
import { stepDeadlines } from '../../../domain/dossier/control-slip';

type TimeLimit = { amount: number; unit: TimeUnit };

import type { OfficeHours } from '../../../domain/agency/agency';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { maskName } from '../../../domain/dossier/applicant';
import { formatDossierCode, isDossierCode } from '../../../domain/dossier/code';
import {
  type CommandActor,
  type CommandContext,
  type DossierCommand,
  decide,
  holderRole,
} from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
import { applicantMessage } from '../../../domain/dossier/notifications';
import {
  apply as applyEvent,
  canApply,
  type DossierState,
  recomputeDue,
  replay,
} from '../../../domain/dossier/state';
import { DVCQG_STATUS, type StatusCode } from '../../../domain/dossier/status';
import { DEFAULT_WORKFLOW, INTERCONNECTED_WORKFLOW, type Workflow } from '../../../domain/dossier/workflow';
import { type Db, queryRows } from '../../db/database';
import {
  agencies,
  agencyProcedures,
  auditLog,
  dossierEvents,
  dossierFiles,
  dossierNames,
  dossiers,
  files,
  outbox,
  procedures,
  procedureVersions,
  procedureWorkflows,
  users,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import {
  type DossierIntake,
  type DossierListQuery,
  type DossierView,
  type PublicDossier,
  Worklist,
  type WorklistCounts,
} from './dossiers.schema';
import {
  IN_PROCESSING,
  MINUTES_PER_WORKING_DAY,
  PAUSED_STATUSES,
  statusIn,
} from '../../../domain/dossier/lifecycle';
import { availableActions } from '../../../domain/dossier/actions';

/** The 2025 regime (Decree 118/2025, Circular 03/2025) applies to dossiers received from 1 July 2025. */
export function regimeAt(now: Date): '2018' | '2025' {
  return localDate(now) >= '2025-07-01' ? '2025' : '2018';
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const status = (code: number) => ({ code, name: DVCQG_STATUS[code as StatusCode] });

export async function calendarOf(
  calendars: CalendarService,
  db: Db,
  agencyId: string | null,
): Promise<WorkingCalendar> {
  const a = agencyId ? (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0] : undefined;
  return calendars.forOfficeHours(a?.officeHours, db);
}

/** Appends events after checking each transition, and refreshes the projection; returns the new state. */
export async function appendEvents(
  db: Db,
  dossierId: string,
  history: DossierEvent[],
  added: DossierEvent[],
  now: Date,
  extra: Partial<typeof dossiers.$inferInsert> = {},
  opts: { audit?: typeof auditLog.$inferInsert; names?: { agencyName: string; procedureName: string } } = {},
) {
  let state = replay(history);
  for (const e of added) {
    if (history.length > 0 || e !== added[0]) {
      const refusal = canApply(state, e);
      if (refusal) throw new AppError(409, refusal.code, refusal.message);
    }
    state = applyEvent(state, e);
  }
  const messages = await messagesFor(db, dossierId, added, now, extra, opts.names);
  if (history.length === 0) {
    // A new dossier (intake): one hand-written statement, the hottest write of the system.
    await insertDossier(
      db,
      { ...(extra as typeof dossiers.$inferInsert), id: dossierId, ...projection(state, added.length, now) },
      added,
      messages,
      opts.audit,
    );
    return state;
  }
  const rows = added.map((e, i) => ({
    dossierId,
    seq: history.length + i + 1,
    type: e.type,
    at: new Date(e.at),
    actorId: e.actor?.id ?? null,
    event: e,
  }));
  const writes: SQL[] = [
    db
      .update(dossiers)
      .set({ ...extra, ...projection(state, history.length + added.length, now) })
      .where(eq(dossiers.id, dossierId))
      .getSQL(),
    db.insert(dossierEvents).values(rows).getSQL(),
    ...(messages.length > 0 ? [db.insert(outbox).values(messages).getSQL()] : []),
    ...(opts.audit ? [db.insert(auditLog).values(opts.audit).getSQL()] : []),
  ];
  // One statement (data-modifying CTEs): every round trip costs more than the work on this hardware.
  const [first, ...rest] = writes;
  await db.execute(
    sql`with ${sql.join(
      [first!, ...rest.slice(0, -1)].map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
      sql`, `,
    )} ${rest.length > 0 ? rest[rest.length - 1]! : sql`select 1`}`,
  );
  return state;
}

/**
 * Runs a hand-written parameterised statement ($1, $2 …) under a fixed name, for the intake's hot path:
 * it skips Drizzle's query building (a fifth of the intake's CPU when profiled), and PostgreSQL parses and
 * plans it once per connection (a named prepared statement; PGlite ignores the name). One name, one text.
 * Values go as text: timestamps as ISO strings, jsonb as JSON (cast in the statement).
 */
async function hot<T>(db: Db, name: string, text: string, params: unknown[]): Promise<T[]> {
  const result = await db._.session.prepareQuery({ sql: text, params }, undefined, name, false).execute();
  return (result as { rows: T[] }).rows;
}

/** The intake's write: dossier and projection, its events, the applicant's messages and the audit line. */
const INSERT_DOSSIER = `with
  d as (insert into dossiers (id, code, agency_id, procedure_id, procedure_version_id, channel, applicant,
      applicant_name, submitter, form_data, components, step, step_role, current_agency_id, assignee_id,
      search_text, status, accepted_at, due_at, appointment_at, ended_at, returned_at, event_count, created_at,
      updated_at)
    values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16,
      $17, $18::timestamptz, $19::timestamptz, $20::timestamptz, $21::timestamptz, $22::timestamptz, $23,
      $24::timestamptz, $25::timestamptz)),
  e as (insert into dossier_events (dossier_id, seq, type, at, actor_id, event)
    select $1, x.seq, x.e->>'type', (x.e->>'at')::timestamptz, (x.e->'actor'->>'id')::uuid, x.e
    from jsonb_array_elements($26::jsonb) with ordinality as x(e, seq)),
  o as (insert into outbox (created_at, topic, dossier_id, recipient, message, next_attempt_at)
    select m."createdAt", m.topic, $1, m.recipient, m.message, m."nextAttemptAt"
    from jsonb_to_recordset($27::jsonb)
      as m("createdAt" timestamptz, topic text, recipient jsonb, message text, "nextAttemptAt" timestamptz))
insert into audit_log (at, actor_id, action, entity, entity_id, data)
  select $28::timestamptz, $29::uuid, $30::text, $31::text, $32::text, $33::jsonb where $30::text is not null`;

async function insertDossier(
  db: Db,
  d: typeof dossiers.$inferInsert,
  events: DossierEvent[],
  messages: (typeof outbox.$inferInsert)[],
  audit: typeof auditLog.$inferInsert | undefined,
): Promise<void> {
  const iso = (t: Date | null | undefined) => t?.toISOString() ?? null;
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  await hot(db, 'motcua_insert_dossier', INSERT_DOSSIER, [
    d.id,
    d.code ?? null,
    d.agencyId,
    d.procedureId,
    d.procedureVersionId,
    d.channel,
    json(d.applicant),
    d.applicantName,
    json(d.submitter),
    json(d.formData ?? {}),
    json(d.components ?? []),
    d.step ?? null,
    d.stepRole ?? null,
    d.currentAgencyId ?? null,
    d.assigneeId ?? null,
    d.searchText,
    d.status,
    iso(d.acceptedAt),
    iso(d.dueAt),
    iso(d.appointmentAt),
    iso(d.endedAt),
    iso(d.returnedAt),
    d.eventCount,
    iso(d.createdAt),
    iso(d.updatedAt),
    // Each event's type, time and actor columns are taken from the event itself, as `appendEvents` does.
    json(events),
    json(messages), // their dossier is this one
    iso(audit?.at),
    audit?.actorId ?? null,
    audit?.action ?? null,
    audit?.entity ?? null,
    audit?.entityId ?? null,
    json(audit?.data),
  ]);
}

/** The applicant's messages for these events (the outbox rows, written with them). */
async function messagesFor(
  db: Db,
  dossierId: string,
  added: DossierEvent[],
  now: Date,
  inserted: Partial<typeof dossiers.$inferInsert>,
  names?: { agencyName: string; procedureName: string },
): Promise<(typeof outbox.$inferInsert)[]> {
  if (!added.some((e) => NOTIFYING.has(e.type))) return [];
  const row =
    inserted.applicant && inserted.agencyId && inserted.procedureVersionId
      ? {
          applicant: inserted.applicant,
          agencyId: inserted.agencyId,
          versionId: inserted.procedureVersionId,
          code: null,
        }
      : await db
          .select({
            applicant: dossiers.applicant,
            agencyId: dossiers.agencyId,
            versionId: dossiers.procedureVersionId,
            code: dossiers.code,
          })
          .from(dossiers)
          .where(eq(dossiers.id, dossierId))
          .then((r) => r[0]!);
  const a = row.applicant as { fullName?: string; phone?: string; email?: string };
  if (!a.phone && !a.email) return []; // nobody to tell: the desk tells them at the counter
  const agencyName =
    names?.agencyName ??
    (await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, row.agencyId)))[0]!.name;
  const procedureName = names?.procedureName ?? (await versionContent(db, row.versionId)).name;
  let code = row.code;
  const values: (typeof outbox.$inferInsert)[] = [];
  for (const e of added) {
    if (e.type === 'accepted') code = e.code;
    const m = applicantMessage(e, { code, procedureName, agencyName });
    if (!m) continue;
    values.push({
      createdAt: now,
      topic: m.topic,
      dossierId,
      recipient: { name: a.fullName ?? '', phone: a.phone ?? null, email: a.email ?? null },
      message: m.text,
      nextAttemptAt: now,
    });
  }
  return values;
}

const NOTIFYING = new Set([
  'accepted',
  'supplement-requested',
  'refused',
  'apologized',
  'result-ready',
  'stopped',
]);

/** The query columns derived from a dossier's state. */
function projection(state: DossierState, eventCount: number, now: Date) {
  return {
    code: state.code,
    status: state.status,
    acceptedAt: state.acceptedAt ? new Date(state.acceptedAt) : null,
    dueAt: state.dueAt ? new Date(state.dueAt) : null,
    appointmentAt: state.appointmentAt ? new Date(state.appointmentAt) : null,
    endedAt: state.endedAt ? new Date(state.endedAt) : null,
    returnedAt: state.returnedAt ? new Date(state.returnedAt) : null,
    step: state.step,
    stepRole: holderRole(state),
    currentAgencyId: state.agencyId,
    assigneeId: state.assigneeId,
    eventCount,
    updatedAt: now,
  };
}

/**
 * A procedure version's content. Versions are immutable once stored (changes are new versions, decision
 * 0003), so their content is cached in memory by id; the cache can never be stale.
 */
const contentCache = new Map<string, ProcedureContent>();
async function versionContent(db: Db, versionId: string): Promise<ProcedureContent> {
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
async function currentVersion(db: Db, procedureCode: string, today: string) {
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
function defaultWorkflow(content: ProcedureContent): Workflow {
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
interface IntakeLookup {
  agency: { id: string; code: string; name: string; active: boolean; officeHours: OfficeHours };
  procedureId: string;
  /** ISO date, or null. */
  abolishedOn: string | null;
  versionId: string;
  adopted: boolean;
  committed: TimeLimit | null;
  workflow: Workflow | null;
}

/**
 * The receiving agency ($1: its id, or its code when `byId` is false), the version of procedure $2 in force
 * on day $3, whether the agency implements it (and its committed time), and the workflow it would follow:
 * the agency's own, else the procedure's general one. The agency's columns come as one JSON object.
 */
const intakeLookup = (byId: boolean) => `select
    json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'active', a.active,
      'officeHours', a.office_hours) as agency,
    p.id as "procedureId", p.abolished_on::text as "abolishedOn", v.id as "versionId",
    ap.agency_id is not null as adopted, ap.committed_time as committed,
    (select w.workflow from procedure_workflows w
      where w.procedure_id = p.id and (w.agency_id = a.id or w.agency_id is null)
      order by (w.agency_id is null), w.version_no desc limit 1) as workflow
  from agencies a
  join procedures p on p.code = $2::text
  join procedure_versions v on v.procedure_id = p.id and v.effective_from <= $3::date
  left join agency_procedures ap on ap.agency_id = a.id and ap.procedure_id = p.id
  where ${byId ? 'a.id = $1::uuid' : 'a.code = $1::text'}
  order by v.effective_from desc, v.version_no desc
  limit 1`;

/** Runs a counter in its own committed transaction (PostgreSQL), or inline (PGlite). */
export type Autonomous = (<T>(fn: (db: Db) => Promise<T>) => Promise<T>) | null;

/**
 * The next code of the agency's day. On PostgreSQL the counter row is taken in its own short transaction,
 * so concurrent intakes do not queue behind each other's whole transaction (and its commit): the number is
 * never given twice nor reused, and a command failing after it (rare: every check runs before) leaves a gap.
 */
async function nextCode(db: Db, autonomous: Autonomous, agencyId: string, agencyCode: string, now: Date) {
  return autonomous
    ? // One statement, committed at once without waiting for the disk: WAL is flushed in order, so once a
      // dossier carrying this number commits (synchronously), the increment is durable too.
      autonomous((side) => reserveCode(side, agencyId, agencyCode, now))
    : reserveCode(db, agencyId, agencyCode, now);
}

async function reserveCode(db: Db, agencyId: string, agencyCode: string, now: Date): Promise<string> {
  const today = localDate(now);
  const [seqRow] = await hot<{ last: number }>(
    db,
    'motcua_reserve_code',
    `insert into dossier_sequences (agency_id, day, last) values ($1::uuid, $2::date, 1)
      on conflict (agency_id, day) do update set last = dossier_sequences.last + 1
      returning last`,
    [agencyId, today],
  );
  return formatDossierCode(agencyCode, today, seqRow!.last);
}

const actorOf = (a: AuthUser): CommandActor => ({
  id: a.id,
  name: a.fullName,
  agencyId: a.agency?.id ?? null,
  roles: a.roles,
});

/**
 * A dossier handed in through any channel (domain.md "Channels"). At the counter the reception
 * officer decides at once — accept with code and due date, or record the supplement request (Mẫu 02)
 * or the refusal (Mẫu 03); online (citizen, helper) and postal (postal staff) dossiers arrive as
 * "submitted" and wait for the receiving desk's check.
 */
export async function createDossier(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  input: DossierIntake,
  autonomous: Autonomous = null,
): Promise<string> {
  const roles = actor.roles;
  const channel = input.channel;
  if (channel === 'counter' && !roles.includes('reception')) {
    throw errors.forbidden('tiếp nhận hồ sơ trực tiếp (cần vai trò cán bộ một cửa)');
  }
  if (channel === 'postal' && !roles.includes('postal') && !roles.includes('reception')) {
    throw errors.forbidden('bàn giao hồ sơ qua bưu chính');
  }
  if (channel === 'online' && !roles.includes('citizen')) {
    throw errors.invalid(
      'ONLINE_FOR_CITIZENS',
      'Hồ sơ trực tuyến do công dân hoặc người hỗ trợ nộp trên Cổng dịch vụ công.',
    );
  }
  // The receiving agency: staff receive for their own agency (postal staff for the one named).
  const byId = channel === 'counter' || (channel === 'postal' && !input.agencyCode);
  if (byId && !actor.agency) throw errors.forbidden('tiếp nhận hồ sơ khi không thuộc cơ quan nào');
  if (!byId && !input.agencyCode)
    throw errors.invalid('AGENCY_REQUIRED', 'Hãy chọn cơ quan tiếp nhận hồ sơ.');
  const today = localDate(now);
  // One round trip: the agency, the procedure version in force, whether the agency implements it, and
  // the workflow it would follow (the agency's own, else the procedure's general one).
  const found = (
    await hot<IntakeLookup>(
      db,
      byId ? 'motcua_intake_lookup_id' : 'motcua_intake_lookup_code',
      intakeLookup(byId),
      [byId ? actor.agency!.id : input.agencyCode!, input.procedureCode, today],
    )
  )[0];
  if (!found) {
    // Say precisely what is missing.
    const a = byId
      ? (await db.select().from(agencies).where(eq(agencies.id, actor.agency!.id)))[0]
      : (await db.select().from(agencies).where(eq(agencies.code, input.agencyCode!)))[0];
    if (!a) throw errors.invalid('AGENCY_NOT_FOUND', `Không có cơ quan mã ${input.agencyCode}.`);
    await currentVersion(db, input.procedureCode, today); // throws PROCEDURE_NOT_AVAILABLE
  }
  const { agency, adopted, procedureId, versionId } = found!;
  if (!agency.active) throw errors.invalid('AGENCY_NOT_FOUND', `Cơ quan ${agency.name} không còn hoạt động.`);
  if (found!.abolishedOn !== null && found!.abolishedOn <= today) {
    throw errors.invalid(
      'PROCEDURE_NOT_AVAILABLE',
      `Thủ tục ${input.procedureCode} không có hoặc không còn hiệu lực.`,
    );
  }
  const content = await versionContent(db, versionId);
  if (!adopted) {
    throw errors.invalid(
      'PROCEDURE_NOT_ADOPTED',
      `${agency.name} chưa được giao thực hiện thủ tục ${input.procedureCode}; kiểm tra danh mục thủ tục của cơ quan.`,
    );
  }
  if (channel !== 'counter' && !content.channels.includes(channel)) {
    throw errors.invalid(
      'CHANNEL_NOT_OFFERED',
      channel === 'online'
        ? 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; hãy nộp trực tiếp hoặc qua bưu chính.'
        : 'Thủ tục này không thực hiện qua dịch vụ bưu chính công ích.',
    );
  }
  const eform = validateEform(content.eform, input.formData);
  if (!eform.ok) {
    throw errors.invalid('EFORM_INVALID', `Tờ khai chưa hợp lệ: ${eform.issues[0]!.message}`, eform.issues);
  }
  const decision = channel === 'counter' ? input.decision : 'submit';
  if (decision === 'accept') {
    const missing = content.components.filter(
      (c) => c.required && !c.condition && !input.components.some((x) => x.name === c.name && x.received),
    );
    if (missing.length > 0) {
      throw errors.invalid(
        'COMPONENTS_MISSING',
        `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((m) => m.name).join('; ')}. Hãy hướng dẫn bổ sung (Mẫu 02) thay vì tiếp nhận.`,
        missing.map((m) => m.name),
      );
    }
  }
  if (decision === 'supplement' && !input.supplement) {
    throw errors.invalid(
      'SUPPLEMENT_ITEMS_REQUIRED',
      'Hãy liệt kê đầy đủ giấy tờ cần bổ sung, hoàn thiện và lý do.',
    );
  }
  if (decision === 'refuse' && !input.refusal) {
    throw errors.invalid('REFUSAL_REASON_REQUIRED', 'Hãy ghi rõ lý do từ chối tiếp nhận hồ sơ.');
  }
  const idNumber =
    input.applicant.kind === 'citizen' ? (input.applicant.idNumber ?? '') : (input.applicant.taxCode ?? '');
  const id = randomUUID();
  const who = { id: actor.id, name: actor.fullName, agencyId: actor.agency?.id ?? null };
  const submitted: DossierEvent = {
    type: 'submitted',
    at: now.toISOString(),
    actor: who,
    channel,
    agencyId: agency.id,
  };
  const added: DossierEvent[] = [submitted];
  const cal = await calendars.forOfficeHours(agency.officeHours, db);
  const workflow = decision === 'accept' ? (found!.workflow ?? defaultWorkflow(content)) : null;
  if (decision !== 'submit') {
    const cmd: DossierCommand =
      decision === 'accept'
        ? { action: 'accept', note: input.note }
        : decision === 'supplement'
          ? { action: 'request-supplement', items: input.supplement!.items, reason: input.supplement!.reason }
          : { action: 'refuse', reason: input.refusal!.reason };
    const ctx: CommandContext = { now, actor: actorOf(actor), calendar: cal, stepAgencies: {} };
    if (workflow) {
      ctx.acceptance = {
        // The day's sequence row is the one contended lock: take it as late as possible.
        code: await nextCode(db, autonomous, agency.id, agency.code, now),
        regime: regimeAt(now),
        legalTime: dossierTimeLimit(content, channel, found!.committed),
        workflow,
        supplementMode: content.supplementMode,
      };
    }
    const r = decide(replay(added), cmd, ctx);
    if (!r.ok) throw new AppError(r.status, r.refusal.code, r.refusal.message);
    added.push(...r.events);
  }
  const code = acceptedCode(added);
  await appendEvents(
    db,
    id,
    [],
    added,
    now,
    {
      agencyId: agency.id,
      procedureId,
      procedureVersionId: versionId,
      channel,
      applicant: input.applicant,
      applicantName: input.applicant.fullName,
      submitter: input.submitter ?? null,
      formData: eform.value,
      components: input.components,
      searchText: foldVietnamese(`${code ?? ''} ${input.applicant.fullName} ${idNumber}`),
      createdAt: now,
    },
    {
      audit: {
        at: now,
        actorId: actor.id,
        action: `dossier.${{ submit: 'submitted', accept: 'accepted', supplement: 'supplement-requested', refuse: 'refused' }[decision]}`,
        entity: 'dossier',
        entityId: id,
        data: { channel, components: input.components, note: input.note ?? null },
      },
      names: { agencyName: agency.name, procedureName: content.name },
    },
  );
  return id;
}

function acceptedCode(events: DossierEvent[]): string | null {
  const a = events.find((e) => e.type === 'accepted');
  return a?.type === 'accepted' ? a.code : null;
}

/** Staff may see a dossier received by, or now held by, an agency in their scope. */
function visible(
  scope: Set<string> | null,
  d: { agencyId: string; currentAgencyId: string | null },
): boolean {
  return inScope(scope, d.agencyId) || inScope(scope, d.currentAgencyId);
}

/**
 * The dossier row, if the caller may see it (404 otherwise, so other agencies cannot probe codes);
 * `lock` takes the row lock that serializes commands on one dossier.
 */
export async function visibleDossier(db: Db, actor: AuthUser, id: string, lock = false) {
  const q = db.select().from(dossiers).where(eq(dossiers.id, id));
  const d = (await (lock ? q.for('update') : q))[0];
  if (!d || !visible(await agencyScope(db, actor), d)) throw errors.notFound('hồ sơ');
  return d;
}

/** Dossiers a user handed in themselves (online, or for someone as a community helper): their first event is theirs. */
export const submittedByUser = (userId: string): SQL =>
  sql`exists (select 1 from ${dossierEvents} where ${dossierEvents.dossierId} = ${dossiers.id} and ${dossierEvents.seq} = 1 and ${dossierEvents.actorId} = ${userId})`;

/**
 * The ids of the dossiers a user handed in, from the partial index on first events (migration 0013). Read
 * first and on its own: joined to the dossiers ordered by date, the planner could instead walk every
 * dossier and test each one.
 */
export async function submittedIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: dossierEvents.dossierId })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.seq, 1), eq(dossierEvents.actorId, userId)));
  return rows.map((r) => r.id);
}

/** A dossier the actor handed in themselves, locked; 404 otherwise. */
export async function submittedBy(db: Db, actor: AuthUser, id: string) {
  const d = (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.id, id), submittedByUser(actor.id)))
      .for('update')
  )[0];
  if (!d) throw errors.notFound('hồ sơ');
  return d;
}

/**
 * One command on one dossier, in the caller's transaction: lock the dossier row (concurrent commands
 * serialize), check access, let the domain decide, append the events, refresh the projection, audit.
 */
export async function runCommand(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  id: string,
  cmd: DossierCommand,
  autonomous: Autonomous = null,
): Promise<DossierEvent[]> {
  const d =
    cmd.action === 'submit-supplement'
      ? await submittedBy(db, actor, id)
      : await visibleDossier(db, actor, id, true);
  const events = await history(db, id);
  const state = replay(events);
  const cal = await calendarOf(calendars, db, d.agencyId);
  const ctx: CommandContext = {
    now,
    actor: actorOf(actor),
    calendar: cal,
    stepAgencies: await resolveStepAgencies(db, d.agencyId, state.workflow),
  };
  if (cmd.action === 'accept' && state.status === 1) {
    const agency = (await db.select().from(agencies).where(eq(agencies.id, d.agencyId)))[0]!;
    const v = (
      await db.select().from(procedureVersions).where(eq(procedureVersions.id, d.procedureVersionId))
    )[0]!;
    const workflow = await workflowFor(db, d.procedureId, d.agencyId, v.content);
    const adoption = await db
      .select({ committed: agencyProcedures.committedTime })
      .from(agencyProcedures)
      .where(and(eq(agencyProcedures.agencyId, d.agencyId), eq(agencyProcedures.procedureId, d.procedureId)));
    ctx.stepAgencies = await resolveStepAgencies(db, d.agencyId, workflow);
    ctx.acceptance = {
      code: await nextCode(db, autonomous, agency.id, agency.code, now),
      regime: regimeAt(now),
      legalTime: dossierTimeLimit(v.content, d.channel, adoption[0]?.committed ?? null),
      workflow,
      supplementMode: v.content.supplementMode,
    };
  }
  if (cmd.action === 'assign' || (cmd.action === 'forward' && cmd.assigneeId)) {
    const assigneeId = cmd.assigneeId!;
    // The assignee must hold the step the dossier is at (or goes to, when forwarding).
    const target = cmd.action === 'assign' ? state : nextState(state, ctx);
    await checkAssignee(db, assigneeId, target);
  }
  if (cmd.action === 'decide' && cmd.documents.length > 0) {
    const found = await db
      .select({ id: dossierFiles.fileId })
      .from(dossierFiles)
      .where(
        and(
          eq(dossierFiles.dossierId, id),
          eq(dossierFiles.kind, 'result'),
          inArray(dossierFiles.fileId, cmd.documents),
        ),
      );
    if (found.length !== new Set(cmd.documents).size) {
      throw errors.invalid('DOCUMENT_NOT_FOUND', 'Tệp kết quả đính kèm không tồn tại; hãy tải lên lại.');
    }
  }
  const r = decide(state, cmd, ctx);
  if (!r.ok) throw new AppError(r.status, r.refusal.code, r.refusal.message);
  const code = acceptedCode(r.events);
  await appendEvents(
    db,
    id,
    events,
    r.events,
    now,
    code ? { searchText: foldVietnamese(`${code} ${d.searchText}`) } : {},
  );
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: `dossier.${cmd.action}`,
    entity: 'dossier',
    entityId: id,
    data: { command: cmd, events: r.events.map((e) => e.type) },
  });
  return r.events;
}

/** The state right after forwarding (to check the chosen assignee against the next step). */
function nextState(s: DossierState, ctx: CommandContext): DossierState {
  const r = decide(s, { action: 'forward' }, ctx);
  if (!r.ok) return s;
  return r.events.reduce((acc, e) => applyEvent(acc, e), s);
}

/** Officers who may be given the dossier at its current step (for the leader's assignment list). */
export async function eligibleAssignees(db: Db, actor: AuthUser, id: string) {
  await visibleDossier(db, actor, id);
  const state = replay(await history(db, id));
  if (!state.agencyId) return [];
  const role = holderRole(state);
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, roles: users.roles })
    .from(users)
    .where(and(eq(users.agencyId, state.agencyId), eq(users.active, true)));
  return rows.filter((u) => u.roles.includes(role)).map((u) => ({ id: u.id, fullName: u.fullName }));
}

async function checkAssignee(db: Db, userId: string, s: DossierState): Promise<void> {
  const u = (await db.select().from(users).where(eq(users.id, userId)))[0];
  const role = holderRole(s);
  if (!u?.active || u.agencyId !== s.agencyId || !u.roles.includes(role)) {
    throw errors.invalid(
      'ASSIGNEE_NOT_ELIGIBLE',
      'Người được phân công phải là cán bộ đang hoạt động của cơ quan giữ hồ sơ, đúng vai trò của bước xử lý.',
    );
  }
}

export async function history(db: Db, dossierId: string): Promise<DossierEvent[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(dossierEvents.seq);
  return rows.map((r) => r.event);
}

/** A dossier's scans and result documents. */
export async function listDossierFiles(db: Db, dossierId: string) {
  const rows = await db
    .select({ df: dossierFiles, f: { name: files.name, mime: files.mime, size: files.size } })
    .from(dossierFiles)
    .innerJoin(files, eq(files.id, dossierFiles.fileId))
    .where(eq(dossierFiles.dossierId, dossierId))
    .orderBy(dossierFiles.uploadedAt);
  return rows.map(({ df, f }) => ({
    id: df.id,
    fileId: df.fileId,
    kind: df.kind,
    component: df.component,
    name: f.name,
    mime: f.mime,
    size: f.size,
    uploadedAt: df.uploadedAt.toISOString(),
  }));
}

const DUE_SOON_MINUTES = MINUTES_PER_WORKING_DAY;

/** Deadline colour (issue 6): overdue, due within one working day, or normal; none once ended. */
export function urgencyOf(
  cal: WorkingCalendar,
  d: { dueAt: Date | null; endedAt: Date | null; status: number },
  now: Date,
): 'normal' | 'due-soon' | 'overdue' | null {
  if (!d.dueAt || d.endedAt || !statusIn(IN_PROCESSING, d.status)) return null;
  if (now.getTime() > d.dueAt.getTime()) return 'overdue';
  return cal.remainingMinutes(d.dueAt, now) <= DUE_SOON_MINUTES ? 'due-soon' : 'normal';
}

/** A dossier with its history, for staff of the agencies that may see it. */
export async function getDossier(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  id: string,
  now: Date,
): Promise<DossierView> {
  const row = (
    await db
      .select({ d: dossiers, a: agencies, v: procedureVersions, p: procedures })
      .from(dossiers)
      .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .where(eq(dossiers.id, id))
  )[0];
  const scope = await agencyScope(db, actor);
  if (!row) throw errors.notFound('hồ sơ');
  const events = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(dossierEvents.seq);
  // Staff see dossiers of their scope; a citizen sees the dossiers they submitted themselves.
  const ownSubmission = actor.roles.includes('citizen') && events[0]?.actorId === actor.id;
  if (!visible(scope, row.d) && !ownSubmission) throw errors.notFound('hồ sơ');
  const state = replay(events.map((e) => e.event));
  const userIds = [
    ...new Set([...events.map((e) => e.actorId), state.assigneeId].filter((x): x is string => x !== null)),
  ];
  const names = new Map(
    userIds.length > 0
      ? (
          await db
            .select({ id: users.id, name: users.fullName })
            .from(users)
            .where(inArray(users.id, userIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const tree = await db
    .select({ id: agencies.id, parentId: agencies.parentId, code: agencies.code, name: agencies.name })
    .from(agencies);
  const agencyNames = new Map(tree.map((a) => [a.id, a.name]));
  const cal = await calendarOf(calendars, db, row.d.agencyId);
  const d = row.d;
  let stepAgencies: Record<string, string> = {};
  try {
    stepAgencies = await resolveStepAgencies(db, d.agencyId, state.workflow, tree);
  } catch {
    // A workflow whose agency disappeared still shows; commands will explain.
  }
  const paused = statusIn(PAUSED_STATUSES, state.status);
  const legalTime = state.legalTime ?? dossierTimeLimit(row.v.content, d.channel);
  // Each step's own deadline from its share of the legal time, as on the control slip (working time only).
  const accepted = events.find((e) => e.event.type === 'accepted')?.event;
  const deadlines =
    accepted?.type === 'accepted' && accepted.legalTime.unit !== 'calendar-days'
      ? stepDeadlines(
          cal,
          new Date(accepted.at),
          new Date(accepted.dueAt),
          accepted.legalTime.unit === 'working-hours'
            ? accepted.legalTime.amount * 60
            : accepted.legalTime.amount * MINUTES_PER_WORKING_DAY,
          accepted.workflow,
        )
      : null;
  return {
    id: d.id,
    code: d.code,
    agency: { id: row.a.id, code: row.a.code, name: row.a.name },
    procedure: { code: row.p.code, name: row.v.content.name, versionNo: row.v.versionNo },
    channel: d.channel,
    applicant: d.applicant,
    submitter: d.submitter ?? null,
    formData: d.formData,
    components: d.components,
    legalTime: { ...legalTime, text: formatProcessingTime(legalTime) },
    regime: state.regime,
    status: status(d.status),
    acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
    dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
    appointmentAt: d.appointmentAt ? toLocalIso(d.appointmentAt) : null,
    endedAt: d.endedAt ? toLocalIso(d.endedAt) : null,
    returnedAt: d.returnedAt ? toLocalIso(d.returnedAt) : null,
    timeliness: d.dueAt && !paused ? timeliness(d.dueAt, d.endedAt, now) : null,
    urgency: urgencyOf(cal, d, now),
    remainingMinutes:
      d.dueAt && !d.endedAt
        ? paused
          ? (state.remainingAtPause ?? null)
          : cal.remainingMinutes(d.dueAt, now)
        : null,
    elapsedMinutes: d.acceptedAt ? cal.elapsedMinutes(d.acceptedAt, d.endedAt ?? now) : null,
    paused,
    pauses: state.pauses.map((p) => ({
      kind: p.kind,
      from: toLocalIso(new Date(p.from)),
      to: p.to ? toLocalIso(new Date(p.to)) : null,
    })),
    apologized: state.apologized,
    decision: state.decision,
    workflow: {
      steps: state.workflow.steps.map((st) => ({
        key: st.key,
        name: st.name,
        role: st.role,
        agencyName: agencyNames.get(stepAgencies[st.key] ?? '') ?? '',
        quotaPercent: st.quotaPercent,
        decides: st.decides,
        deadline: deadlines?.get(st.key) ? toLocalIso(deadlines.get(st.key)!) : null,
      })),
      current: state.step,
    },
    currentAgency: state.agencyId
      ? { id: state.agencyId, name: agencyNames.get(state.agencyId) ?? '' }
      : null,
    assignee: state.assigneeId ? { id: state.assigneeId, name: names.get(state.assigneeId) ?? '' } : null,
    actions: availableActions(state, { now, actor: actorOf(actor), calendar: cal, stepAgencies }),
    files: await listDossierFiles(db, id),
    // For the apology (Mẫu 04): a new appointment three working days after the later of now and the due instant.
    proposedAppointmentAt:
      d.dueAt && !d.endedAt
        ? toLocalIso(
            cal.addWorkingMinutes(
              new Date(Math.max(now.getTime(), d.dueAt.getTime())),
              3 * MINUTES_PER_WORKING_DAY,
            ),
          )
        : null,
    events: events.map((e) => {
      const { type: _t, at: _a, actor: _ac, ...raw } = e.event as DossierEvent & Record<string, unknown>;
      // Instants inside events are stored in UTC; show them, like every legal instant, at +07:00.
      const data = Object.fromEntries(
        Object.entries(raw)
          .filter(([k]) => k !== 'workflow')
          .map(([k, v]) => [k, typeof v === 'string' && ISO_UTC.test(v) ? toLocalIso(new Date(v)) : v]),
      );
      if (e.event.type === 'routed') data.agencyName = agencyNames.get(e.event.agencyId) ?? '';
      if (e.event.type === 'claimed') data.assigneeName = names.get(e.event.assigneeId) ?? '';
      return {
        seq: e.seq,
        type: e.type,
        at: toLocalIso(e.at),
        actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
        data,
      };
    }),
  };
}

export type ListQuery = z.infer<typeof DossierListQuery>;

/** How far ahead the deadline tabs look: due within 1 working day; apology limit within 1 (due within 2). */
function horizons(cal: WorkingCalendar, now: Date) {
  return {
    dueSoon: cal.addWorkingMinutes(now, DUE_SOON_MINUTES),
    atRisk: cal.addWorkingMinutes(now, 2 * DUE_SOON_MINUTES),
  };
}

/** The WHERE conditions of a worklist (tab) for this actor. */
function worklistWhere(
  list: Worklist,
  actor: AuthUser,
  now: Date,
  until: { dueSoon: Date; atRisk: Date },
): SQL | undefined {
  const agencyId = actor.agency?.id ?? '00000000-0000-0000-0000-000000000000';
  switch (list) {
    case 'check':
      return and(eq(dossiers.status, 1), eq(dossiers.agencyId, agencyId));
    case 'mine':
      return and(eq(dossiers.assigneeId, actor.id), inArray(dossiers.status, [...IN_PROCESSING]));
    case 'unassigned':
      return and(
        eq(dossiers.currentAgencyId, agencyId),
        inArray(dossiers.stepRole, actor.roles),
        sql`${dossiers.assigneeId} is null`,
        inArray(dossiers.status, [...IN_PROCESSING]),
      );
    case 'supplement':
      return and(eq(dossiers.status, 5), eq(dossiers.agencyId, agencyId));
    case 'due-soon':
      return and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} >= ${now.toISOString()}`,
        sql`${dossiers.dueAt} <= ${until.dueSoon.toISOString()}`,
      );
    case 'at-risk':
      // No apology yet (the appointment is still the due date) and the apology limit — 1 working day
      // before the due date — at most a working day away, or already passed.
      return and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} <= ${until.atRisk.toISOString()}`,
        sql`(${dossiers.appointmentAt} is null or ${dossiers.appointmentAt} <= ${dossiers.dueAt})`,
      );
    case 'overdue':
      return and(inArray(dossiers.status, [...IN_PROCESSING]), lt(dossiers.dueAt, now));
    case 'approval':
      return and(
        eq(dossiers.status, 4),
        eq(dossiers.currentAgencyId, agencyId),
        eq(dossiers.stepRole, 'leader'),
      );
    case 'to-return':
      return and(eq(dossiers.status, 9), eq(dossiers.agencyId, agencyId));
  }
}

export async function listDossiers(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  q: ListQuery,
) {
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) return { items: [], total: 0, totalExact: true };
  const where: SQL[] = scope === null ? [] : [scopeCondition(scope)];
  const cal = await calendarOf(calendars, db, actor.agency?.id ?? null);
  if (q.list) {
    const w = worklistWhere(q.list, actor, now, horizons(cal, now));
    if (w) where.push(w);
  }
  if (q.status) where.push(eq(dossiers.status, q.status));
  if (q.channel) where.push(eq(dossiers.channel, q.channel));
  if (q.assignee) where.push(eq(dossiers.assigneeId, q.assignee === 'me' ? actor.id : q.assignee));
  if (q.procedureCode) where.push(eq(procedures.code, q.procedureCode));
  if (q.agencyCode) {
    where.push(
      sql`${dossiers.agencyId} = (select id from ${agencies} where ${agencies.code} = ${q.agencyCode})`,
    );
  }
  if (q.dueFrom) where.push(sql`${dossiers.dueAt} >= ${new Date(q.dueFrom).toISOString()}`);
  if (q.dueTo) where.push(sql`${dossiers.dueAt} <= ${new Date(q.dueTo).toISOString()}`);
  // A whole dossier code is looked up by equality on its unique index (every code shares the agency's
  // prefix, which makes a substring match slow). Several words without digits are a name: they match
  // from the start of its 1st, 2nd or 3rd word ("nguyen van an", "van an"), on `dossier_names`. Anything
  // else (one word, an ID number, part of a code) matches name, code or ID number anywhere, without diacritics.
  const wholeCode = q.q?.trim().toUpperCase();
  const byWholeCode = Boolean(wholeCode && isDossierCode(wholeCode));
  const folded = q.q ? foldVietnamese(q.q) : '';
  const named = !byWholeCode && /^[a-z]+( [a-z]+)+$/.test(folded) ? dossiersNamed(folded, scope) : null;
  if (q.overdue === 'true') where.push(and(lt(dossiers.dueAt, now), sql`${dossiers.endedAt} is null`) as SQL);
  // A name alone (no tab or filter besides the scope): the page is cut from the name index, newest first,
  // and only its dossiers are read — a common pair of names matches tens of thousands of dossiers at 10 M.
  const onlyNamed = named !== null && where.length === (scope === null ? 0 : 1);
  if (byWholeCode) where.push(eq(dossiers.code, wholeCode!));
  else if (named && onlyNamed)
    where.push(
      sql`${dossiers.id} in (select dossier_id from (${named}) n order by created_at desc, dossier_id desc limit ${q.limit} offset ${q.offset})`,
    );
  else if (named) where.push(sql`${dossiers.id} in (select dossier_id from (${named}) n)`);
  else if (folded)
    where.push(sql`${dossiers.searchText} like ${`%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const cond = where.length > 0 ? and(...where) : undefined;
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(cond)
    .orderBy(
      ...(q.list && q.list !== 'check'
        ? [sql`${dossiers.dueAt} asc nulls last`]
        : onlyNamed
          ? [desc(dossiers.createdAt), desc(dossiers.id)]
          : [desc(dossiers.createdAt)]),
    )
    .limit(q.limit)
    .offset(onlyNamed ? 0 : q.offset);
  // Lists count their dossiers only up to a cap: an agency's whole history or a common name is millions
  // of rows at a province's scale (2 s to count at 10 M), and an exact figure is of no use to the officer
  // (shown as "hơn 1.000": narrow the search). A whole code finds at most one.
  const capped = !byWholeCode;
  const matching = onlyNamed
    ? db.select({ one: sql`1` }).from(sql`(${named}) n`)
    : db
        .select({ one: sql`1` })
        .from(dossiers)
        .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
        .where(cond);
  const counted = Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from((capped ? matching.limit(SEARCH_COUNT_CAP + 1) : matching).as('m'))
    )[0]?.n ?? 0,
  );
  const totalExact = counted <= SEARCH_COUNT_CAP || !capped;
  const total = totalExact ? counted : SEARCH_COUNT_CAP;
  return {
    items: rows.map(({ d, name }) => ({
      id: d.id,
      code: d.code,
      procedureName: name,
      applicantName: d.applicantName,
      status: status(d.status),
      channel: d.channel,
      step: d.step,
      assigneeId: d.assigneeId,
      acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
      dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
      timeliness:
        d.dueAt && !statusIn(PAUSED_STATUSES, d.status) ? timeliness(d.dueAt, d.endedAt, now) : null,
      urgency: urgencyOf(cal, d, now),
    })),
    total,
    totalExact,
  };
}

/**
 * Dossiers whose applicant's folded name, from the start of its 1st, 2nd or 3rd word, begins with `folded`
 * (letters and single spaces) and that an agency of `scope` received or holds (null: all): their ids and
 * creation times, from the name indexes alone.
 */
export function dossiersNamed(folded: string, scope: Set<string> | null): SQL {
  const pattern = `${folded}%`;
  const ids = scope === null ? null : [...scope];
  const scoped =
    ids === null
      ? sql``
      : sql` and (${inArray(dossierNames.agencyId, ids)} or ${inArray(dossierNames.currentAgencyId, ids)})`;
  return sql.join(
    [dossierNames.fromWord1, dossierNames.fromWord2, dossierNames.fromWord3].map(
      (w) =>
        sql`select ${dossierNames.dossierId} as dossier_id, ${dossierNames.createdAt} as created_at from ${dossierNames} where ${w} like ${pattern}${scoped}`,
    ),
    sql` union `,
  );
}

/** A list's dossiers (then `totalExact` is false), and each worklist tab's, are counted up to this many. */
export const SEARCH_COUNT_CAP = 1000;

/**
 * Live counts of every worklist tab for this actor, each up to `SEARCH_COUNT_CAP`. One statement, a capped
 * subquery per tab, so each tab reads its own index (due order, status, assignee, step) and stops after the
 * cap: the cost is bounded by the caps, not by the agency's open dossiers (27 k for the busiest at 10 M).
 */
export async function worklistCounts(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
): Promise<WorklistCounts> {
  const lists = Worklist.options;
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) {
    return { counts: Object.fromEntries(lists.map((l) => [l, 0])) as Record<Worklist, number>, more: [] };
  }
  const cal = await calendarOf(calendars, db, actor.agency?.id ?? null);
  const until = horizons(cal, now);
  const scoped = scope === null ? undefined : scopeCondition(scope);
  const [row] = await queryRows<Record<Worklist, number>>(
    db,
    sql`select ${sql.join(
      lists.map(
        (l) =>
          sql`(select count(*)::int from (select 1 from ${dossiers} where ${and(worklistWhere(l, actor, now, until), scoped)} limit ${SEARCH_COUNT_CAP + 1}) t) as ${sql.identifier(l)}`,
      ),
      sql`, `,
    )}`,
  );
  const counted = lists.map((l) => [l, Number(row?.[l] ?? 0)] as const);
  return {
    counts: Object.fromEntries(counted.map(([l, n]) => [l, Math.min(n, SEARCH_COUNT_CAP)])) as Record<
      Worklist,
      number
    >,
    more: counted.filter(([, n]) => n > SEARCH_COUNT_CAP).map(([l]) => l),
  };
}

/** Dossiers received by, or now held by, an agency in the scope (the list form of `visible`). */
function scopeCondition(scope: Set<string>): SQL {
  return or(inArray(dossiers.agencyId, [...scope]), inArray(dossiers.currentAgencyId, [...scope])) as SQL;
}

/**
 * A returning applicant (người nộp đã từng nộp hồ sơ), found by ID number among the dossiers the caller
 * may see: the latest details they gave and their earlier dossiers, to prefill the counter form.
 */
export async function findApplicant(db: Db, actor: AuthUser, idNumber: string) {
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) return null;
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        sql`${dossiers.applicant}->>'idNumber' = ${idNumber}`,
        scope === null ? undefined : inArray(dossiers.agencyId, [...scope]),
      ),
    )
    .orderBy(desc(dossiers.createdAt))
    .limit(20);
  if (rows.length === 0) return null;
  // Their digitised documents (scans and results), which may be reused instead of rescanned (Decree 45/2020).
  const documents = await db
    .select({
      fileId: dossierFiles.fileId,
      kind: dossierFiles.kind,
      component: dossierFiles.component,
      name: files.name,
      code: dossiers.code,
    })
    .from(dossierFiles)
    .innerJoin(files, eq(files.id, dossierFiles.fileId))
    .innerJoin(dossiers, eq(dossiers.id, dossierFiles.dossierId))
    .where(
      inArray(
        dossierFiles.dossierId,
        rows.map((r) => r.d.id),
      ),
    )
    .orderBy(desc(dossierFiles.uploadedAt))
    .limit(50);
  return {
    documents: [...new Map(documents.map((x) => [x.fileId, x])).values()],
    applicant: rows[0]!.d.applicant,
    dossiers: rows.map(({ d, name }) => ({
      id: d.id,
      code: d.code,
      procedureName: name,
      status: status(d.status),
      createdAt: toLocalIso(d.createdAt),
    })),
  };
}

/** The procedures this officer received most in the last 90 days (the desk's quick list). */
export async function frequentProcedures(db: Db, actor: AuthUser, now: Date) {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .select({
      code: procedures.code,
      name: sql<string>`max(${procedureVersions.content}->>'name')`,
      n: sql<number>`count(*)::int`,
    })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        eq(dossierEvents.type, 'submitted'),
        eq(dossierEvents.actorId, actor.id),
        sql`${dossierEvents.at} >= ${since.toISOString()}`,
      ),
    )
    .groupBy(procedures.code)
    .orderBy(sql`count(*) desc`, procedures.code)
    .limit(8);
  return rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.n) }));
}

/**
 * Attaches documents already digitised for the same person (same ID number) to this dossier, instead
 * of scanning them again. Only files of that person's dossiers within the caller's scope qualify.
 */
export async function reuseDocuments(db: Db, actor: AuthUser, id: string, fileIds: string[], now: Date) {
  const scope = await agencyScope(db, actor);
  const d = await visibleDossier(db, actor, id);
  const idNumber = (d.applicant as { idNumber?: string }).idNumber;
  if (!idNumber)
    throw errors.invalid(
      'NO_ID_NUMBER',
      'Hồ sơ chưa có số định danh của người nộp nên không dùng lại giấy tờ được.',
    );
  const allowed = await db
    .select({ fileId: dossierFiles.fileId, kind: dossierFiles.kind, component: dossierFiles.component })
    .from(dossierFiles)
    .innerJoin(dossiers, eq(dossiers.id, dossierFiles.dossierId))
    .where(
      and(
        inArray(dossierFiles.fileId, fileIds),
        sql`${dossiers.applicant}->>'idNumber' = ${idNumber}`,
        scope === null ? undefined : inArray(dossiers.agencyId, [...scope]),
      ),
    );
  const ok = new Map(allowed.map((a) => [a.fileId, a]));
  const refused = fileIds.filter((f) => !ok.has(f));
  if (refused.length > 0) {
    throw errors.invalid(
      'DOCUMENT_NOT_REUSABLE',
      'Chỉ dùng lại được giấy tờ đã số hóa của chính người nộp này.',
      refused,
    );
  }
  for (const f of ok.values()) {
    await db.insert(dossierFiles).values({
      dossierId: id,
      fileId: f.fileId,
      kind: 'component',
      component: f.component,
      uploadedBy: actor.id,
      uploadedAt: now,
    });
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.documents-reused',
    entity: 'dossier',
    entityId: id,
    data: { fileIds },
  });
}

/** What anyone may see of a dossier from its code: progress, no personal data beyond a masked name. */
export async function publicDossier(db: Db, code: string, now: Date): Promise<PublicDossier> {
  const row = (
    await db
      .select({ d: dossiers, v: procedureVersions, p: procedures })
      .from(dossiers)
      .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .where(eq(dossiers.code, code.trim().toUpperCase()))
  )[0];
  if (!row) throw errors.notFound(`hồ sơ mã ${code}`);
  const d = row.d;
  return {
    code: d.code!,
    procedure: { code: row.p.code, name: row.v.content.name },
    applicant: maskName(d.applicantName),
    status: status(d.status),
    acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
    dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
    endedAt: d.endedAt ? toLocalIso(d.endedAt) : null,
    timeliness: d.dueAt ? timeliness(d.dueAt, d.endedAt, now) : null,
  };
}

/**
 * After the calendar changed, recompute the due instant of every open dossier it affects and record the
 * change in its history: an official schedule for `year` (clocks running through that year), or an
 * agency's office hours or same-day cut-off (that agency's dossiers).
 */
export async function retimeOpenDossiers(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  scope: { year: number } | { agencyId: string },
  reason: string,
): Promise<number> {
  const open = await db
    .select()
    .from(dossiers)
    .where(
      and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} is not null`,
        'agencyId' in scope ? eq(dossiers.agencyId, scope.agencyId) : undefined,
      ),
    );
  let changed = 0;
  for (const d of open) {
    const events = await history(db, d.id);
    const accepted = events.find((e) => e.type === 'accepted');
    if (accepted?.type !== 'accepted') continue;
    if ('year' in scope) {
      // Only clocks running through the changed year can move.
      const fromYear = new Date(localDayOf(new Date(accepted.at)) * 86_400_000).getUTCFullYear();
      const toYear = new Date(localDayOf(d.dueAt!) * 86_400_000).getUTCFullYear();
      if (scope.year < fromYear || scope.year > toYear + 1) continue;
    }
    const cal = await calendarOf(calendars, db, d.agencyId);
    // Replayed under the new calendar: acceptance, restarts, resumptions and extensions in order.
    const due = recomputeDue(events, cal, (from, extra) => extendedDue(cal, from, extra))!;
    if (due.getTime() === d.dueAt!.getTime()) continue;
    await appendEvents(
      db,
      d.id,
      events,
      [
        {
          type: 'retimed',
          at: now.toISOString(),
          actor: { id: actor.id, name: actor.fullName, agencyId: actor.agency?.id ?? null },
          dueAt: due.toISOString(),
          reason,
        },
      ],
      now,
    );
    changed++;
  }
  return changed;
}

/** Why the dossier's due date is what it is: the sessions counted from the clock's last start. */
export async function explainDossierDue(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  id: string,
): Promise<DueExplanation> {
  const d = await visibleDossier(db, actor, id);
  const events = await history(db, id);
  const accepted = events.find((e) => e.type === 'accepted');
  if (accepted?.type !== 'accepted')
    throw errors.invalid('NOT_ACCEPTED', 'Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn trả.');
  const cal = await calendarOf(calendars, db, d.agencyId);
  // The clock's last full start: acceptance, or the complete supplement when the legal time restarted.
  const state = replay(events);
  let restart: Date | null = null;
  let mode: 'restart' | 'pause' = 'restart';
  for (const e of events) {
    if (e.type === 'supplement-requested') mode = e.mode;
    if (e.type === 'supplement-received' && e.dueAt && mode === 'restart') restart = new Date(e.at);
  }
  const explanation = explainDue(cal, restart ?? new Date(accepted.at), accepted.legalTime);
  if (state.dueAt && new Date(state.dueAt).getTime() !== new Date(explanation.dueAt).getTime()) {
    // Pauses carried over, extensions or a schedule change moved it further: say so.
    explanation.summary += ` Ngày hẹn trả hiện tại là ${toLocalIso(new Date(state.dueAt)).slice(0, 16).replace('T', ' ')} do tạm dừng, gia hạn hoặc thay đổi lịch làm việc (xem quá trình xử lý).`;
  }
  return explanation;
}
