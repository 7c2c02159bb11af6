import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  type DueExplanation,
  explainDue,
  localDayOf,
  timeliness,
  toLocalIso,
  type WorkingCalendar,
} from '../../../domain/calendar';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { maskName } from '../../../domain/dossier/applicant';
import { formatDossierCode } from '../../../domain/dossier/code';
import type { DossierEvent } from '../../../domain/dossier/events';
import { canApply, replay } from '../../../domain/dossier/state';
import { DVCQG_STATUS, type StatusCode } from '../../../domain/dossier/status';
import type { Db } from '../../db/database';
import {
  agencies,
  agencyProcedures,
  auditLog,
  dossierEvents,
  dossierSequences,
  dossiers,
  procedures,
  procedureVersions,
  users,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { CounterIntake, DossierView, PublicDossier } from './dossiers.schema';

/** The 2025 regime (Decree 118/2025, Circular 03/2025) applies to dossiers received from 1 July 2025. */
export function regimeAt(now: Date): '2018' | '2025' {
  return localDate(now) >= '2025-07-01' ? '2025' : '2018';
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const status = (code: number) => ({ code, name: DVCQG_STATUS[code as StatusCode] });

async function calendarOf(calendars: CalendarService, db: Db, agencyId: string): Promise<WorkingCalendar> {
  const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0]!;
  return calendars.forOfficeHours(a.officeHours, db);
}

/** Appends events after checking each transition, and refreshes the projection; returns the new state. */
export async function appendEvents(
  db: Db,
  dossierId: string,
  history: DossierEvent[],
  added: DossierEvent[],
  now: Date,
) {
  let state = replay(history);
  let seq = history.length;
  for (const e of added) {
    if (seq > 0) {
      const refusal = canApply(state, e);
      if (refusal) throw new AppError(409, refusal.code, refusal.message);
    }
    seq++;
    await db
      .insert(dossierEvents)
      .values({ dossierId, seq, type: e.type, at: new Date(e.at), actorId: e.actor?.id ?? null, event: e });
    state = replay([...history, ...added.slice(0, seq - history.length)]);
  }
  await db
    .update(dossiers)
    .set({
      code: state.code,
      status: state.status,
      acceptedAt: state.acceptedAt ? new Date(state.acceptedAt) : null,
      dueAt: state.dueAt ? new Date(state.dueAt) : null,
      appointmentAt: state.appointmentAt ? new Date(state.appointmentAt) : null,
      endedAt: state.endedAt ? new Date(state.endedAt) : null,
      returnedAt: state.returnedAt ? new Date(state.returnedAt) : null,
      eventCount: seq,
      updatedAt: now,
    })
    .where(eq(dossiers.id, dossierId));
  return state;
}

/**
 * Counter reception of a complete dossier (tiếp nhận trực tiếp): the officer's agency must implement
 * the procedure; the dossier is accepted at once with its code (per-agency daily sequence) and its
 * legal due instant from the agency's calendar, under the procedure version in effect now.
 */
export async function acceptAtCounter(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  input: CounterIntake,
): Promise<string> {
  if (!actor.agency) throw errors.forbidden('tiếp nhận hồ sơ khi không thuộc cơ quan nào');
  const today = localDate(now);
  const found = await db
    .select({ p: procedures, v: procedureVersions })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
    .where(and(eq(procedures.code, input.procedureCode), sql`${procedureVersions.effectiveFrom} <= ${today}`))
    .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.versionNo))
    .limit(1);
  const row = found[0];
  if (!row || (row.p.abolishedOn !== null && row.p.abolishedOn <= today)) {
    throw errors.invalid(
      'PROCEDURE_NOT_AVAILABLE',
      `Thủ tục ${input.procedureCode} không có hoặc không còn hiệu lực.`,
    );
  }
  const adopted = await db
    .select()
    .from(agencyProcedures)
    .where(and(eq(agencyProcedures.agencyId, actor.agency.id), eq(agencyProcedures.procedureId, row.p.id)));
  if (adopted.length === 0) {
    throw errors.invalid(
      'PROCEDURE_NOT_ADOPTED',
      `${actor.agency.name} chưa được giao thực hiện thủ tục ${input.procedureCode}; kiểm tra danh mục thủ tục của cơ quan.`,
    );
  }
  const missing = row.v.content.components.filter(
    (c) => c.required && !c.condition && !input.components.some((x) => x.name === c.name && x.received),
  );
  if (missing.length > 0) {
    throw errors.invalid(
      'COMPONENTS_MISSING',
      `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((m) => m.name).join('; ')}. Hãy hướng dẫn bổ sung (Mẫu 02) thay vì tiếp nhận.`,
      missing.map((m) => m.name),
    );
  }
  const cal = await calendarOf(calendars, db, actor.agency.id);
  const legalTime = { amount: row.v.content.processingTime.amount, unit: row.v.content.processingTime.unit };
  const dueAt = cal.dueAt(now, legalTime);
  const [seqRow] = await db
    .insert(dossierSequences)
    .values({ agencyId: actor.agency.id, day: today, last: 1 })
    .onConflictDoUpdate({
      target: [dossierSequences.agencyId, dossierSequences.day],
      set: { last: sql`${dossierSequences.last} + 1` },
    })
    .returning({ last: dossierSequences.last });
  const code = formatDossierCode(actor.agency.code, today, seqRow!.last);
  const [d] = await db
    .insert(dossiers)
    .values({
      agencyId: actor.agency.id,
      procedureId: row.p.id,
      procedureVersionId: row.v.id,
      channel: 'counter',
      applicant: input.applicant,
      applicantName: input.applicant.fullName,
      searchText: foldVietnamese(
        `${code} ${input.applicant.fullName} ${'idNumber' in input.applicant ? (input.applicant.idNumber ?? '') : ''}`,
      ),
      status: 1,
      eventCount: 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: dossiers.id });
  const event: DossierEvent = {
    type: 'accepted',
    at: now.toISOString(),
    actor: { id: actor.id, name: actor.fullName, agencyId: actor.agency.id },
    channel: 'counter',
    code,
    regime: regimeAt(now),
    legalTime,
    dueAt: dueAt.toISOString(),
  };
  await appendEvents(db, d!.id, [], [event], now);
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.accepted',
    entity: 'dossier',
    entityId: d!.id,
    data: { code, components: input.components, note: input.note ?? null },
  });
  return d!.id;
}

