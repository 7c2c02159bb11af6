import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../domain/agency/agency';
import { isoToDay, toLocalIso } from '../../../domain/calendar';
import { instantOf } from '../../../domain/calendar/local';
import { maskName } from '../../../domain/dossier/applicant';
import { maskPhone } from '../../../domain/identity/account';
import { hasAnyRole } from '../../../domain/identity/permissions';
import {
  announcement,
  BOOKING_CODE_ALPHABET,
  type CounterFields,
  callQueue,
  normalizeBookingCode,
  peopleAhead,
  queueStats,
  slotsForDay,
  TICKET_STATUS_VI,
  type TicketFacts,
  ticketLabel,
  type WaitingTicket,
} from '../../../domain/queue/queue';
import { type Db, queryRows } from '../../db/database';
import {
  agencies,
  auditLog,
  dossiers,
  fields,
  queueBookings,
  queueCounters,
  queueEvents,
  queueSequences,
  queueSlotCounts,
  queueTickets,
  users,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import type {
  BoardState,
  BookingView,
  CounterInput,
  CounterPatch,
  CounterView,
  StatsView,
  TicketView,
} from './queue.schema';

type Agency = typeof agencies.$inferSelect;
type Counter = typeof queueCounters.$inferSelect;
type Ticket = typeof queueTickets.$inferSelect;
type Booking = typeof queueBookings.$inferSelect;

const OPEN_STATUSES = ['waiting', 'transferred'] as const;
const AT_COUNTER = ['called', 'serving'] as const;

const isoOrNull = (d: Date | null) => (d ? toLocalIso(d) : null);
const hhmm = (s: string) => {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const sessionsOf = (h: OfficeHours) => h.sessions.map((s) => ({ start: hhmm(s.start), end: hhmm(s.end) }));
/** The instant of local day `day` (YYYY-MM-DD) at `minute` after midnight (UTC+7). */
const instantAt = (day: string, minute: number) => instantOf(isoToDay(day), minute);

// ─── Loading ─────────────────────────────────────────────────────────────────────────────────

export async function agencyByCode(db: Db, code: string): Promise<Agency> {
  const a = (await db.select().from(agencies).where(eq(agencies.code, code.trim().toUpperCase())))[0];
  if (!a?.active) throw errors.notFound(`cơ quan có mã định danh ${code}`);
  return a;
}

async function fieldNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.select({ c: fields.code, n: fields.name }).from(fields)).map((f) => [f.c, f.n]));
}

function asWaiting(t: Ticket): WaitingTicket {
  return {
    id: t.id,
    number: t.number,
    fieldCode: t.fieldCode,
    priority: t.priority,
    kind: t.kind,
    status: t.status as 'waiting' | 'transferred',
    counterId: t.counterId,
    appointmentAt: t.appointmentAt?.getTime() ?? null,
    issuedAt: t.issuedAt.getTime(),
    transferredAt: t.transferredAt?.getTime() ?? null,
  };
}

async function waitingOf(db: Db, agencyId: string, day: string): Promise<Ticket[]> {
  return db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.agencyId, agencyId),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...OPEN_STATUSES]),
      ),
    );
}

export async function ticketViews(db: Db, rows: Ticket[], now: Date): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  const names = await fieldNames(db);
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const ag = new Map(
    (await db.select().from(agencies).where(inArray(agencies.id, agencyIds))).map((a) => [a.id, a]),
  );
  const counterIds = [...new Set(rows.map((r) => r.counterId).filter((x): x is string => x !== null))];
  const cs = new Map(
    counterIds.length
      ? (await db.select().from(queueCounters).where(inArray(queueCounters.id, counterIds))).map((c) => [
          c.id,
          c,
        ])
      : [],
  );
  const waitingByAgencyDay = new Map<string, WaitingTicket[]>();
  for (const r of rows) {
    if (!OPEN_STATUSES.includes(r.status as 'waiting')) continue;
    const k = `${r.agencyId}|${r.day}`;
    if (!waitingByAgencyDay.has(k))
      waitingByAgencyDay.set(k, (await waitingOf(db, r.agencyId, r.day)).map(asWaiting));
  }
  return rows.map((r) => {
    const a = ag.get(r.agencyId)!;
    const c = r.counterId ? cs.get(r.counterId) : undefined;
    const waiting = waitingByAgencyDay.get(`${r.agencyId}|${r.day}`);
    return {
      id: r.id,
      number: r.number,
      label: r.label,
      fieldCode: r.fieldCode,
      fieldName: names.get(r.fieldCode) ?? r.fieldCode,
      kind: r.kind,
      priority: r.priority,
      status: r.status,
      statusName: TICKET_STATUS_VI[r.status],
      agency: { code: a.code, name: a.name },
      counter: c ? { id: c.id, number: c.number, name: c.name } : null,
      issuedAt: toLocalIso(r.issuedAt),
      calledAt: isoOrNull(r.calledAt),
      servingAt: isoOrNull(r.servingAt),
      endedAt: isoOrNull(r.endedAt),
      appointmentAt: isoOrNull(r.appointmentAt),
      callCount: r.callCount,
      ahead: waiting ? peopleAhead(asWaiting(r), waiting, now.getTime()) : null,
      dossierId: r.dossierId,
      dossierCode: r.dossierCode,
    };
  });
}

