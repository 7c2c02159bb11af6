import { randomInt } from 'node:crypto';
import { and, eq, gte, lte } from 'drizzle-orm';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../domain/agency/agency';
import { isoToDay, toLocalIso } from '../../../domain/calendar';
import { instantOf } from '../../../domain/calendar/local';
import { decideBooking } from '../../../domain/queue/bookings';
import { BOOKING_CODE_ALPHABET, normalizeBookingCode, slotsForDay } from '../../../domain/queue/queue';
import type { Db } from '../../db/database';
import { queueCounters, queueSlotCounts } from '../../db/schema';
import { errors } from '../../errors';
import { localDate } from '../../time';
import type { CalendarService } from '../calendar/calendar.service';
import { type Agency, type Booking, fieldByCode, refused } from './shared';
import * as store from './store';

/** Appointments: the slots a desk offers, booking one, finding and cancelling a booking by its code. */

const hhmm = (s: string) => {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const sessionsOf = (h: OfficeHours) => h.sessions.map((s) => ({ start: hhmm(s.start), end: hhmm(s.end) }));
/** The instant of local day `day` (YYYY-MM-DD) at `minute` after midnight (UTC+7). */
const instantAt = (day: string, minute: number) => instantOf(isoToDay(day), minute);

const MAX_DAYS_AHEAD = 30;

async function daySlots(db: Db, calendars: CalendarService, agency: Agency, fieldCode: string, day: string) {
  const cal = await calendars.days(db);
  const counters = await db.select().from(queueCounters).where(eq(queueCounters.agencyId, agency.id));
  const working = cal.isWorking(isoToDay(day));
  const slots = slotsForDay({
    working,
    fieldCode,
    agencySessions: sessionsOf(agency.officeHours ?? DEFAULT_OFFICE_HOURS),
    counters: counters.map((c) => ({
      fieldCodes: c.fieldCodes,
      appointmentCapacity: c.appointmentCapacity,
      sessions: c.hours ? sessionsOf(c.hours) : null,
      active: c.active,
    })),
  });
  return { working, slots };
}

export async function listSlots(
  db: Db,
  calendars: CalendarService,
  agency: Agency,
  now: Date,
  q: { field: string; from?: string | undefined; days: number },
) {
  const f = await fieldByCode(db, q.field);
  const today = localDate(now);
  const from = q.from && q.from > today ? q.from : today;
  const out = [];
  for (let i = 0; i < q.days; i++) {
    const day = new Date((isoToDay(from) + i) * 86_400_000).toISOString().slice(0, 10);
    if (isoToDay(day) - isoToDay(today) > MAX_DAYS_AHEAD) break;
    const { working, slots } = await daySlots(db, calendars, agency, f.code, day);
    const starts = slots.map((s) => instantAt(day, s.start));
    const counts = starts.length
      ? await db
          .select()
          .from(queueSlotCounts)
          .where(
            and(
              eq(queueSlotCounts.agencyId, agency.id),
              eq(queueSlotCounts.fieldCode, f.code),
              gte(queueSlotCounts.slotStart, starts[0]!),
              lte(queueSlotCounts.slotStart, starts[starts.length - 1]!),
            ),
          )
      : [];
    const booked = new Map(counts.map((c) => [c.slotStart.getTime(), c.booked]));
    out.push({
      day,
      working,
      slots: slots
        .map((s, k) => ({ s, at: starts[k]! }))
        .filter(({ at }) => at.getTime() > now.getTime())
        .map(({ s, at }) => ({
          start: toLocalIso(at),
          end: toLocalIso(instantAt(day, s.end)),
          capacity: s.capacity,
          left: Math.max(0, s.capacity - (booked.get(at.getTime()) ?? 0)),
        })),
    });
  }
  return {
    agency: { code: agency.code, name: agency.name },
    field: { code: f.code, name: f.name },
    days: out,
  };
}

function bookingCode(): string {
  let s = 'LH-';
  for (let i = 0; i < 8; i++) s += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return s;
}

/**
 * Books a slot: the slot must be one the desk offers that day (working day, counters' hours and
 * capacity) and in the future; the slot's count is raised in one conditional upsert, so concurrent
 * bookings can never exceed its capacity.
 */
export async function book(
  db: Db,
  calendars: CalendarService,
  agency: Agency,
  now: Date,
  userId: string | null,
  input: { fieldCode: string; slotStart: string; name: string; phone: string },
): Promise<Booking> {
  const f = await fieldByCode(db, input.fieldCode);
  const start = new Date(input.slotStart);
  const day = localDate(start);
  if (start.getTime() <= now.getTime())
    throw errors.conflict('SLOT_PAST', 'Khung giờ này đã qua; chọn khung giờ khác.');
  if (isoToDay(day) - isoToDay(localDate(now)) > MAX_DAYS_AHEAD) {
    throw errors.invalid('SLOT_TOO_FAR', `Chỉ đặt lịch trước tối đa ${MAX_DAYS_AHEAD} ngày.`);
  }
  const { working, slots } = await daySlots(db, calendars, agency, f.code, day);
  if (!working)
    throw errors.conflict('DAY_OFF', 'Ngày này cơ quan không làm việc (ngày nghỉ, lễ, Tết); chọn ngày khác.');
  const slot = slots.find((s) => instantAt(day, s.start).getTime() === start.getTime());
  if (!slot)
    throw errors.conflict(
      'NO_SUCH_SLOT',
      'Cơ quan không nhận lịch hẹn lĩnh vực này vào giờ đó; chọn một khung giờ trong danh sách.',
    );
  const counted = await store.countSlot(db, {
    agencyId: agency.id,
    fieldCode: f.code,
    start,
    capacity: slot.capacity,
  });
  if (!counted) throw errors.conflict('SLOT_FULL', 'Khung giờ này vừa hết chỗ; chọn khung giờ khác.');
  return store.insertBooking(db, {
    code: bookingCode(),
    agencyId: agency.id,
    fieldCode: f.code,
    day,
    slotStart: start,
    slotEnd: instantAt(day, slot.end),
    userId,
    name: input.name,
    phone: input.phone,
    createdAt: now,
  });
}

export async function bookingByCode(db: Db, raw: string, lock = false): Promise<Booking> {
  const code = normalizeBookingCode(raw);
  const b = await store.findBooking(db, code ?? '', lock);
  if (!b) throw errors.notFound(`lịch hẹn ${raw}`);
  return b;
}

export async function cancelBooking(db: Db, now: Date, raw: string): Promise<Booking> {
  const b = await bookingByCode(db, raw, true);
  const d = decideBooking(b, 'cancel', localDate(now));
  if (!d.ok) throw refused(d.refusal);
  if (!d.changed) return b;
  await store.releaseSlot(db, b);
  return store.updateBooking(db, b.id, { status: d.to, cancelledAt: now });
}
