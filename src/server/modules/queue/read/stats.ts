import { and, eq, gte, lte } from 'drizzle-orm';
import { isoToDay } from '../../../../domain/calendar';
import { queueStats, type TicketFacts } from '../../../../domain/queue/queue';
import type { Db } from '../../../db/database';
import { agencies, queueCounters, queueTickets } from '../../../db/schema';
import { errors } from '../../../errors';
import { localDate } from '../../../time';
import { agencyScope, inScope } from '../../agencies/scope';
import type { AuthUser } from '../../auth/auth.service';
import type { StatsView } from '../queue.schema';
import { fieldNames } from '../shared';

/** Waiting and service times, tickets and no-shows of an agency over a period (the desk dashboard). */
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
  if (from > to) throw errors.range();
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