export async function ticketView(db: Db, t: Ticket, now: Date): Promise<TicketView> {
  return (await ticketViews(db, [t], now))[0]!;
}

export async function getTicket(db: Db, id: string): Promise<Ticket> {
  const t = (await db.select().from(queueTickets).where(eq(queueTickets.id, id)))[0];
  if (!t) throw errors.notFound('số thứ tự này');
  return t;
}

async function event(
  db: Db,
  t: Pick<Ticket, 'id' | 'agencyId'>,
  type: string,
  counterId: string | null,
  actorId: string | null,
  now: Date,
) {
  await db
    .insert(queueEvents)
    .values({ agencyId: t.agencyId, ticketId: t.id, counterId, type, at: now, actorId });
}

// ─── Tickets ─────────────────────────────────────────────────────────────────────────────────

/** Fields served today by the agency's active counters (a counter listing none serves every field). */
async function servedFields(db: Db, agencyId: string): Promise<{ code: string; name: string }[]> {
  const cs = await db
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.agencyId, agencyId), eq(queueCounters.active, true)));
  const all = await db
    .select({ code: fields.code, name: fields.name })
    .from(fields)
    .orderBy(asc(fields.name));
  if (cs.some((c) => c.fieldCodes.length === 0)) {
    // Every field the agency implements procedures of, else every field.
    const used = await queryRows<{ field_code: string }>(
      db,
      sql`select distinct v.field_code from agency_procedures ap join procedure_versions v on v.procedure_id = ap.procedure_id where ap.agency_id = ${agencyId}`,
    );
    const set = new Set(used.map((u) => u.field_code));
    const explicit = new Set(cs.flatMap((c) => c.fieldCodes));
    return set.size ? all.filter((f) => set.has(f.code) || explicit.has(f.code)) : all;
  }
  const set = new Set(cs.flatMap((c) => c.fieldCodes));
  return all.filter((f) => set.has(f.code));
}

/**
 * A numbered ticket for today. The number comes from the agency's row for the day, incremented in
 * one statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): the row lock makes concurrent kiosks
 * wait for each other, so a number is never given twice, and numbering starts again at 1 each day.
 */
export async function issueTicket(
  db: Db,
  agency: Agency,
  now: Date,
  input: { fieldCode: string; priority: boolean; booking?: Booking },
): Promise<Ticket> {
  const served = await servedFields(db, agency.id);
  if (!served.some((f) => f.code === input.fieldCode)) {
    throw errors.conflict(
      'FIELD_NOT_SERVED',
      'Hôm nay bộ phận một cửa không có quầy nhận lĩnh vực này; vui lòng chọn lĩnh vực khác hoặc hỏi cán bộ hướng dẫn.',
    );
  }
  const day = localDate(now);
  const [seq] = await db
    .insert(queueSequences)
    .values({ agencyId: agency.id, day, series: '', last: 1 })
    .onConflictDoUpdate({
      target: [queueSequences.agencyId, queueSequences.day, queueSequences.series],
      set: { last: sql`${queueSequences.last} + 1` },
    })
    .returning({ last: queueSequences.last });
  const number = seq!.last;
  const [t] = await db
    .insert(queueTickets)
    .values({
      agencyId: agency.id,
      day,
      number,
      label: ticketLabel(number),
      fieldCode: input.fieldCode,
      kind: input.booking ? 'booked' : 'walk_in',
      priority: input.priority,
      bookingId: input.booking?.id ?? null,
      appointmentAt: input.booking?.slotStart ?? null,
      issuedAt: now,
    })
    .returning();
  await event(db, t!, 'issued', null, null, now);
  return t!;
}

/** At the kiosk: a booked citizen's code (scanned QR or typed) gives a booked ticket, once, on the booked day. */
export async function checkIn(db: Db, agency: Agency, now: Date, rawCode: string): Promise<Ticket> {
  const code = normalizeBookingCode(rawCode);
  if (!code) {
    throw errors.invalid(
      'BOOKING_CODE_INVALID',
      'Mã lịch hẹn không đúng dạng LH-XXXXXXXX; kiểm tra lại mã trên phiếu hẹn.',
    );
  }
  const b = (await db.select().from(queueBookings).where(eq(queueBookings.code, code)).for('update'))[0];
  if (!b || b.agencyId !== agency.id) {
    throw errors.notFound(`lịch hẹn ${code} tại ${agency.name}`);
  }
  if (b.status === 'cancelled')
    throw errors.conflict('BOOKING_CANCELLED', 'Lịch hẹn này đã bị hủy; vui lòng lấy số thường.');
  if (b.status === 'checked_in') {
    throw errors.conflict(
      'BOOKING_USED',
      'Lịch hẹn này đã được lấy số rồi; xem số trên phiếu đã in hoặc hỏi cán bộ.',
    );
  }
  if (b.day !== localDate(now)) {
    throw errors.conflict(
      'BOOKING_NOT_TODAY',
      `Lịch hẹn này vào ngày ${b.day.split('-').reverse().join('/')}, không phải hôm nay; vui lòng đến đúng ngày hoặc lấy số thường.`,
    );
  }
  const t = await issueTicket(db, agency, now, { fieldCode: b.fieldCode, priority: false, booking: b });
  await db
    .update(queueBookings)
    .set({ status: 'checked_in', checkedInAt: now, ticketId: t.id })
    .where(eq(queueBookings.id, b.id));
  return t;
}

