import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { toLocalIso } from '../../../domain/calendar';
import type { WaitingTicket } from '../../../domain/queue/queue';
import { type Refusal, WAITING_STATUSES } from '../../../domain/queue/tickets';
import { type Db, queryRows } from '../../db/database';
import { agencies, fields, type queueBookings, queueCounters, queueTickets } from '../../db/schema';
import { AppError, errors } from '../../errors';

/** Rows and lookups the queue's commands and read models share (reads only; writes are in `store.ts`). */
export type Agency = typeof agencies.$inferSelect;
export type Counter = typeof queueCounters.$inferSelect;
export type Ticket = typeof queueTickets.$inferSelect;
export type Booking = typeof queueBookings.$inferSelect;

export const isoOrNull = (d: Date | null) => (d ? toLocalIso(d) : null);

/** A domain refusal as the client receives it (the same codes and messages as the server's own errors). */
export function refused(r: Refusal): AppError {
  if (r.code === 'OUT_OF_SCOPE') return errors.outOfScope();
  return new AppError(r.status, r.code, r.message);
}

export async function agencyByCode(db: Db, code: string): Promise<Agency> {
  const a = (await db.select().from(agencies).where(eq(agencies.code, code.trim().toUpperCase())))[0];
  if (!a?.active) throw errors.notFound(`cơ quan có mã định danh ${code}`);
  return a;
}

/** A counter by its id (404 when there is none). */
export async function counterById(db: Db, id: string): Promise<Counter> {
  const c = (await db.select().from(queueCounters).where(eq(queueCounters.id, id)))[0];
  if (!c) throw errors.notFound('quầy này');
  return c;
}

export async function fieldNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.select({ c: fields.code, n: fields.name }).from(fields)).map((f) => [f.c, f.n]));
}

export async function fieldByCode(db: Db, code: string) {
  const f = (await db.select().from(fields).where(eq(fields.code, code)))[0];
  if (!f) throw errors.notFound(`lĩnh vực mã ${code}`);
  return f;
}

export function asWaiting(t: Ticket): WaitingTicket {
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

/** The agency's tickets of `day` still waiting for a counter. */
export async function waitingOf(db: Db, agencyId: string, day: string): Promise<Ticket[]> {
  return db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.agencyId, agencyId),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, [...WAITING_STATUSES]),
      ),
    );
}

export async function getTicket(db: Db, id: string): Promise<Ticket> {
  const t = (await db.select().from(queueTickets).where(eq(queueTickets.id, id)))[0];
  if (!t) throw errors.notFound('số thứ tự này');
  return t;
}

export async function lockCounter(db: Db, id: string): Promise<Counter> {
  const c = (await db.select().from(queueCounters).where(eq(queueCounters.id, id)).for('update'))[0];
  if (!c) throw errors.notFound('quầy này');
  return c;
}

/** Fields served today by the agency's active counters (a counter listing none serves every field). */
export async function servedFields(db: Db, agencyId: string): Promise<{ code: string; name: string }[]> {
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
