import { and, eq, inArray, sql } from 'drizzle-orm';
import { extendedDue, localDayOf } from '../../../../domain/calendar';
import { recomputeDue } from '../../../../domain/dossier/state';
import type { Db } from '../../../db/database';
import { dossiers } from '../../../db/schema';
import type { AuthUser } from '../../auth/auth.service';
import type { CalendarService } from '../../calendar/calendar.service';
import { IN_PROCESSING } from '../../../../domain/dossier/lifecycle';
import { calendarOf } from '../context';
import { appendEvents, history } from '../store';

/**
 * After the calendar changed, recompute the due instant of every open dossier it affects and record the
 * change in its history: an official schedule for `year` (clocks running through that year), or an
 * agency's office hours or same-day cut-off (that agency's dossiers).
 */
export async function retimeOpenDossiers(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  scope: { year: number } | { agencyId: string },
  reason: string,
): Promise<number> {
  const open = await db
    .select()
    .from(dossiers)
    .where(
      and(
        inArray(dossiers.status, [...IN_PROCESSING]),
        sql`${dossiers.dueAt} is not null`,
        'agencyId' in scope ? eq(dossiers.agencyId, scope.agencyId) : undefined,
      ),
    );
  let changed = 0;
  for (const d of open) {
    const events = await history(db, d.id);
    const accepted = events.find((e) => e.type === 'accepted');
    if (accepted?.type !== 'accepted') continue;
    if ('year' in scope) {
      // Only clocks running through the changed year can move.
      const fromYear = new Date(localDayOf(new Date(accepted.at)) * 86_400_000).getUTCFullYear();
      const toYear = new Date(localDayOf(d.dueAt!) * 86_400_000).getUTCFullYear();
      if (scope.year < fromYear || scope.year > toYear + 1) continue;
    }
    const cal = await calendarOf(calendars, db, d.agencyId);
    // Replayed under the new calendar: acceptance, restarts, resumptions and extensions in order.
    const due = recomputeDue(events, cal, (from, extra) => extendedDue(cal, from, extra))!;
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
