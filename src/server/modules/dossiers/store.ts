import { eq, type SQL, sql } from 'drizzle-orm';
import { formatDossierCode } from '../../../domain/dossier/code';
import { holderRole } from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
import { apply as applyEvent, canApply, type DossierState, replay } from '../../../domain/dossier/state';
import type { Db } from '../../db/database';
import { auditLog, dossierEvents, dossiers, outbox } from '../../db/schema';
import { AppError } from '../../errors';
import { localDate } from '../../time';
import { messagesFor } from './messages';

/** Runs a counter in its own committed transaction (PostgreSQL), or inline (PGlite). */
export type Autonomous = (<T>(fn: (db: Db) => Promise<T>) => Promise<T>) | null;

/**
 * The next code of the agency's day. On PostgreSQL the counter row is taken in its own short transaction,
 * so concurrent intakes do not queue behind each other's whole transaction (and its commit): the number is
 * never given twice nor reused, and a command failing after it (rare: every check runs before) leaves a gap.
 */
export async function nextCode(
  db: Db,
  autonomous: Autonomous,
  agencyId: string,
  agencyCode: string,
  now: Date,
) {
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

/**
 * Runs a hand-written parameterised statement ($1, $2 …) under a fixed name, for the intake's hot path:
 * it skips Drizzle's query building (a fifth of the intake's CPU when profiled), and PostgreSQL parses and
 * plans it once per connection (a named prepared statement; PGlite ignores the name). One name, one text.
 * Values go as text: timestamps as ISO strings, jsonb as JSON (cast in the statement).
 */
export async function hot<T>(db: Db, name: string, text: string, params: unknown[]): Promise<T[]> {
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
 * `v` as a jsonb column gives it back: through JSON, object keys in jsonb's order (shorter first, then by their
 * UTF-8 bytes), so that an answer built from what was written is the one read back, to the order of its keys.
 */
export function asJsonb<T>(v: T): T {
  return v === undefined ? v : (order(JSON.parse(JSON.stringify(v))) as T);
}

function order(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(order);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort(jsonbKeyOrder);
  // fromEntries defines each key (a "__proto__" key stays a key, as in jsonb).
  return Object.fromEntries(keys.map((k) => [k, order((v as Record<string, unknown>)[k])]));
}

const NON_ASCII = /[\u0080-\uffff]/;
/** jsonb's order of keys: by length in UTF-8 bytes, then byte by byte (for ASCII, as JavaScript compares). */
function jsonbKeyOrder(a: string, b: string): number {
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

/** The query columns derived from a dossier's state. */
export function projection(state: DossierState, eventCount: number, now: Date) {
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

export async function history(db: Db, dossierId: string): Promise<DossierEvent[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(dossierEvents.seq);
  return rows.map((r) => r.event);
}

/**
 * Generated histories (the seeded statistics history, `stats/history.ts`): already-decided dossiers and their
 * events, many at a time, in the caller's transaction. The rows carry their projection, computed by the caller
 * from the same events.
 */
export async function insertHistoryRows(
  db: Db,
  dossierRows: Record<string, unknown>[],
  eventRows: Record<string, unknown>[],
): Promise<void> {
  await db.execute(sql`
    insert into dossiers (id, code, agency_id, procedure_id, procedure_version_id, channel, applicant, applicant_name,
      search_text, status, accepted_at, due_at, appointment_at, ended_at, returned_at, step, step_role,
      current_agency_id, assignee_id, event_count, created_at, updated_at)
    select x.id, x.code, x."agencyId", x."procedureId", x."procedureVersionId", x.channel, x.applicant, x."applicantName",
      x."searchText", x.status, x."acceptedAt", x."dueAt", x."appointmentAt", x."endedAt", x."returnedAt", x.step,
      x."stepRole", x."currentAgencyId", x."assigneeId", x."eventCount", x."createdAt", x."updatedAt"
    from jsonb_to_recordset(${JSON.stringify(dossierRows)}::jsonb) as x(id uuid, code text, "agencyId" uuid,
      "procedureId" uuid, "procedureVersionId" uuid, channel text, applicant jsonb, "applicantName" text,
      "searchText" text, status int, "acceptedAt" timestamptz, "dueAt" timestamptz, "appointmentAt" timestamptz,
      "endedAt" timestamptz, "returnedAt" timestamptz, step text, "stepRole" text, "currentAgencyId" uuid,
      "assigneeId" uuid, "eventCount" int, "createdAt" timestamptz, "updatedAt" timestamptz)`);
  await db.execute(sql`
    insert into dossier_events (dossier_id, seq, type, at, actor_id, event)
    select x."dossierId", x.seq, x.type, x.at, x."actorId", x.event
    from jsonb_to_recordset(${JSON.stringify(eventRows)}::jsonb) as x("dossierId" uuid, seq int, type text,
      at timestamptz, "actorId" uuid, event jsonb)`);
}
