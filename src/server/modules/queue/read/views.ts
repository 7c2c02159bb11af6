import { and, eq, inArray } from 'drizzle-orm';
import { toLocalIso } from '../../../../domain/calendar';
import { maskName } from '../../../../domain/dossier/applicant';
import { maskPhone } from '../../../../domain/identity/account';
import {
  callQueue,
  openCountersFor,
  peopleAhead,
  TICKET_STATUS_VI,
  type WaitingTicket,
} from '../../../../domain/queue/queue';
import { AT_COUNTER_STATUSES, WAITING_STATUSES } from '../../../../domain/queue/tickets';
import type { Db } from '../../../db/database';
import { agencies, fields, queueCounters, queueTickets, users } from '../../../db/schema';
import { localDate } from '../../../time';
import type { BookingView, CounterView, TicketView } from '../queue.schema';
import {
  asWaiting,
  type Booking,
  type Counter,
  fieldNames,
  isoOrNull,
  type Ticket,
  waitingOf,
} from '../shared';

/** How tickets, counters and bookings are shown (the answers of the queue's routes). */

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
    if (!(WAITING_STATUSES as readonly string[]).includes(r.status)) continue;
    const k = `${r.agencyId}|${r.day}`;
    if (!waitingByAgencyDay.has(k))
      waitingByAgencyDay.set(k, (await waitingOf(db, r.agencyId, r.day)).map(asWaiting));
  }
  // The active counters of each agency with a waiting ticket, for how many are open to serve it.
  const waitingAgencies = [
    ...new Set(
      rows.filter((r) => (WAITING_STATUSES as readonly string[]).includes(r.status)).map((r) => r.agencyId),
    ),
  ];
  const activeCounters = waitingAgencies.length
    ? await db
        .select()
        .from(queueCounters)
        .where(and(inArray(queueCounters.agencyId, waitingAgencies), eq(queueCounters.active, true)))
    : [];
  const openFor = (r: Ticket): number => {
    const here = activeCounters.filter((c) => c.agencyId === r.agencyId);
    // A transferred ticket waits for the one counter it was sent to.
    if (r.status === 'transferred')
      return here.filter((c) => c.id === r.counterId && c.state === 'open').length;
    return openCountersFor(here, r.fieldCode);
  };
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
      openCounters: waiting ? openFor(r) : null,
      dossierId: r.dossierId,
      dossierCode: r.dossierCode,
    };
  });
}

export async function ticketView(db: Db, t: Ticket, now: Date): Promise<TicketView> {
  return (await ticketViews(db, [t], now))[0]!;
}

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
        inArray(queueTickets.status, [...AT_COUNTER_STATUSES]),
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
