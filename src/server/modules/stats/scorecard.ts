// Satisfaction, feedback and the Decision 766 scorecard.
import { type SQL, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '../../../domain/calendar';
import { dayToIso, instantOf, localDayOf } from '../../../domain/calendar/local';
import { viDate } from '../../../domain/calendar/text';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import { MINUTES_PER_WORKING_DAY } from '../../../domain/dossier/lifecycle';
import { RATING_CRITERIA, type RatingScores, summarizeRatings } from '../../../domain/payment/rating';
import { type Cell, emptyTotals, figures } from '../../../domain/stats/report';
import {
  blankInputs,
  ENTERED_INPUTS,
  type InputKey,
  type Inputs,
  type Scorecard,
  scorecard,
} from '../../../domain/stats/scorecard';
import { type Db, queryRows } from '../../db/database';
import { auditLog, statsEnteredInputs } from '../../db/schema';
import { AppError } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import type { AgencyRow, Period } from './scope';
import { coarseTotals, procedureFlows } from './totals';

// ─── Satisfaction and feedback ───────────────────────────────────────────────────────────────

/** 15 working days: feedback handled on time (Decision 766 item 5.2). */
const FEEDBACK_LIMIT_MINUTES = 15 * MINUTES_PER_WORKING_DAY;

export interface FeedbackFigures {
  total: number;
  complaints: number;
  recommendations: number;
  answered: number;
  answeredOnTime: number;
  /** Not answered yet, still within 15 working days at the end of the period. */
  pendingInTime: number;
  late: number;
  published: number;
}

export async function feedbackFigures(
  db: Db,
  ids: readonly string[],
  p: Period,
  cal: WorkingCalendar,
  now: Date,
): Promise<FeedbackFigures & { dossierComplaints: number }> {
  const rows = await queryRows<{
    kind: string;
    createdAt: string;
    answeredAt: string | null;
    published: boolean;
    dossierId: string | null;
  }>(
    db,
    sql`select kind, created_at as "createdAt", answered_at as "answeredAt", published, dossier_id as "dossierId"
        from feedback where agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}`,
  );
  const end = Math.min(instantOf(p.to, 0).getTime(), now.getTime());
  const f: FeedbackFigures & { dossierComplaints: number } = {
    total: rows.length,
    complaints: 0,
    recommendations: 0,
    answered: 0,
    answeredOnTime: 0,
    pendingInTime: 0,
    late: 0,
    published: 0,
    dossierComplaints: 0,
  };
  const complained = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'complaint') f.complaints++;
    else f.recommendations++;
    if (r.kind === 'complaint' && r.dossierId) complained.add(r.dossierId);
    if (r.published) f.published++;
    const limit = cal.addWorkingMinutes(new Date(r.createdAt), FEEDBACK_LIMIT_MINUTES).getTime();
    if (r.answeredAt) {
      f.answered++;
      if (new Date(r.answeredAt).getTime() <= limit) f.answeredOnTime++;
      else f.late++;
    } else if (end <= limit) f.pendingInTime++;
    else f.late++;
  }
  f.dossierComplaints = complained.size;
  return f;
}

/** Instant of the start of a local day, as a timestamptz literal. */
function instant(day: number): SQL {
  return sql`${instantOf(day, 0).toISOString()}::timestamptz`;
}

export async function satisfaction(db: Db, ids: readonly string[], p: Period) {
  const rows = await queryRows<{ scores: RatingScores; dossierId: string }>(
    db,
    sql`select scores, dossier_id as "dossierId" from ratings
        where agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}`,
  );
  const summary = summarizeRatings(rows.map((r) => r.scores));
  const disliked = rows.filter((r) => RATING_CRITERIA.some((c) => r.scores[c] <= 2)).map((r) => r.dossierId);
  return { ...summary, dislikedDossiers: disliked };
}

// ─── Scorecard ───────────────────────────────────────────────────────────────────────────────

interface ProcedureRow {
  id: string;
  code: string;
  content: ProcedureContent;
}

