import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { decideBooking } from '../../../domain/queue/bookings';
import { type CounterFields, callQueue, normalizeBookingCode } from '../../../domain/queue/queue';
import {
  type DeskCounter,
  decideCall,
  decideTicket,
  type TicketActor,
  type TicketCommand,
} from '../../../domain/queue/tickets';
import type { Db } from '../../db/database';
import { dossiers, queueCounters, queueTickets } from '../../db/schema';
import { errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import {
  type Agency,
  asWaiting,
  type Booking,
  type Counter,
  lockCounter,
  refused,
  servedFields,
  type Ticket,
  waitingOf,
} from './shared';
import * as store from './store';

/**
 * Ticket commands: issue at the kiosk (walk-in or booked), call, recall, serve, finish, no-show, transfer,
 * link a dossier. Each loads what the domain needs, asks `decideTicket` (src/domain/queue/tickets.ts), and
 * writes its answer through the store.
 */

const actorFacts = async (db: Db, actor: AuthUser, agencyId: string): Promise<TicketActor> => ({
  id: actor.id,
  agencyId: actor.agency?.id ?? null,
  roles: actor.roles,
  inScope: inScope(await agencyScope(db, actor), agencyId),
});

const desk = (c: Counter): DeskCounter => c;

/** A numbered ticket for today, for a field one of the agency's active counters serves. */
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
  return store.insertTicket(db, agency.id, localDate(now), now, input);
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
  const b = await store.findBooking(db, code, true);
  if (!b || b.agencyId !== agency.id) {
    throw errors.notFound(`lịch hẹn ${code} tại ${agency.name}`);
  }
  const d = decideBooking(b, 'check-in', localDate(now));
  if (!d.ok) throw refused(d.refusal);
  const t = await issueTicket(db, agency, now, { fieldCode: b.fieldCode, priority: false, booking: b });
  await store.updateBooking(db, b.id, { status: d.to, checkedInAt: now, ticketId: t.id });
  return t;
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
  const c = await lockCounter(db, counterId);
  const refusal = decideCall(desk(c), await actorFacts(db, actor, c.agencyId));
  if (refusal) throw refused(refusal);
  const day = localDate(now);
  await store.finishAtCounter(db, c.id, day, actor.id, now);
  const order = callQueue(
    c as CounterFields,
    (await waitingOf(db, c.agencyId, day)).map(asWaiting),
    now.getTime(),
  );
  const id = await store.takeFirstWaiting(
    db,
    order.map((t) => t.id),
  );
  if (!id) return null;
  return store.markCalled(db, id, c.id, actor.id, now);
}

type TicketSet = PgUpdateSetSource<typeof queueTickets>;

/** Loads the ticket (locked) and what the command names, asks the domain, writes its answer. */
async function command(
  db: Db,
  actor: AuthUser,
  now: Date,
  ticketId: string,
  cmd: () => Promise<TicketCommand>,
  changes: (t: Ticket) => TicketSet,
): Promise<Ticket> {
  const t = await store.lockTicket(db, ticketId);
  if (!t) throw errors.notFound('số thứ tự này');
  const command = await cmd();
  // A counter action also locks the counter (one officer, one action at a time); a dossier link does not.
  const c = command.action !== 'link-dossier' && t.counterId ? await lockCounter(db, t.counterId) : null;
  const d = decideTicket(t, command, await actorFacts(db, actor, t.agencyId), c ? desk(c) : null);
  if (!d.ok) throw refused(d.refusal);
  if (d.event === null) return t;
  return store.updateTicket(db, t, { status: d.to, ...changes(t) }, d.event, {
    // The event names the counter concerned: the target of a transfer, the ticket's for a dossier link.
    counterId:
      command.action === 'transfer'
        ? command.toCounterId
        : command.action === 'link-dossier'
          ? t.counterId
          : (c?.id ?? null),
    actorId: actor.id,
    now,
  });
}

export const recall = (db: Db, actor: AuthUser, now: Date, ticketId: string) =>
  command(
    db,
    actor,
    now,
    ticketId,
    async () => ({ action: 'recall' }),
    () => ({ lastCalledAt: now, callCount: sql`${queueTickets.callCount} + 1` }),
  );

export const serve = (db: Db, actor: AuthUser, now: Date, ticketId: string) =>
  command(
    db,
    actor,
    now,
    ticketId,
    async () => ({ action: 'serve' }),
    () => ({ servingAt: now }),
  );

export const finish = (db: Db, actor: AuthUser, now: Date, ticketId: string) =>
  command(
    db,
    actor,
    now,
    ticketId,
    async () => ({ action: 'finish' }),
    () => ({ endedAt: now }),
  );

/** The called citizen did not come (vắng mặt). */
export const skip = (db: Db, actor: AuthUser, now: Date, ticketId: string) =>
  command(
    db,
    actor,
    now,
    ticketId,
    async () => ({ action: 'skip' }),
    () => ({ endedAt: now }),
  );

/** Sends the citizen to another counter of the agency, where they are called before anyone else. */
export const transfer = (db: Db, actor: AuthUser, now: Date, ticketId: string, toId: string) =>
  command(
    db,
    actor,
    now,
    ticketId,
    async () => ({
      action: 'transfer',
      toCounterId: toId,
      target: (await db.select().from(queueCounters).where(eq(queueCounters.id, toId)))[0] ?? null,
    }),
    () => ({ counterId: toId, officerId: null, transferredAt: now }),
  );

/** The dossier received from this ticket: the ticket records its id and code (the code once accepted). */
export const linkDossier = (db: Db, actor: AuthUser, now: Date, ticketId: string, dossierId: string) => {
  let dossier: { id: string; code: string | null; agencyId: string } | undefined;
  return command(
    db,
    actor,
    now,
    ticketId,
    async () => {
      dossier = (
        await db
          .select({ id: dossiers.id, code: dossiers.code, agencyId: dossiers.agencyId })
          .from(dossiers)
          .where(eq(dossiers.id, dossierId))
      )[0];
      return { action: 'link-dossier', dossier: dossier ?? null };
    },
    (t) => ({
      dossierId: dossier!.id,
      dossierCode: dossier!.code,
      ...(t.status === 'called' ? { servingAt: now } : {}),
    }),
  );
};
