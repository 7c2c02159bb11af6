import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { timeliness, toLocalIso, type WorkingCalendar } from '../../../../domain/calendar';
import { foldVietnamese } from '../../../../domain/catalogue/search';
import { isDossierCode } from '../../../../domain/dossier/code';
import { type Db, queryRows } from '../../../db/database';
import { agencies, dossiers, procedures, procedureVersions } from '../../../db/schema';
import { agencyScope } from '../../agencies/scope';
import type { AuthUser } from '../../auth/auth.service';
import type { CalendarService } from '../../calendar/calendar.service';
import { type DossierListQuery, Worklist, type WorklistCounts } from '../dossiers.schema';
import { IN_PROCESSING, PAUSED_STATUSES, statusIn } from '../../../../domain/dossier/lifecycle';
import { scopeCondition } from '../access';
import { calendarOf } from '../context';
import { dossiersNamed } from './search';
import { DUE_SOON_MINUTES, urgencyOf } from './view';
import { statusOf } from '../../../../domain/dossier/status';

export type ListQuery = z.infer<typeof DossierListQuery>;

/** How far ahead the deadline tabs look: due within 1 working day; apology limit within 1 (due within 2). */
function horizons(cal: WorkingCalendar, now: Date) {
  return {
    dueSoon: cal.addWorkingMinutes(now, DUE_SOON_MINUTES),
    atRisk: cal.addWorkingMinutes(now, 2 * DUE_SOON_MINUTES),
  };
}

/** The WHERE conditions of a worklist (tab) for this actor. */
function worklistWhere(
  list: Worklist,
  actor: AuthUser,
  now: Date,
  until: { dueSoon: Date; atRisk: Date },
): SQL | undefined {
  const agencyId = actor.agency?.id ?? '00000000-0000-0000-0000-000000000000';
  switch (list) {
    case 'check':
      return and(eq(dossiers.status, 1), eq(dossiers.agencyId, agencyId));
    case 'mine':
      return and(eq(dossiers.assigneeId, actor.id), inArray(dossiers.status, [...IN_PROCESSING]));
    case 'unassigned':
      return and(
        eq(dossiers.currentAgencyId, agencyId),
        inArray(dossiers.stepRole, actor.roles),
        sql`${dossiers.assigneeId} is null`,
        inArray(dossiers.status, [...IN_PROCESSING]),
      );
    case 'supplement':
      return and(eq(dossiers.status, 5), eq(dossiers.agencyId, agencyId));
    case 'due-soon':
      return and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} >= ${now.toISOString()}`,
        sql`${dossiers.dueAt} <= ${until.dueSoon.toISOString()}`,
      );
    case 'at-risk':
      // No apology yet (the appointment is still the due date) and the apology limit — 1 working day
      // before the due date — at most a working day away, or already passed. A dossier whose whole time is
      // short (same-day, hours: `apologyLead` in the domain) is listed only once a quarter of it has gone by —
      // here in clock time, as the warnings count it in working time — never right after reception.
      return and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} <= ${until.atRisk.toISOString()}`,
        sql`(${dossiers.appointmentAt} is null or ${dossiers.appointmentAt} <= ${dossiers.dueAt})`,
        sql`(${dossiers.acceptedAt} is null or ${now.toISOString()}::timestamptz - ${dossiers.acceptedAt} >= (${dossiers.dueAt} - ${dossiers.acceptedAt}) / 4)`,
      );
    case 'overdue':
      return and(inArray(dossiers.status, [...IN_PROCESSING]), lt(dossiers.dueAt, now));
    case 'approval':
      return and(
        eq(dossiers.status, 4),
        eq(dossiers.currentAgencyId, agencyId),
        eq(dossiers.stepRole, 'leader'),
      );
    case 'to-return':
      return and(eq(dossiers.status, 9), eq(dossiers.agencyId, agencyId));
  }
}