// ─── Counters ────────────────────────────────────────────────────────────────────────────────

export async function counterViews(db: Db, rows: Counter[], now: Date): Promise<CounterView[]> {
  if (rows.length === 0) return [];
  const ag = new Map(
    (
      await db
        .select()
        .from(agencies)
        .where(inArray(agencies.id, [...new Set(rows.map((r) => r.agencyId))]))
    ).map((a) => [a.id, a]),
  );
  const officerIds = rows.map((r) => r.officerId).filter((x): x is string => x !== null);
  const officers = new Map(
    officerIds.length
      ? (
          await db
            .select({ id: users.id, n: users.fullName })
            .from(users)
            .where(inArray(users.id, officerIds))
        ).map((u) => [u.id, u.n])
      : [],
  );
  const day = localDate(now);
  const current = await db
    .select()
    .from(queueTickets)
    .where(
      and(
        inArray(
          queueTickets.counterId,
          rows.map((r) => r.id),
        ),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...AT_COUNTER]),
      ),
    );
  const currentViews = new Map((await ticketViews(db, current, now)).map((v) => [v.counter!.id, v]));
  const waitingByAgency = new Map<string, WaitingTicket[]>();
  for (const id of ag.keys()) waitingByAgency.set(id, (await waitingOf(db, id, day)).map(asWaiting));
  return rows.map((r) => {
    const a = ag.get(r.agencyId)!;
    return {
      id: r.id,
      agency: { id: a.id, code: a.code, name: a.name },
      number: r.number,
      name: r.name,
      fieldCodes: r.fieldCodes,
      hours: r.hours,
      appointmentCapacity: r.appointmentCapacity,
      state: r.state,
      officer: r.officerId ? { id: r.officerId, fullName: officers.get(r.officerId) ?? '' } : null,
      openedAt: isoOrNull(r.openedAt),
      active: r.active,
      current: currentViews.get(r.id) ?? null,
      waiting: callQueue(r, waitingByAgency.get(r.agencyId) ?? [], now.getTime()).length,
    };
  });
}

export async function listCounters(
  db: Db,
  actor: AuthUser,
  agencyId: string | undefined,
): Promise<Counter[]> {
  const scope = await agencyScope(db, actor);
  const target = agencyId ?? actor.agency?.id;
  if (target && !inScope(scope, target)) throw errors.outOfScope();
  const rows = await db
    .select()
    .from(queueCounters)
    .where(target ? eq(queueCounters.agencyId, target) : undefined)
    .orderBy(asc(queueCounters.agencyId), asc(queueCounters.number));
  return rows.filter((r) => inScope(scope, r.agencyId));
}

async function lockCounter(db: Db, id: string): Promise<Counter> {
  const c = (await db.select().from(queueCounters).where(eq(queueCounters.id, id)).for('update'))[0];
  if (!c) throw errors.notFound('quầy này');
  return c;
}

async function checkFieldCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return;
  const known = new Set(
    (
      await db
        .select({ c: fields.code })
        .from(fields)
        .where(inArray(fields.code, [...codes]))
    ).map((f) => f.c),
  );
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw errors.invalid(
      'UNKNOWN_FIELD',
      `Không có lĩnh vực mã ${unknown.join(', ')} trong danh mục thủ tục.`,
    );
  }
}

const numberTaken = (n: number) =>
  errors.conflict('COUNTER_NUMBER_TAKEN', `Cơ quan đã có quầy số ${n}; chọn số khác.`);

export async function createCounter(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: CounterInput,
): Promise<Counter> {
  if (!inScope(await agencyScope(db, actor), input.agencyId)) throw errors.outOfScope();
  await checkFieldCodes(db, input.fieldCodes);
  const dup = await db
    .select({ id: queueCounters.id })
    .from(queueCounters)
    .where(and(eq(queueCounters.agencyId, input.agencyId), eq(queueCounters.number, input.number)));
  if (dup.length) throw numberTaken(input.number);
  const [c] = await db
    .insert(queueCounters)
    .values({ ...input, fieldCodes: [...new Set(input.fieldCodes)], createdAt: now, updatedAt: now })
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'queue.counter.created',
    entity: 'queue_counter',
    entityId: c!.id,
    data: input,
  });
  return c!;
}

