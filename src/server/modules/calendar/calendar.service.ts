import { eq } from 'drizzle-orm';
import { HolidayCalendar, type OfficialSchedule, WorkingCalendar } from '../../../domain/calendar';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../domain/agency/agency';
import type { Database, Db } from '../../db/database';
import { agencies, auditLog, officialSchedules } from '../../db/schema';
import { errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';

/**
 * The server's working calendar: statutory holidays plus the official schedules stored in the
 * database, built once (≈35 ms) and rebuilt when a schedule changes; one WorkingCalendar per set of
 * office hours.
 */
export class CalendarService {
  #days: HolidayCalendar | null = null;
  #byHours = new Map<string, WorkingCalendar>();

  constructor(readonly database: Database) {}

  /** `db`: the caller's open transaction, if any (PGlite serves one caller at a time). */
  async days(db?: Db): Promise<HolidayCalendar> {
    if (!this.#days) {
      const load = (h: Db) => h.select().from(officialSchedules);
      const rows = db ? await load(db) : await this.database.read(load);
      this.#days = new HolidayCalendar({ schedules: rows.map(toSchedule) });
      this.#byHours.clear();
    }
    return this.#days;
  }

  /** Forget the cached calendar (after a schedule change). */
  invalidate(): void {
    this.#days = null;
    this.#byHours.clear();
  }

  async forOfficeHours(hours: OfficeHours = DEFAULT_OFFICE_HOURS, db?: Db): Promise<WorkingCalendar> {
    const days = await this.days(db);
    const key = JSON.stringify([hours.sessions, hours.sameDayCutoff ?? null]);
    let c = this.#byHours.get(key);
    if (!c) {
      c = new WorkingCalendar(days, hours);
      this.#byHours.set(key, c);
    }
    return c;
  }

  /** The calendar of an agency (its office hours), by its identifier code; default hours without one. */
  async forAgencyCode(code: string | undefined): Promise<WorkingCalendar> {
    if (!code) return this.forOfficeHours();
    const a = (
      await this.database.read((db) => db.select().from(agencies).where(eq(agencies.code, code)))
    )[0];
    if (!a) throw errors.notFound(`cơ quan có mã định danh ${code}`);
    return this.forOfficeHours(a.officeHours);
  }
}

function toSchedule(r: typeof officialSchedules.$inferSelect): OfficialSchedule {
  return { year: r.year, decision: r.decision, daysOff: r.daysOff, workingDays: r.workingDays };
}

export async function listSchedules(db: Db): Promise<OfficialSchedule[]> {
  const rows = await db.select().from(officialSchedules);
  return rows.map(toSchedule).sort((a, b) => b.year - a.year);
}

export async function putSchedule(
  db: Db,
  actor: AuthUser,
  now: Date,
  s: OfficialSchedule,
): Promise<OfficialSchedule> {
  const values = {
    year: s.year,
    decision: s.decision,
    daysOff: [...new Set(s.daysOff)].sort(),
    workingDays: [...new Set(s.workingDays)].sort(),
    updatedAt: now,
    updatedBy: actor.id,
  };
  await db
    .insert(officialSchedules)
    .values(values)
    .onConflictDoUpdate({ target: officialSchedules.year, set: values });
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'calendar.official_schedule_set',
    entity: 'calendar',
    entityId: String(s.year),
    data: values,
  });
  return toSchedule({ ...values, updatedBy: actor.id });
}

export async function deleteSchedule(db: Db, actor: AuthUser, now: Date, year: number): Promise<boolean> {
  const r = await db.delete(officialSchedules).where(eq(officialSchedules.year, year)).returning();
  if (r.length > 0) {
    await db.insert(auditLog).values({
      at: now,
      actorId: actor.id,
      action: 'calendar.official_schedule_removed',
      entity: 'calendar',
      entityId: String(year),
    });
  }
  return r.length > 0;
}
