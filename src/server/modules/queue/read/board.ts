import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { toLocalIso } from '../../../../domain/calendar';
import { announcement, openCountersFor } from '../../../../domain/queue/queue';
import { AT_COUNTER_STATUSES } from '../../../../domain/queue/tickets';
import type { Db } from '../../../db/database';
import { agencies, queueCounters, queueEvents, queueTickets } from '../../../db/schema';
import { localDate } from '../../../time';
import type { BoardState } from '../queue.schema';
import { type Agency, servedFields, waitingOf } from '../shared';

/** The display board's state: what each counter serves, the last calls, how many wait per field. */
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
        inArray(queueTickets.status, [...AT_COUNTER_STATUSES]),
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
      openCounters: openCountersFor(counters, f.code),
    })),
  };
}

/** The board of an agency given by its id (the hub rebuilds it after each change). */
export async function boardStateOf(db: Db, agencyId: string, now: Date): Promise<BoardState> {
  const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0]!;
  return boardState(db, a, now);
}