export async function updateCounter(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  patch: ReturnType<typeof CounterPatch.parse>,
): Promise<Counter> {
  const c = await lockCounter(db, id);
  if (!inScope(await agencyScope(db, actor), c.agencyId)) throw errors.outOfScope();
  if (patch.fieldCodes) await checkFieldCodes(db, patch.fieldCodes);
  if (patch.number !== undefined && patch.number !== c.number) {
    const dup = await db
      .select({ id: queueCounters.id })
      .from(queueCounters)
      .where(
        and(
          eq(queueCounters.agencyId, c.agencyId),
          eq(queueCounters.number, patch.number),
          ne(queueCounters.id, id),
        ),
      );
    if (dup.length) throw numberTaken(patch.number);
  }
  const deactivating = patch.active === false && c.active;
  const [u] = await db
    .update(queueCounters)
    .set({
      ...patch,
      ...(patch.fieldCodes ? { fieldCodes: [...new Set(patch.fieldCodes)] } : {}),
      ...(deactivating ? { state: 'closed' as const, officerId: null, openedAt: null } : {}),
      updatedAt: now,
    })
    .where(eq(queueCounters.id, id))
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'queue.counter.updated',
    entity: 'queue_counter',
    entityId: id,
    data: patch,
  });
  return u!;
}

/** The officer on duty opens a counter of their own agency; one counter per officer at a time. */
export async function openCounter(db: Db, actor: AuthUser, now: Date, id: string): Promise<Counter> {
  const c = await lockCounter(db, id);
  if (actor.agency?.id !== c.agencyId || !actor.roles.includes('reception')) {
    throw errors.forbidden('mở quầy của cơ quan khác (chỉ cán bộ một cửa của cơ quan này)');
  }
  if (!c.active)
    throw errors.conflict(
      'COUNTER_INACTIVE',
      `Quầy số ${c.number} đang ngừng sử dụng; quản trị cần bật lại.`,
    );
  if (c.state === 'open' && c.officerId === actor.id) return c;
  if (c.state === 'open' && c.officerId) {
    const who =
      (await db.select({ n: users.fullName }).from(users).where(eq(users.id, c.officerId)))[0]?.n ?? '';
    throw errors.conflict(
      'COUNTER_TAKEN',
      `Quầy số ${c.number} đang do ${who} trực; chọn quầy khác hoặc nhờ đóng quầy trước.`,
    );
  }
  const mine = await db
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.officerId, actor.id), eq(queueCounters.state, 'open')));
  if (mine.length) {
    throw errors.conflict(
      'ALREADY_AT_COUNTER',
      `Bạn đang trực quầy số ${mine[0]!.number}; đóng quầy đó trước khi mở quầy khác.`,
    );
  }
  const [u] = await db
    .update(queueCounters)
    .set({ state: 'open', officerId: actor.id, openedAt: now, updatedAt: now })
    .where(eq(queueCounters.id, id))
    .returning();
  await db
    .insert(queueEvents)
    .values({ agencyId: c.agencyId, counterId: id, type: 'opened', at: now, actorId: actor.id });
  return u!;
}

/** Closes a counter (its officer, or an administrator / leader of the agency); nobody may still be at it. */
export async function closeCounter(db: Db, actor: AuthUser, now: Date, id: string): Promise<Counter> {
  const c = await lockCounter(db, id);
  const manager =
    hasAnyRole(actor.roles, ['admin', 'leader']) && inScope(await agencyScope(db, actor), c.agencyId);
  if (c.officerId !== actor.id && !manager) throw errors.forbidden('đóng quầy do cán bộ khác trực');
  if (c.state === 'closed') return c;
  const busy = await db
    .select({ label: queueTickets.label })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.counterId, id),
        eq(queueTickets.day, localDate(now)),
        inArray(queueTickets.status, [...AT_COUNTER]),
      ),
    );
  if (busy.length) {
    throw errors.conflict(
      'COUNTER_BUSY',
      `Quầy đang phục vụ số ${busy[0]!.label}; bấm "Hoàn thành", "Vắng mặt" hoặc "Chuyển quầy" trước khi đóng quầy.`,
    );
  }
  const [u] = await db
    .update(queueCounters)
    .set({ state: 'closed', officerId: null, openedAt: null, updatedAt: now })
    .where(eq(queueCounters.id, id))
    .returning();
  await db
    .insert(queueEvents)
    .values({ agencyId: c.agencyId, counterId: id, type: 'closed', at: now, actorId: actor.id });
  return u!;
}

export async function myCounter(db: Db, actor: AuthUser): Promise<Counter | null> {
  return (
    (
      await db
        .select()
        .from(queueCounters)
        .where(and(eq(queueCounters.officerId, actor.id), eq(queueCounters.state, 'open')))
    )[0] ?? null
  );
}

