import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { ticketLabel } from '../../../domain/queue/queue';
import { AT_COUNTER_STATUSES, TICKET_RULES, type TicketEventType } from '../../../domain/queue/tickets';
import { type Db, queryRows } from '../../db/database';
import { queueBookings, queueEvents, queueSequences, queueSlotCounts, queueTickets } from '../../db/schema';
import type { Booking, Ticket } from './shared';

/**
 * The only writer of queue tickets, bookings, slot counts, day sequences and the queue's event log. Commands
 * (`tickets.ts`, `bookings.ts`, `counters.ts`) decide; this module writes what they decided, each ticket
 * change with its event.
 */

type EventType = TicketEventType | 'issued' | 'opened' | 'closed';

interface EventMeta {
  counterId: string | null;
  actorId: string | null;
  now: Date;
}

async function ticketEvent(db: Db, t: Pick<Ticket, 'id' | 'agencyId'>, type: EventType, m: EventMeta) {
  await db.insert(queueEvents).values({
    agencyId: t.agencyId,
    ticketId: t.id,
    counterId: m.counterId,
    type,
    at: m.now,
    actorId: m.actorId,
  });
}

/** A counter opened or closed (the board's state and the queue's audit). */
export async function counterEvent(
  db: Db,
  agencyId: string,
  counterId: string,
  type: 'opened' | 'closed',
  actorId: string,
  now: Date,
) {
  await db.insert(queueEvents).values({ agencyId, counterId, type, at: now, actorId });
}

// ─── Tickets ─────────────────────────────────────────────────────────────────────────────────

/**
 * A numbered ticket for `day`. The number comes from the agency's row for the day, incremented in
 * one statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): the row lock makes concurrent kiosks
 * wait for each other, so a number is never given twice, and numbering starts again at 1 each day.
 */
export async function insertTicket(
  db: Db,
  agencyId: string,
  day: string,
  now: Date,
  input: { fieldCode: string; priority: boolean; booking?: Booking | undefined },
): Promise<Ticket> {
  const [seq] = await db
    .insert(queueSequences)
    .values({ agencyId, day, series: '', last: 1 })
    .onConflictDoUpdate({
      target: [queueSequences.agencyId, queueSequences.day, queueSequences.series],
      set: { last: sql`${queueSequences.last} + 1` },
    })
    .returning({ last: queueSequences.last });
  const number = seq!.last;
  const [t] = await db
    .insert(queueTickets)
    .values({
      agencyId,
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
  await ticketEvent(db, t!, 'issued', { counterId: null, actorId: null, now });
  return t!;
}

/** The ticket, locked for the rest of the transaction; undefined when there is none. */
export async function lockTicket(db: Db, id: string): Promise<Ticket | undefined> {
  return (await db.select().from(queueTickets).where(eq(queueTickets.id, id)).for('update'))[0];
}

/** Changes ticket `t` and records the event. */
export async function updateTicket(
  db: Db,
  t: Ticket,
  set: PgUpdateSetSource<typeof queueTickets>,
  type: TicketEventType,
  m: EventMeta,
): Promise<Ticket> {
  const [u] = await db.update(queueTickets).set(set).where(eq(queueTickets.id, t.id)).returning();
  await ticketEvent(db, t, type, m);
  return u!;
}

/** Finishes whatever is still at counter `counterId` on `day` (calling next finishes it). */
export async function finishAtCounter(db: Db, counterId: string, day: string, actorId: string, now: Date) {
  const ended = await db
    .update(queueTickets)
    .set({ status: 'done', endedAt: now })
    .where(
      and(
        eq(queueTickets.counterId, counterId),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...AT_COUNTER_STATUSES]),
      ),
    )
    .returning();
  for (const t of ended) await ticketEvent(db, t, 'done', { counterId, actorId, now });
}

/**
 * The first of `ids` (a call order) still waiting that no other transaction holds, locked: `FOR UPDATE SKIP
 * LOCKED`, so a second counter calling at the same instant skips the row the first holds and takes the next.
 */
export async function takeFirstWaiting(db: Db, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const idArray = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const from = sql.join(
    TICKET_RULES.call.from.map((s) => sql`${s}`),
    sql`, `,
  );
  const picked = await queryRows<{ id: string }>(
    db,
    sql`select id from queue_tickets
        where id = any(${idArray}) and status in (${from})
        order by array_position(${idArray}, id)
        limit 1
        for update skip locked`,
  );
  return picked[0]?.id ?? null;
}

/** Ticket `id` called to counter `counterId` (its first call time is kept on a call after a transfer). */
export async function markCalled(
  db: Db,
  id: string,
  counterId: string,
  actorId: string,
  now: Date,
): Promise<Ticket> {
  const [t] = await db
    .update(queueTickets)
    .set({
      status: 'called',
      counterId,
      officerId: actorId,
      calledAt: sql`coalesce(${queueTickets.calledAt}, ${now})`,
      lastCalledAt: now,
      callCount: sql`${queueTickets.callCount} + 1`,
    })
    .where(eq(queueTickets.id, id))
    .returning();
  await ticketEvent(db, t!, 'called', { counterId, actorId, now });
  return t!;
}

// ─── Bookings ────────────────────────────────────────────────────────────────────────────────

/** The booking with this (normalised) code; locked for the rest of the transaction when `lock`. */
export async function findBooking(db: Db, code: string, lock: boolean): Promise<Booking | undefined> {
  const q = db.select().from(queueBookings).where(eq(queueBookings.code, code));
  return (lock ? await q.for('update') : await q)[0];
}

/**
 * Raises the slot's count in one conditional upsert, so concurrent bookings never exceed its capacity;
 * false when the slot is full.
 */
export async function countSlot(
  db: Db,
  slot: { agencyId: string; fieldCode: string; start: Date; capacity: number },
): Promise<boolean> {
  const counted = await db
    .insert(queueSlotCounts)
    .values({ agencyId: slot.agencyId, fieldCode: slot.fieldCode, slotStart: slot.start, booked: 1 })
    .onConflictDoUpdate({
      target: [queueSlotCounts.agencyId, queueSlotCounts.fieldCode, queueSlotCounts.slotStart],
      set: { booked: sql`${queueSlotCounts.booked} + 1` },
      setWhere: sql`${queueSlotCounts.booked} < ${slot.capacity}`,
    })
    .returning({ booked: queueSlotCounts.booked });
  return counted.length > 0 && counted[0]!.booked <= slot.capacity;
}

/** Gives a cancelled booking's place back to its slot. */
export async function releaseSlot(db: Db, b: Booking) {
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
}

export async function insertBooking(db: Db, values: typeof queueBookings.$inferInsert): Promise<Booking> {
  const [b] = await db.insert(queueBookings).values(values).returning();
  return b!;
}

export async function updateBooking(
  db: Db,
  id: string,
  set: Partial<typeof queueBookings.$inferInsert>,
): Promise<Booking> {
  const [u] = await db.update(queueBookings).set(set).where(eq(queueBookings.id, id)).returning();
  return u!;
}