/** Procedures under the agencies' authority: those they adopted, else the catalogue's at their levels. */
async function unitProcedures(db: Db, ids: readonly string[]): Promise<ProcedureRow[]> {
  const json = JSON.stringify(ids);
  const current = sql`(select v.content from procedure_versions v where v.procedure_id = p.id order by v.version_no desc limit 1)`;
  const adopted = await queryRows<ProcedureRow>(
    db,
    sql`select distinct p.id::text, p.code, ${current} as content from procedures p
        join agency_procedures ap on ap.procedure_id = p.id
        where p.abolished_on is null and ap.agency_id in (select jsonb_array_elements_text(${json}::jsonb)::uuid)`,
  );
  if (adopted.length > 0) return adopted;
  return queryRows<ProcedureRow>(
    db,
    sql`select p.id::text, p.code, ${current} as content from procedures p
        where p.abolished_on is null and ${current}->>'level' in
          (select level from agencies where id in (select jsonb_array_elements_text(${json}::jsonb)::uuid))`,
  );
}

/** Decree 63/2010 art. 8(2) contents that the catalogue records: name, agency, time, channels, components, result. */
function complete(c: ProcedureContent): boolean {
  return (
    c.name.length > 0 &&
    c.implementingAgency.length > 0 &&
    !!c.processingTime &&
    c.channels.length > 0 &&
    c.components.length > 0 &&
    c.result.trim().length > 0
  );
}

const feeBearing = (c: ProcedureContent) => c.fees.some((f) => (f.amountVnd ?? 0) > 0 || !!f.rule);

export async function scorecardFor(
  db: Db,
  scope: { agency: AgencyRow; ids: string[] },
  p: Period,
  cal: WorkingCalendar,
  now: Date,
): Promise<{ scorecard: Scorecard; inputs: Inputs }> {
  const inputs = blankInputs();
  const set = (k: InputKey, value: number) => {
    inputs[k] = { value, source: 'motcua' };
  };
  const total = (await coarseTotals(db, scope.ids, p, 'none')).get('') ?? emptyTotals();
  const byProc = await procedureFlows(db, scope.ids, p);
  const fig = figures(total);
  set('onTime766', fig.onTime766);
  set('toHandle', fig.toHandle);
  set('finished', fig.finished);
  set('finishedMinutes', total.flows.finished_minutes);
  set('received', fig.received);
  set('receivedOnline', fig.receivedOnline);
  set('resolved', fig.resolved);
  set('resolvedLate', fig.resolvedLate);
  set('eResult', fig.finishedEresult);

  const procs = await unitProcedures(db, scope.ids);
  set('publicProcedures', procs.length);
  set('publicComplete', procs.filter((x) => complete(x.content)).length);
  const online = procs.filter((x) => x.content.onlineLevel !== 'none');
  set('proceduresOfUnit', procs.length);
  set('proceduresOnline', online.length);
  set('onlineServices', online.length);
  set('onlineServicesWithDossier', online.filter((x) => (byProc.get(x.id)?.received_online ?? 0) > 0).length);

  const fees = procs.filter((x) => feeBearing(x.content));
  const feeIds = new Set(fees.map((x) => x.id));
  set('feeProcedures', fees.length);
  let feeDossiers = 0;
  for (const [id, t] of byProc) {
    if (feeIds.has(id)) feeDossiers += t.received_counter + t.received_online + t.received_postal;
  }
  set('dossiersFeeBearing', feeDossiers);
  const pays = await queryRows<{ procedureId: string; online: boolean; paid: boolean; dossierId: string }>(
    db,
    sql`select d.procedure_id::text as "procedureId", (pm.status = 'paid' and pm.method in ('vietqr', 'gateway')) as online,
          pm.status = 'paid' as paid, d.id::text as "dossierId"
        from payments pm join dossiers d on d.id = pm.dossier_id
        where d.agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
          and pm.created_at >= ${instant(p.from)} and pm.created_at < ${instant(p.to)}`,
  );
  set('paidOnline', new Set(pays.filter((x) => x.online).map((x) => x.dossierId)).size);
  set(
    'feeProceduresWithOnlinePayment',
    new Set(pays.filter((x) => x.online && feeIds.has(x.procedureId)).map((x) => x.procedureId)).size,
  );
  set(
    'feeProceduresWithFeeData',
    new Set(pays.filter((x) => feeIds.has(x.procedureId)).map((x) => x.procedureId)).size,
  );

  const fb = await feedbackFigures(db, scope.ids, p, cal, now);
  set('feedback', fb.total);
  set('feedbackOnTime', fb.answeredOnTime + fb.pendingInTime);
  set('feedbackSatisfactory', fb.total - fb.late);
  const sat = await satisfaction(db, scope.ids, p);
  const [complained] = await queryRows<{ n: string }>(
    db,
    sql`select count(distinct dossier_id)::text as n from (
          select dossier_id from feedback where kind = 'complaint' and dossier_id is not null
            and agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
            and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}
          union select (jsonb_array_elements_text(${JSON.stringify(sat.dislikedDossiers)}::jsonb))::uuid
        ) x`,
  );
  set('dossiersComplainedOrDisliked', Number(complained?.n ?? 0));
  const [digitised] = await queryRows<{ n: string }>(
    db,
    sql`select count(distinct f.dossier_id)::text as n from dossier_files f join dossiers d on d.id = f.dossier_id
        where f.kind = 'component' and d.agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
          and d.accepted_at >= ${instant(p.from)} and d.accepted_at < ${instant(p.to)}`,
  );
  set('digitised', Number(digitised?.n ?? 0));

  const entered = await queryRows<{
    key: string;
    value: number;
    note: string;
    enteredBy: string | null;
    enteredAt: string;
  }>(
    db,
    sql`select e.key, e.value, e.note, u.full_name as "enteredBy", e.entered_at as "enteredAt"
        from stats_entered_inputs e left join users u on u.id = e.entered_by
        where e.agency_id = ${scope.agency.id} and e.period_from = ${dayToIso(p.from)} and e.period_to = ${dayToIso(p.to - 1)}`,
  );
  for (const e of entered) {
    if (!(ENTERED_INPUTS as readonly string[]).includes(e.key)) continue;
    inputs[e.key as InputKey] = {
      value: e.value,
      source: 'entered',
      note: `${e.note} — ${e.enteredBy ?? 'quản trị'} nhập ngày ${viDate(dayToIso(localDayOf(new Date(e.enteredAt))))}`,
      enteredBy: e.enteredBy,
      enteredAt: new Date(e.enteredAt).toISOString(),
    };
  }
  return { scorecard: scorecard(inputs), inputs };
}