async function dutyCounter(db: Db, actor: AuthUser, id: string): Promise<Counter> {
  const c = await lockCounter(db, id);
  // Another agency's counter is refused as such, before anything about its duty is told.
  if (!inScope(await agencyScope(db, actor), c.agencyId)) throw errors.outOfScope();
  if (c.state !== 'open' || c.officerId !== actor.id) {
    throw errors.conflict('NOT_ON_DUTY', `Bạn không trực quầy số ${c.number}; mở quầy trước khi gọi số.`);
  }
  return c;
}

/**
 * Calls the next ticket at the officer's counter: the one still at it is finished first, then the
 * domain's order (transfers to it, priority, appointments due, first come first served) is tried
 * ticket by ticket with `FOR UPDATE SKIP LOCKED`, so two counters calling at the same instant never
 * take the same ticket — the second skips the row the first holds and takes the next one.
 */
export async function callNext(
  db: Db,
  actor: AuthUser,
  now: Date,
  counterId: string,
): Promise<Ticket | null> {
  const c = await dutyCounter(db, actor, counterId);
  const day = localDate(now);
  const ended = await db
    .update(queueTickets)
    .set({ status: 'done', endedAt: now })
    .where(
      and(
        eq(queueTickets.counterId, c.id),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...AT_COUNTER]),
      ),
    )
    .returning();
  for (const t of ended) await event(db, t, 'done', c.id, actor.id, now);
  const order = callQueue(
    c as CounterFields,
    (await waitingOf(db, c.agencyId, day)).map(asWaiting),
    now.getTime(),
  );
  if (order.length === 0) return null;
  const ids = order.map((t) => t.id);
  const idArray = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const picked = await queryRows<{ id: string }>(
    db,
    sql`select id from queue_tickets
        where id = any(${idArray}) and status in ('waiting', 'transferred')
        order by array_position(${idArray}, id)
        limit 1
        for update skip locked`,
  );
  const id = picked[0]?.id;
  if (!id) return null;
  const [t] = await db
    .update(queueTickets)
    .set({
      status: 'called',
      counterId: c.id,
      officerId: actor.id,
      calledAt: sql`coalesce(${queueTickets.calledAt}, ${now})`,
      lastCalledAt: now,
      callCount: sql`${queueTickets.callCount} + 1`,
    })
    .where(eq(queueTickets.id, id))
    .returning();
  await event(db, t!, 'called', c.id, actor.id, now);
  return t!;
}

async function ticketAtMyCounter(
  db: Db,
  actor: AuthUser,
  ticketId: string,
): Promise<{ t: Ticket; c: Counter }> {
  const t = (await db.select().from(queueTickets).where(eq(queueTickets.id, ticketId)).for('update'))[0];
  if (!t) throw errors.notFound('số thứ tự này');
  if (!inScope(await agencyScope(db, actor), t.agencyId)) throw errors.outOfScope();
  if (!t.counterId || !AT_COUNTER.includes(t.status as 'called')) {
    throw errors.conflict(
      'TICKET_NOT_AT_COUNTER',
      `Số ${t.label} không ở quầy nào lúc này (${TICKET_STATUS_VI[t.status].toLowerCase()}).`,
    );
  }
  const c = await dutyCounter(db, actor, t.counterId);
  return { t, c };
}

export async function recall(db: Db, actor: AuthUser, now: Date, ticketId: string): Promise<Ticket> {
  const { t, c } = await ticketAtMyCounter(db, actor, ticketId);
  if (t.status !== 'called')
    throw errors.conflict('TICKET_BEING_SERVED', `Số ${t.label} đang được phục vụ; không cần gọi lại.`);
  const [u] = await db
    .update(queueTickets)
    .set({ lastCalledAt: now, callCount: sql`${queueTickets.callCount} + 1` })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'recalled', c.id, actor.id, now);
  return u!;
}

export async function serve(db: Db, actor: AuthUser, now: Date, ticketId: string): Promise<Ticket> {
  const { t, c } = await ticketAtMyCounter(db, actor, ticketId);
  if (t.status === 'serving') return t;
  const [u] = await db
    .update(queueTickets)
    .set({ status: 'serving', servingAt: now })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'serving', c.id, actor.id, now);
  return u!;
}

export async function finish(db: Db, actor: AuthUser, now: Date, ticketId: string): Promise<Ticket> {
  const { t, c } = await ticketAtMyCounter(db, actor, ticketId);
  const [u] = await db
    .update(queueTickets)
    .set({ status: 'done', endedAt: now })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'done', c.id, actor.id, now);
  return u!;
}

/** The called citizen did not come (vắng mặt). */
export async function skip(db: Db, actor: AuthUser, now: Date, ticketId: string): Promise<Ticket> {
  const { t, c } = await ticketAtMyCounter(db, actor, ticketId);
  if (t.status === 'serving') {
    throw errors.conflict(
      'TICKET_BEING_SERVED',
      `Số ${t.label} đang được phục vụ; bấm "Hoàn thành" thay vì "Vắng mặt".`,
    );
  }
  const [u] = await db
    .update(queueTickets)
    .set({ status: 'no_show', endedAt: now })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'no_show', c.id, actor.id, now);
  return u!;
}

