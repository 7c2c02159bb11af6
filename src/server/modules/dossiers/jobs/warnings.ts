import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DossierEvent } from '../../../../domain/dossier/events';
import { vnTime } from '../../../../domain/dossier/notifications';
import { replay } from '../../../../domain/dossier/state';
import { alreadyWarned, LATE_WARNING_LABELS_VI, lateRisk } from '../../../../domain/dossier/warnings';
import type { Database, Db } from '../../../db/database';
import { dossiers, outbox, procedureVersions, users } from '../../../db/schema';
import type { CalendarService } from '../../calendar/calendar.service';
import { calendarOf } from '../context';
import { appendEvents, history } from '../store';
import { IN_PROCESSING } from '../../../../domain/dossier/lifecycle';

/**
 * The officers to warn about a dossier: whoever holds its current step (the assignee, or everyone with
 * the step's role in the agency holding it when nobody has claimed it) and that agency's leaders.
 */
async function recipientsOf(
  db: Db,
  d: { currentAgencyId: string | null; assigneeId: string | null; stepRole: string | null },
) {
  if (!d.currentAgencyId) return [];
  const staff = await db
    .select({
      id: users.id,
      name: users.fullName,
      roles: users.roles,
      phone: users.phone,
      email: users.email,
    })
    .from(users)
    .where(and(eq(users.agencyId, d.currentAgencyId), eq(users.active, true)));
  const out: { id: string; name: string; role: string; phone: string | null; email: string | null }[] = [];
  for (const u of staff) {
    const holds = d.assigneeId
      ? u.id === d.assigneeId
      : d.stepRole !== null && u.roles.includes(d.stepRole as never);
    const role = holds ? (d.stepRole ?? 'specialist') : u.roles.includes('leader') ? 'leader' : null;
    if (role) out.push({ id: u.id, name: u.name, role, phone: u.phone, email: u.email });
  }
  return out;
}

/**
 * Warns the officers holding dossiers that risk being late, and their leaders (issue: "warnings reach the
 * responsible officer and leader before that deadline"): once per level and due date, each warning is an
 * event in the dossier's history (who was told, the apology limit) plus a message to each officer's phone
 * or e-mail through the outbox, in one transaction per dossier. Returns how many warnings were recorded.
 */
export async function sweepLateWarnings(
  database: Database,
  calendars: CalendarService,
  now: Date,
): Promise<number> {
  // Candidates: clocks running and due within three weeks (2 working days never span more, even over Tết).
  const horizon = new Date(now.getTime() + 21 * 86_400_000);
  const candidates = await database.read((db) =>
    db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(
        and(
          inArray(dossiers.status, [...IN_PROCESSING]),
          sql`${dossiers.dueAt} <= ${horizon.toISOString()}`,
          sql`(${dossiers.appointmentAt} is null or ${dossiers.appointmentAt} <= ${dossiers.dueAt})`,
        ),
      ),
  );
  let warned = 0;
  for (const { id } of candidates) {
    const done = await database.tx(async (db) => {
      // Serialize with commands on the same dossier (they lock the row too).
      const d = (await db.select().from(dossiers).where(eq(dossiers.id, id)).for('update'))[0];
      if (!d) return false;
      const events = await history(db, id);
      const cal = await calendarOf(calendars, db, d.agencyId);
      const risk = lateRisk(replay(events), cal, now);
      if (!risk || alreadyWarned(events, risk)) return false;
      const recipients = await recipientsOf(db, d);
      if (recipients.length === 0) return false;
      const procedure = (
        await db
          .select({ name: sql<string>`${procedureVersions.content}->>'name'` })
          .from(procedureVersions)
          .where(eq(procedureVersions.id, d.procedureVersionId))
      )[0]?.name;
      const event: DossierEvent = {
        type: 'warned',
        at: now.toISOString(),
        actor: null,
        level: risk.level,
        dueAt: risk.dueAt.toISOString(),
        apologyBy: risk.apologyBy.toISOString(),
        recipients: recipients.map(({ id, name, role }) => ({ id, name, role })),
      };
      const text =
        `motcua: ${LATE_WARNING_LABELS_VI[risk.level]}. Hồ sơ ${d.code} (${procedure ?? 'thủ tục'}) hẹn trả ${vnTime(risk.dueAt.toISOString())}. ` +
        (risk.level === 'apology-due'
          ? `Nếu không kịp, gửi thư xin lỗi và hẹn lại trước ${vnTime(risk.apologyBy.toISOString())}.`
          : 'Hãy giải quyết ngay hoặc gửi thư xin lỗi, hẹn lại và giải trình với lãnh đạo.');
      await appendEvents(
        db,
        id,
        events,
        [event],
        now,
        {},
        {
          audit: {
            at: now,
            actorId: null,
            action: 'dossier.warned',
            entity: 'dossier',
            entityId: id,
            data: { level: risk.level, recipients: recipients.map((r) => r.id) },
          },
        },
      );
      const messages = recipients
        .filter((r) => r.phone || r.email)
        .map((r) => ({
          createdAt: now,
          topic: `staff.${risk.level}`,
          dossierId: id,
          recipient: { name: r.name, phone: r.phone, email: r.email },
          message: text,
          nextAttemptAt: now,
        }));
      if (messages.length > 0) await db.insert(outbox).values(messages);
      return true;
    });
    if (done) warned++;
  }
  return warned;
}