/** Which report cell lists the dossiers behind a scorecard input (for "show the dossiers"). */
export const INPUT_CELLS: Partial<Record<InputKey, Cell>> = {
  toHandle: 'carriedOver',
  received: 'received',
  receivedOnline: 'receivedOnline',
  resolved: 'resolved',
  resolvedLate: 'resolvedLate',
};

export function assertEnterable(key: string): asserts key is InputKey {
  if (!(ENTERED_INPUTS as readonly string[]).includes(key)) {
    throw new AppError(
      422,
      'INPUT_COMPUTED',
      'Chỉ tiêu này được tính từ dữ liệu của hệ thống, không nhập tay; chỉ nhập các số liệu ngoài hệ thống (CSDL quốc gia, đồng bộ DVCQG, kho dữ liệu).',
    );
  }
}

/** A scorecard figure entered by hand for a period (upserted), and its audit row. */
export async function enterInput(
  db: Db,
  user: AuthUser,
  now: Date,
  input: { agencyId: string; from: string; to: string; key: string; value: number; note: string },
): Promise<void> {
  await db
    .insert(statsEnteredInputs)
    .values({
      agencyId: input.agencyId,
      periodFrom: input.from,
      periodTo: input.to,
      key: input.key,
      value: input.value,
      note: input.note,
      enteredBy: user.id,
      enteredAt: now,
    })
    .onConflictDoUpdate({
      target: [
        statsEnteredInputs.agencyId,
        statsEnteredInputs.periodFrom,
        statsEnteredInputs.periodTo,
        statsEnteredInputs.key,
      ],
      set: { value: input.value, note: input.note, enteredBy: user.id, enteredAt: now },
    });
  await db.insert(auditLog).values({
    at: now,
    actorId: user.id,
    action: 'stats.input-entered',
    entity: 'agency',
    entityId: input.agencyId,
    data: { from: input.from, to: input.to, key: input.key, value: input.value, note: input.note },
  });
}