/** Sends the citizen to another counter of the agency, where they are called before anyone else. */
export async function transfer(
  db: Db,
  actor: AuthUser,
  now: Date,
  ticketId: string,
  toId: string,
): Promise<Ticket> {
  const { t, c } = await ticketAtMyCounter(db, actor, ticketId);
  if (toId === c.id) throw errors.invalid('SAME_COUNTER', 'Chọn một quầy khác quầy đang phục vụ.');
  const to = (await db.select().from(queueCounters).where(eq(queueCounters.id, toId)))[0];
  if (!to || to.agencyId !== t.agencyId || !to.active)
    throw errors.notFound('quầy nhận chuyển trong cơ quan này');
  const [u] = await db
    .update(queueTickets)
    .set({ status: 'transferred', counterId: to.id, officerId: null, transferredAt: now })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'transferred', to.id, actor.id, now);
  return u!;
}

/** The dossier received from this ticket: the ticket records its id and code (the code once accepted). */
export async function linkDossier(
  db: Db,
  actor: AuthUser,
  now: Date,
  ticketId: string,
  dossierId: string,
): Promise<Ticket> {
  const t = (await db.select().from(queueTickets).where(eq(queueTickets.id, ticketId)).for('update'))[0];
  if (!t) throw errors.notFound('số thứ tự này');
  if (actor.agency?.id !== t.agencyId || !actor.roles.includes('reception')) throw errors.outOfScope();
  const d = (
    await db
      .select({ id: dossiers.id, code: dossiers.code, agencyId: dossiers.agencyId })
      .from(dossiers)
      .where(eq(dossiers.id, dossierId))
  )[0];
  if (!d || d.agencyId !== t.agencyId) throw errors.notFound('hồ sơ này trong cơ quan của số thứ tự');
  if (t.dossierId && t.dossierId !== d.id) {
    throw errors.conflict('TICKET_HAS_DOSSIER', `Số ${t.label} đã gắn với hồ sơ ${t.dossierCode ?? ''}.`);
  }
  const [u] = await db
    .update(queueTickets)
    .set({
      dossierId: d.id,
      dossierCode: d.code,
      ...(t.status === 'called' ? { status: 'serving' as const, servingAt: now } : {}),
    })
    .where(eq(queueTickets.id, t.id))
    .returning();
  await event(db, t, 'dossier', t.counterId, actor.id, now);
  return u!;
}

// ─── Display board ───────────────────────────────────────────────────────────────────────────

export async function boardState(db: Db, agency: Agency, now: Date): Promise<BoardState> {
  const day = localDate(now);
  const counters = await db
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.agencyId, agency.id), eq(queueCounters.active, true)))
    .orderBy(asc(queueCounters.number));
  const current = await db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.agencyId, agency.id),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...AT_COUNTER]),
      ),
    );
  const calls = await db
    .select({ e: queueEvents, t: queueTickets, c: queueCounters })
    .from(queueEvents)
    .innerJoin(queueTickets, eq(queueTickets.id, queueEvents.ticketId))
    .innerJoin(queueCounters, eq(queueCounters.id, queueEvents.counterId))
    .where(
      and(
        eq(queueEvents.agencyId, agency.id),
        inArray(queueEvents.type, ['called', 'recalled']),
        eq(queueTickets.day, day),
      ),
    )
    .orderBy(desc(queueEvents.id))
    .limit(8);
  const last = await db
    .select({ id: queueEvents.id })
    .from(queueEvents)
    .where(eq(queueEvents.agencyId, agency.id))
    .orderBy(desc(queueEvents.id))
    .limit(1);
  const waiting = await waitingOf(db, agency.id, day);
  const served = await servedFields(db, agency.id);
  return {
    agency: { code: agency.code, name: agency.name, address: agency.address },
    day,
    lastEventId: last[0]?.id ?? 0,
    counters: counters.map((c) => {
      const t = current.find((x) => x.counterId === c.id);
      return {
        id: c.id,
        number: c.number,
        name: c.name,
        state: c.state,
        fieldCodes: c.fieldCodes,
        serving: t ? { number: t.number, label: t.label, status: t.status, fieldCode: t.fieldCode } : null,
      };
    }),
    lastCalls: calls.map(({ e, t, c }) => ({
      eventId: e.id,
      type: e.type as 'called' | 'recalled',
      number: t.number,
      label: t.label,
      counterNumber: c.number,
      at: toLocalIso(e.at),
      text: announcement(t.number, c.number),
    })),
    fields: served.map((f) => ({
      ...f,
      waiting: waiting.filter((t) => t.status === 'waiting' && t.fieldCode === f.code).length,
    })),
  };
}

// ─── Appointments ────────────────────────────────────────────────────────────────────────────

const MAX_DAYS_AHEAD = 30;