export async function listDossiers(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  q: ListQuery,
) {
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) return { items: [], total: 0, totalExact: true };
  const where: SQL[] = scope === null ? [] : [scopeCondition(scope)];
  const cal = await calendarOf(calendars, db, actor.agency?.id ?? null);
  if (q.list) {
    const w = worklistWhere(q.list, actor, now, horizons(cal, now));
    if (w) where.push(w);
  }
  if (q.status) where.push(eq(dossiers.status, q.status));
  if (q.channel) where.push(eq(dossiers.channel, q.channel));
  if (q.assignee) where.push(eq(dossiers.assigneeId, q.assignee === 'me' ? actor.id : q.assignee));
  if (q.procedureCode) where.push(eq(procedures.code, q.procedureCode));
  if (q.agencyCode) {
    where.push(
      sql`${dossiers.agencyId} = (select id from ${agencies} where ${agencies.code} = ${q.agencyCode})`,
    );
  }
  if (q.dueFrom) where.push(sql`${dossiers.dueAt} >= ${new Date(q.dueFrom).toISOString()}`);
  if (q.dueTo) where.push(sql`${dossiers.dueAt} <= ${new Date(q.dueTo).toISOString()}`);
  // A whole dossier code is looked up by equality on its unique index (every code shares the agency's
  // prefix, which makes a substring match slow). Several words without digits are a name: they match
  // from the start of its 1st, 2nd or 3rd word ("nguyen van an", "van an"), on `dossier_names`. Anything
  // else (one word, an ID number, part of a code) matches name, code or ID number anywhere, without diacritics.
  const wholeCode = q.q?.trim().toUpperCase();
  const byWholeCode = Boolean(wholeCode && isDossierCode(wholeCode));
  const folded = q.q ? foldVietnamese(q.q) : '';
  const named = !byWholeCode && /^[a-z]+( [a-z]+)+$/.test(folded) ? dossiersNamed(folded, scope) : null;
  if (q.overdue === 'true') where.push(and(lt(dossiers.dueAt, now), sql`${dossiers.endedAt} is null`) as SQL);
  // A name alone (no tab or filter besides the scope): the page is cut from the name index, newest first,
  // and only its dossiers are read — a common pair of names matches tens of thousands of dossiers at 10 M.
  const onlyNamed = named !== null && where.length === (scope === null ? 0 : 1);
  if (byWholeCode) where.push(eq(dossiers.code, wholeCode!));
  else if (named && onlyNamed)
    where.push(
      sql`${dossiers.id} in (select dossier_id from (${named}) n order by created_at desc, dossier_id desc limit ${q.limit} offset ${q.offset})`,
    );
  else if (named) where.push(sql`${dossiers.id} in (select dossier_id from (${named}) n)`);
  else if (folded)
    where.push(sql`${dossiers.searchText} like ${`%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const cond = where.length > 0 ? and(...where) : undefined;
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(cond)
    .orderBy(
      ...(q.list && q.list !== 'check'
        ? [sql`${dossiers.dueAt} asc nulls last`]
        : onlyNamed
          ? [desc(dossiers.createdAt), desc(dossiers.id)]
          : [desc(dossiers.createdAt)]),
    )
    .limit(q.limit)
    .offset(onlyNamed ? 0 : q.offset);
  // Lists count their dossiers only up to a cap: an agency's whole history or a common name is millions
  // of rows at a province's scale (2 s to count at 10 M), and an exact figure is of no use to the officer
  // (shown as "hơn 1.000": narrow the search). A whole code finds at most one.
  const capped = !byWholeCode;
  const matching = onlyNamed
    ? db.select({ one: sql`1` }).from(sql`(${named}) n`)
    : db
        .select({ one: sql`1` })
        .from(dossiers)
        .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
        .where(cond);
  const counted = Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from((capped ? matching.limit(SEARCH_COUNT_CAP + 1) : matching).as('m'))
    )[0]?.n ?? 0,
  );
  const totalExact = counted <= SEARCH_COUNT_CAP || !capped;
  const total = totalExact ? counted : SEARCH_COUNT_CAP;
  return {
    items: rows.map(({ d, name }) => ({
      id: d.id,
      code: d.code,
      procedureName: name,
      applicantName: d.applicantName,
      status: statusOf(d.status),
      channel: d.channel,
      step: d.step,
      assigneeId: d.assigneeId,
      acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
      dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
      timeliness:
        d.dueAt && !statusIn(PAUSED_STATUSES, d.status) ? timeliness(d.dueAt, d.endedAt, now) : null,
      urgency: urgencyOf(cal, d, now),
    })),
    total,
    totalExact,
  };
}

/** A list's dossiers (then `totalExact` is false), and each worklist tab's, are counted up to this many. */
export const SEARCH_COUNT_CAP = 1000;

/**
 * Live counts of every worklist tab for this actor, each up to `SEARCH_COUNT_CAP`. One statement, a capped
 * subquery per tab, so each tab reads its own index (due order, status, assignee, step) and stops after the
 * cap: the cost is bounded by the caps, not by the agency's open dossiers (27 k for the busiest at 10 M).
 */
export async function worklistCounts(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
): Promise<WorklistCounts> {
  const lists = Worklist.options;
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) {
    return { counts: Object.fromEntries(lists.map((l) => [l, 0])) as Record<Worklist, number>, more: [] };
  }
  const cal = await calendarOf(calendars, db, actor.agency?.id ?? null);
  const until = horizons(cal, now);
  const scoped = scope === null ? undefined : scopeCondition(scope);
  const [row] = await queryRows<Record<Worklist, number>>(
    db,
    sql`select ${sql.join(
      lists.map(
        (l) =>
          sql`(select count(*)::int from (select 1 from ${dossiers} where ${and(worklistWhere(l, actor, now, until), scoped)} limit ${SEARCH_COUNT_CAP + 1}) t) as ${sql.identifier(l)}`,
      ),
      sql`, `,
    )}`,
  );
  const counted = lists.map((l) => [l, Number(row?.[l] ?? 0)] as const);
  return {
    counts: Object.fromEntries(counted.map(([l, n]) => [l, Math.min(n, SEARCH_COUNT_CAP)])) as Record<
      Worklist,
      number
    >,
    more: counted.filter(([, n]) => n > SEARCH_COUNT_CAP).map(([l]) => l),
  };
}