async function history(db: Db, dossierId: string): Promise<DossierEvent[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(dossierEvents.seq);
  return rows.map((r) => r.event);
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
  if (!row || !inScope(scope, row.d.agencyId)) throw errors.notFound('hồ sơ');
  const events = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(dossierEvents.seq);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null))];
  const names = new Map(
    actorIds.length > 0
      ? (
          await db
            .select({ id: users.id, name: users.fullName })
            .from(users)
            .where(inArray(users.id, actorIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const cal = await calendarOf(calendars, db, row.d.agencyId);
  const d = row.d;
  return {
    id: d.id,
    code: d.code,
    agency: { id: row.a.id, code: row.a.code, name: row.a.name },
    procedure: { code: row.p.code, name: row.v.content.name, versionNo: row.v.versionNo },
    channel: d.channel,
    applicant: d.applicant,
    status: status(d.status),
    acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
    dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
    appointmentAt: d.appointmentAt ? toLocalIso(d.appointmentAt) : null,
    endedAt: d.endedAt ? toLocalIso(d.endedAt) : null,
    timeliness: d.dueAt ? timeliness(d.dueAt, d.endedAt, now) : null,
    remainingMinutes: d.dueAt && !d.endedAt ? cal.remainingMinutes(d.dueAt, now) : null,
    events: events.map((e) => {
      const { type: _t, at: _a, actor: _ac, ...raw } = e.event as DossierEvent & Record<string, unknown>;
      // Instants inside events are stored in UTC; show them, like every legal instant, at +07:00.
      const data = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [
          k,
          typeof v === 'string' && ISO_UTC.test(v) ? toLocalIso(new Date(v)) : v,
        ]),
      );
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

export async function listDossiers(
  db: Db,
  actor: AuthUser,
  now: Date,
  q: {
    status?: number | undefined;
    q?: string | undefined;
    overdue?: 'true' | 'false' | undefined;
    limit: number;
    offset: number;
  },
) {
  const scope = await agencyScope(db, actor);
  const where: SQL[] = [];
  if (scope !== null) {
    if (scope.size === 0) return { items: [], total: 0 };
    where.push(inArray(dossiers.agencyId, [...scope]));
  }
  if (q.status) where.push(eq(dossiers.status, q.status));
  if (q.q)
    where.push(
      sql`${dossiers.searchText} like ${`%${foldVietnamese(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
    );
  if (q.overdue === 'true') where.push(and(lt(dossiers.dueAt, now), sql`${dossiers.endedAt} is null`) as SQL);
  const cond = where.length > 0 ? and(...where) : undefined;
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(cond)
    .orderBy(desc(dossiers.createdAt))
    .limit(q.limit)
    .offset(q.offset);
  const total = Number((await db.select({ n: sql<number>`count(*)` }).from(dossiers).where(cond))[0]?.n ?? 0);
  return {
    items: rows.map(({ d, name }) => ({
      id: d.id,
      code: d.code,
      procedureName: name,
      applicantName: d.applicantName,
      status: status(d.status),
      acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
      dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
      timeliness: d.dueAt ? timeliness(d.dueAt, d.endedAt, now) : null,
    })),
    total,
  };
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
 * After the calendar changed (an official schedule entered or removed), recompute the due instant of
 * every open dossier whose clock runs through `year`, and record the change in its history.
 */
export async function retimeOpenDossiers(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  year: number,
  reason: string,
): Promise<number> {
  const open = await db
    .select()
    .from(dossiers)
    .where(and(inArray(dossiers.status, [2, 4]), sql`${dossiers.dueAt} is not null`));
  let changed = 0;
  for (const d of open) {
    const events = await history(db, d.id);
    const accepted = events.find((e) => e.type === 'accepted');
    if (accepted?.type !== 'accepted') continue;
    // The clock runs from the last restart (acceptance) to the due instant; skip dossiers it does not cross.
    const fromYear = new Date(localDayOf(new Date(accepted.at)) * 86_400_000).getUTCFullYear();
    const toYear = new Date(localDayOf(d.dueAt!) * 86_400_000).getUTCFullYear();
    if (year < fromYear || year > toYear) continue;
    // Only dossiers whose clock has not been paused, restarted or extended are recomputed from acceptance.
    if (events.some((e) => ['supplement-requested', 'financial-requested', 'extended'].includes(e.type)))
      continue;
    const cal = await calendarOf(calendars, db, d.agencyId);
    const due = cal.dueAt(new Date(accepted.at), accepted.legalTime);
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
  const d = (await db.select().from(dossiers).where(eq(dossiers.id, id)))[0];
  const scope = await agencyScope(db, actor);
  if (!d || !inScope(scope, d.agencyId)) throw errors.notFound('hồ sơ');
  const accepted = (await history(db, id)).find((e) => e.type === 'accepted');
  if (accepted?.type !== 'accepted')
    throw errors.invalid('NOT_ACCEPTED', 'Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn trả.');
  const cal = await calendarOf(calendars, db, d.agencyId);
  return explainDue(cal, new Date(accepted.at), accepted.legalTime);
}