async function daySlots(db: Db, calendars: CalendarService, agency: Agency, fieldCode: string, day: string) {
  const cal = await calendars.days(db);
  const counters = await db.select().from(queueCounters).where(eq(queueCounters.agencyId, agency.id));
  const working = cal.isWorking(isoToDay(day));
  const slots = slotsForDay({
    working,
    fieldCode,
    agencySessions: sessionsOf(agency.officeHours ?? DEFAULT_OFFICE_HOURS),
    counters: counters.map((c) => ({
      fieldCodes: c.fieldCodes,
      appointmentCapacity: c.appointmentCapacity,
      sessions: c.hours ? sessionsOf(c.hours) : null,
      active: c.active,
    })),
  });
  return { working, slots };
}

async function fieldByCode(db: Db, code: string) {
  const f = (await db.select().from(fields).where(eq(fields.code, code)))[0];
  if (!f) throw errors.notFound(`lĩnh vực mã ${code}`);
  return f;
}

export async function listSlots(
  db: Db,
  calendars: CalendarService,
  agency: Agency,
  now: Date,
  q: { field: string; from?: string | undefined; days: number },
) {
  const f = await fieldByCode(db, q.field);
  const today = localDate(now);
  const from = q.from && q.from > today ? q.from : today;
  const out = [];
  for (let i = 0; i < q.days; i++) {
    const day = new Date((isoToDay(from) + i) * 86_400_000).toISOString().slice(0, 10);
    if (isoToDay(day) - isoToDay(today) > MAX_DAYS_AHEAD) break;
    const { working, slots } = await daySlots(db, calendars, agency, f.code, day);
    const starts = slots.map((s) => instantAt(day, s.start));
    const counts = starts.length
      ? await db
          .select()
          .from(queueSlotCounts)
          .where(
            and(
              eq(queueSlotCounts.agencyId, agency.id),
              eq(queueSlotCounts.fieldCode, f.code),
              gte(queueSlotCounts.slotStart, starts[0]!),
              lte(queueSlotCounts.slotStart, starts[starts.length - 1]!),
            ),
          )
      : [];
    const booked = new Map(counts.map((c) => [c.slotStart.getTime(), c.booked]));
    out.push({
      day,
      working,
      slots: slots
        .map((s, k) => ({ s, at: starts[k]! }))
        .filter(({ at }) => at.getTime() > now.getTime())
        .map(({ s, at }) => ({
          start: toLocalIso(at),
          end: toLocalIso(instantAt(day, s.end)),
          capacity: s.capacity,
          left: Math.max(0, s.capacity - (booked.get(at.getTime()) ?? 0)),
        })),
    });
  }
  return {
    agency: { code: agency.code, name: agency.name },
    field: { code: f.code, name: f.name },
    days: out,
  };
}

function bookingCode(): string {
  let s = 'LH-';
  for (let i = 0; i < 8; i++) s += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return s;
}

/**
 * Books a slot: the slot must be one the desk offers that day (working day, counters' hours and
 * capacity) and in the future; the slot's count is raised in one conditional upsert, so concurrent
 * bookings can never exceed its capacity.
 */
export async function book(
  db: Db,
  calendars: CalendarService,
  agency: Agency,
  now: Date,
  userId: string | null,
  input: { fieldCode: string; slotStart: string; name: string; phone: string },
): Promise<Booking> {
  const f = await fieldByCode(db, input.fieldCode);
  const start = new Date(input.slotStart);
  const day = localDate(start);
  if (start.getTime() <= now.getTime())
    throw errors.conflict('SLOT_PAST', 'Khung giờ này đã qua; chọn khung giờ khác.');
  if (isoToDay(day) - isoToDay(localDate(now)) > MAX_DAYS_AHEAD) {
    throw errors.invalid('SLOT_TOO_FAR', `Chỉ đặt lịch trước tối đa ${MAX_DAYS_AHEAD} ngày.`);
  }
  const { working, slots } = await daySlots(db, calendars, agency, f.code, day);
  if (!working)
    throw errors.conflict('DAY_OFF', 'Ngày này cơ quan không làm việc (ngày nghỉ, lễ, Tết); chọn ngày khác.');
  const slot = slots.find((s) => instantAt(day, s.start).getTime() === start.getTime());
  if (!slot)
    throw errors.conflict(
      'NO_SUCH_SLOT',
      'Cơ quan không nhận lịch hẹn lĩnh vực này vào giờ đó; chọn một khung giờ trong danh sách.',
    );
  const counted = await db
    .insert(queueSlotCounts)
    .values({ agencyId: agency.id, fieldCode: f.code, slotStart: start, booked: 1 })
    .onConflictDoUpdate({
      target: [queueSlotCounts.agencyId, queueSlotCounts.fieldCode, queueSlotCounts.slotStart],
      set: { booked: sql`${queueSlotCounts.booked} + 1` },
      setWhere: sql`${queueSlotCounts.booked} < ${slot.capacity}`,
    })
    .returning({ booked: queueSlotCounts.booked });
  if (counted.length === 0 || counted[0]!.booked > slot.capacity) {
    throw errors.conflict('SLOT_FULL', 'Khung giờ này vừa hết chỗ; chọn khung giờ khác.');
  }
  const [b] = await db
    .insert(queueBookings)
    .values({
      code: bookingCode(),
      agencyId: agency.id,
      fieldCode: f.code,
      day,
      slotStart: start,
      slotEnd: instantAt(day, slot.end),
      userId,
      name: input.name,
      phone: input.phone,
      createdAt: now,
    })
    .returning();
  return b!;
}

