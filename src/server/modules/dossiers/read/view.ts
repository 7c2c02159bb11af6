import { eq, sql } from 'drizzle-orm';
import {
  type DueExplanation,
  explainDue,
  timeliness,
  toLocalIso,
  type WorkingCalendar,
} from '../../../../domain/calendar';
import { dossierTimeLimit, formatProcessingTime } from '../../../../domain/catalogue/procedure';
import { stepDeadlines } from '../../../../domain/dossier/control-slip';

import { dueMovedSentence } from '../../../../domain/dossier/due-text';
import type { DossierEvent } from '../../../../domain/dossier/events';
import { replay } from '../../../../domain/dossier/state';
import type { Db } from '../../../db/database';
import {
  agencies,
  dossierEvents,
  dossierFiles,
  dossiers,
  files,
  procedures,
  procedureVersions,
  users,
} from '../../../db/schema';
import { errors } from '../../../errors';
import { scopeIn } from '../../agencies/scope';
import type { AuthUser } from '../../auth/auth.service';
import type { CalendarService } from '../../calendar/calendar.service';
import type { DossierView } from '../dossiers.schema';
import {
  IN_PROCESSING,
  MINUTES_PER_WORKING_DAY,
  PAUSED_STATUSES,
  statusIn,
} from '../../../../domain/dossier/lifecycle';
import { availableActions } from '../../../../domain/dossier/actions';
import { actorOf, visible, visibleDossier } from '../access';
import { agencyTreeColumn, calendarOf, resolveStepAgencies } from '../context';
import { history } from '../store';
import { statusOf } from '../../../../domain/dossier/status';

export type EventRow = { seq: number; type: string; at: string; actorId: string | null; event: DossierEvent };
export type FileRow = {
  id: string;
  fileId: string;
  kind: 'component' | 'result';
  component: string | null;
  name: string;
  mime: string;
  size: number;
  uploadedAt: string;
};

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

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

/** The case (trường hợp) chosen at intake, kept on the dossier's first event; null for a procedure without cases. */
function caseOf(events: readonly { event: DossierEvent }[]): string | null {
  const first = events.find((e) => e.event.type === 'submitted')?.event;
  return first?.type === 'submitted' ? (first.case ?? null) : null;
}

export const DUE_SOON_MINUTES = MINUTES_PER_WORKING_DAY;

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

/**
 * What a dossier's view is made of, as `getDossier` reads it; the intake builds the same from what it has just
 * written (`intakeView` in ../intake-view.ts) instead of reading it back.
 */
export interface DossierRow {
  d: Pick<
    typeof dossiers.$inferSelect,
    | 'id'
    | 'code'
    | 'agencyId'
    | 'currentAgencyId'
    | 'channel'
    | 'applicant'
    | 'submitter'
    | 'formData'
    | 'components'
    | 'status'
    | 'acceptedAt'
    | 'dueAt'
    | 'appointmentAt'
    | 'endedAt'
    | 'returnedAt'
  >;
  a: Pick<typeof agencies.$inferSelect, 'id' | 'code' | 'name' | 'officeHours'>;
  v: Pick<typeof procedureVersions.$inferSelect, 'content' | 'versionNo'>;
  p: Pick<typeof procedures.$inferSelect, 'code'>;
  events: EventRow[];
  files: FileRow[];
  names: Record<string, string> | null;
  tree: { id: string; parentId: string | null; code: string; name: string }[] | null;
}

/** A dossier with its history, for staff of the agencies that may see it. */
export async function getDossier(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  id: string,
  now: Date,
): Promise<DossierView> {
  // One statement (issue 17): the dossier with its agency, procedure version, events, files, the names of the
  // people in its history and the agency tree (step agencies, the viewer's scope). Every round trip costs more
  // than the work on this hardware, and the view is read after every write.
  const row = (
    await db
      .select({
        d: dossiers,
        a: agencies,
        v: procedureVersions,
        p: procedures,
        events: sql<EventRow[]>`(select coalesce(json_agg(json_build_object('seq', e.seq, 'type', e.type,
          'at', e.at, 'actorId', e.actor_id, 'event', e.event) order by e.seq), '[]'::json)
          from ${dossierEvents} e where e.dossier_id = ${dossiers.id})`,
        files: sql<FileRow[]>`(select coalesce(json_agg(json_build_object('id', df.id, 'fileId', df.file_id,
          'kind', df.kind, 'component', df.component, 'name', f.name, 'mime', f.mime, 'size', f.size,
          'uploadedAt', df.uploaded_at) order by df.uploaded_at), '[]'::json)
          from ${dossierFiles} df join ${files} f on f.id = df.file_id where df.dossier_id = ${dossiers.id})`,
        names: sql<Record<string, string> | null>`(select json_object_agg(u.id, u.full_name) from ${users} u
          where u.id = ${dossiers.assigneeId}
            or u.id in (select e.actor_id from ${dossierEvents} e where e.dossier_id = ${dossiers.id}))`,
        tree: agencyTreeColumn(),
      })
      .from(dossiers)
      .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .where(eq(dossiers.id, id))
  )[0];
  if (!row) throw errors.notFound('hồ sơ');
  return dossierView(db, calendars, actor, row, now);
}

/** The view of a dossier read (or just written) as `row`; 404 unless the actor may see it. */
export async function dossierView(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  row: DossierRow,
  now: Date,
): Promise<DossierView> {
  const tree = row.tree ?? [];
  const scope = scopeIn(tree, actor);
  const events = row.events.map((e) => ({ ...e, at: new Date(e.at) }));
  // Staff see dossiers of their scope; a citizen sees the dossiers they submitted themselves.
  const ownSubmission = actor.roles.includes('citizen') && events[0]?.actorId === actor.id;
  if (!visible(scope, row.d) && !ownSubmission) throw errors.notFound('hồ sơ');
  const state = replay(events.map((e) => e.event));
  const names = new Map(Object.entries(row.names ?? {}));
  const agencyNames = new Map(tree.map((a) => [a.id, a.name]));
  const cal = await calendars.forOfficeHours(row.a.officeHours, db);
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
    accepted?.type === 'accepted'
      ? stepDeadlines(cal, new Date(accepted.at), new Date(accepted.dueAt), accepted.workflow)
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
    case: caseOf(events),
    legalTime: { ...legalTime, text: formatProcessingTime(legalTime) },
    regime: state.regime,
    status: statusOf(d.status),
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
    files: row.files.map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt).toISOString() })),
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
    explanation.summary += dueMovedSentence(events, restart ?? new Date(accepted.at), new Date(state.dueAt));
  }
  return explanation;
}