export async function bookingByCode(db: Db, raw: string, lock = false): Promise<Booking> {
  const code = normalizeBookingCode(raw);
  const q = db
    .select()
    .from(queueBookings)
    .where(eq(queueBookings.code, code ?? ''));
  const b = (lock ? await q.for('update') : await q)[0];
  if (!b) throw errors.notFound(`lịch hẹn ${raw}`);
  return b;
}

/**
 * A booking as shown: to whoever holds its code (a lookup, a cancellation) the name and phone are masked, as the
 * public tracking page masks an applicant's (a code can be guessed or overheard); in full only in the answer to
 * the person who has just typed them.
 */
export async function bookingView(db: Db, b: Booking, who: 'booker' | 'code-holder'): Promise<BookingView> {
  const a = (await db.select().from(agencies).where(eq(agencies.id, b.agencyId)))[0]!;
  const f = (await db.select().from(fields).where(eq(fields.code, b.fieldCode)))[0];
  return {
    code: b.code,
    status: b.status,
    agency: { code: a.code, name: a.name, address: a.address },
    field: { code: b.fieldCode, name: f?.name ?? b.fieldCode },
    slotStart: toLocalIso(b.slotStart),
    slotEnd: toLocalIso(b.slotEnd),
    name: who === 'booker' ? b.name : maskName(b.name),
    phone: who === 'booker' || !b.phone ? b.phone : maskPhone(b.phone),
    ticketId: b.ticketId,
    createdAt: toLocalIso(b.createdAt),
  };
}

export async function cancelBooking(db: Db, now: Date, raw: string): Promise<Booking> {
  const b = await bookingByCode(db, raw, true);
  if (b.status === 'checked_in')
    throw errors.conflict('BOOKING_USED', 'Lịch hẹn đã được lấy số tại quầy; không hủy được nữa.');
  if (b.status === 'cancelled') return b;
  await db
    .update(queueSlotCounts)
    .set({ booked: sql`greatest(${queueSlotCounts.booked} - 1, 0)` })
    .where(
      and(
        eq(queueSlotCounts.agencyId, b.agencyId),
        eq(queueSlotCounts.fieldCode, b.fieldCode),
        eq(queueSlotCounts.slotStart, b.slotStart),
      ),
    );
  const [u] = await db
    .update(queueBookings)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(eq(queueBookings.id, b.id))
    .returning();
  return u!;
}

// ─── Statistics ──────────────────────────────────────────────────────────────────────────────

export async function stats(
  db: Db,
  actor: AuthUser,
  now: Date,
  q: { agency?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<StatsView> {
  const agencyId = q.agency ?? actor.agency?.id;
  if (!agencyId) throw errors.invalid('AGENCY_REQUIRED', 'Chọn cơ quan để xem thống kê xếp hàng.');
  if (!inScope(await agencyScope(db, actor), agencyId)) throw errors.outOfScope();
  const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0];
  if (!a) throw errors.notFound('cơ quan này');
  const to = q.to ?? localDate(now);
  const from = q.from ?? to;
  if (from > to) throw errors.invalid('BAD_RANGE', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
  if (isoToDay(to) - isoToDay(from) > 366)
    throw errors.invalid('RANGE_TOO_LONG', 'Chỉ thống kê tối đa một năm mỗi lần.');
  const rows = await db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.agencyId, agencyId), gte(queueTickets.day, from), lte(queueTickets.day, to)));
  const facts: TicketFacts[] = rows.map((t) => ({
    day: t.day,
    fieldCode: t.fieldCode,
    counterId: t.status === 'waiting' ? null : t.counterId,
    status: t.status,
    priority: t.priority,
    kind: t.kind,
    issuedAt: t.issuedAt.getTime(),
    calledAt: t.calledAt?.getTime() ?? null,
    servingAt: t.servingAt?.getTime() ?? null,
    endedAt: t.endedAt?.getTime() ?? null,
  }));
  const s = queueStats(facts);
  const names = await fieldNames(db);
  const counters = new Map(
    (await db.select().from(queueCounters).where(eq(queueCounters.agencyId, agencyId))).map((c) => [c.id, c]),
  );
  return {
    agency: { id: a.id, code: a.code, name: a.name },
    from,
    to,
    total: s.total,
    byField: s.byField.map((f) => ({ ...f, fieldName: names.get(f.fieldCode) ?? f.fieldCode })),
    byCounter: s.byCounter.map((c) => ({
      ...c,
      counterNumber: counters.get(c.counterId)?.number ?? 0,
      counterName: counters.get(c.counterId)?.name ?? '',
    })),
    byHour: s.byHour,
    byDay: s.byDay,
  };
}

export { AppError };
