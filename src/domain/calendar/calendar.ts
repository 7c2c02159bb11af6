import { placeRule, STATUTORY_HOLIDAYS, type StatutoryHoliday } from './holidays';
import {
  dayOf,
  dayToIso,
  hhmmToMinute,
  instantOf,
  isoToDay,
  localDayOf,
  localMinuteOf,
  MINUTES_PER_WORKING_DAY,
  weekdayOf,
  yearOf,
} from './local';
import type { DayInfo, DayReason, Duration, OfficeHours, OfficialSchedule } from './schemas';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
export { MINUTES_PER_WORKING_DAY };

interface DayEntry {
  working: boolean;
  reason: DayReason;
  name: string | null;
}

/**
 * Which days are working days: weekends, statutory holidays with their default placement and
 * compensatory days, or — for a year with an official schedule — that schedule instead. Built once
 * for 2000–2100 and queried in O(1); the working-day index makes "the n-th working day after" O(1).
 */
export class HolidayCalendar {
  readonly #base = dayOf(FIRST_YEAR, 1, 1);
  readonly #entries: DayEntry[];
  /** #before[i]: number of working days strictly before day base+i. */
  readonly #before: Int32Array;
  /** The working days, in order. */
  readonly #working: Int32Array;
  readonly schedules: ReadonlyMap<number, OfficialSchedule>;

  constructor(
    opts: { holidays?: readonly StatutoryHoliday[]; schedules?: readonly OfficialSchedule[] } = {},
  ) {
    const holidays = opts.holidays ?? STATUTORY_HOLIDAYS;
    this.schedules = new Map((opts.schedules ?? []).map((s) => [s.year, s]));
    const end = dayOf(LAST_YEAR + 1, 1, 1);
    const n = end - this.#base;
    const statutory = new Map<number, string>();
    for (let y = FIRST_YEAR - 1; y <= LAST_YEAR; y++) {
      for (const h of holidays) {
        for (const d of placeRule(h.rule, y)) {
          const iso = dayToIso(d);
          if (iso >= h.effectiveFrom && (h.effectiveTo === null || iso <= h.effectiveTo))
            statutory.set(d, h.name);
        }
      }
    }
    // Compensatory days: each statutory day on a weekend gives the next weekday that is neither a
    // holiday nor already compensatory, taken in date order.
    const compensatory = new Map<number, string>();
    for (const d of [...statutory.keys()].sort((a, b) => a - b)) {
      const wd = weekdayOf(d);
      if (wd !== 0 && wd !== 6) continue;
      let c = d + 1;
      while (weekdayOf(c) === 0 || weekdayOf(c) === 6 || statutory.has(c) || compensatory.has(c)) c++;
      compensatory.set(c, `Nghỉ bù ${statutory.get(d)}`);
    }
    this.#entries = new Array(n);
    for (let i = 0; i < n; i++) {
      const d = this.#base + i;
      const wd = weekdayOf(d);
      const weekend = wd === 0 || wd === 6;
      const official = this.schedules.get(yearOf(d));
      if (official) {
        const iso = dayToIso(d);
        if (official.daysOff.includes(iso)) {
          this.#entries[i] = {
            working: false,
            reason: 'official',
            name: statutory.get(d) ?? `Nghỉ theo ${official.decision}`,
          };
        } else if (official.workingDays.includes(iso)) {
          this.#entries[i] = {
            working: true,
            reason: weekend ? 'make-up' : null,
            name: weekend ? `Làm bù theo ${official.decision}` : null,
          };
        } else {
          this.#entries[i] = { working: !weekend, reason: weekend ? 'weekend' : null, name: null };
        }
        continue;
      }
      const h = statutory.get(d);
      const c = compensatory.get(d);
      if (h) this.#entries[i] = { working: false, reason: 'holiday', name: h };
      else if (c) this.#entries[i] = { working: false, reason: 'compensatory', name: c };
      else this.#entries[i] = { working: !weekend, reason: weekend ? 'weekend' : null, name: null };
    }
    this.#before = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      this.#before[i + 1] = this.#before[i]! + (this.#entries[i]!.working ? 1 : 0);
      if (this.#entries[i]!.working) list.push(this.#base + i);
    }
    this.#working = Int32Array.from(list);
  }

  #index(day: number): number {
    const i = day - this.#base;
    if (i < 0 || i >= this.#entries.length) {
      throw new RangeError(`date ${dayToIso(day)} is outside ${FIRST_YEAR}–${LAST_YEAR}`);
    }
    return i;
  }

  isWorking(day: number): boolean {
    return this.#entries[this.#index(day)]!.working;
  }

  classify(day: number): DayInfo {
    const e = this.#entries[this.#index(day)]!;
    return { date: dayToIso(day), working: e.working, reason: e.reason, name: e.name };
  }

  /** Working days in [from, to) (day numbers). */
  workingDaysBetween(from: number, to: number): number {
    if (to <= from) return 0;
    return this.#before[this.#index(to - 1) + 1]! - this.#before[this.#index(from)]!;
  }

  /** The k-th working day (k ≥ 1) strictly after `day`. */
  nthWorkingDayAfter(day: number, k: number): number {
    const pos = this.#before[this.#index(day) + 1]! + k - 1;
    const d = this.#working[pos];
    if (d === undefined)
      throw new RangeError(`no working day ${k} after ${dayToIso(day)} before ${LAST_YEAR + 1}`);
    return d;
  }
}

interface Session {
  start: number; // minutes after local midnight
  end: number;
}

/** A HolidayCalendar with an agency's office-hour sessions and same-day cut-off. */
export class WorkingCalendar {
  readonly sessions: readonly Session[];
  /** Minutes of sessions in one working day (480 with the default hours). */
  readonly dayMinutes: number;
  readonly cutoff: number;

  constructor(
    readonly days: HolidayCalendar,
    officeHours: OfficeHours = {
      sessions: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    },
    sameDayCutoff = officeHours.sameDayCutoff ?? '15:00',
  ) {
    this.sessions = officeHours.sessions.map((s) => ({
      start: hhmmToMinute(s.start),
      end: hhmmToMinute(s.end),
    }));
    this.dayMinutes = this.sessions.reduce((a, s) => a + s.end - s.start, 0);
    this.cutoff = hhmmToMinute(sameDayCutoff);
  }

  get closing(): number {
    return this.sessions[this.sessions.length - 1]!.end;
  }

  /** Working minutes on `day` after local minute `from` (0 if not a working day). */
  minutesLeftOn(day: number, from: number): number {
    if (!this.days.isWorking(day)) return 0;
    let m = 0;
    for (const s of this.sessions) if (s.end > from) m += s.end - Math.max(s.start, from);
    return m;
  }

  /** The instant `minutes` working minutes after `start` (the earliest such instant). */
  addWorkingMinutes(start: Date, minutes: number): Date {
    let day = localDayOf(start);
    const from = localMinuteOf(start);
    let rem = minutes;
    if (rem <= 0) return start;
    if (this.days.isWorking(day)) {
      for (const s of this.sessions) {
        if (s.end <= from) continue;
        const begin = Math.max(s.start, from);
        const avail = s.end - begin;
        if (rem <= avail) return instantOf(day, begin + rem);
        rem -= avail;
      }
    }
    const full = Math.floor(rem / this.dayMinutes);
    let rest = rem - full * this.dayMinutes;
    if (rest < 1e-9) {
      // Ends exactly at the close of the full-th working day.
      return instantOf(this.days.nthWorkingDayAfter(day, full), this.closing);
    }
    day = this.days.nthWorkingDayAfter(day, full + 1);
    for (const s of this.sessions) {
      const len = s.end - s.start;
      if (rest <= len) return instantOf(day, s.start + rest);
      rest -= len;
    }
    throw new Error('unreachable');
  }

  /** The latest instant `minutes` working minutes before `end` (e.g. "1 working day before the due date"). */
  subtractWorkingMinutes(end: Date, minutes: number): Date {
    if (minutes <= 0) return end;
    let day = localDayOf(end);
    let to = localMinuteOf(end);
    let rem = minutes;
    // Bounded: no stretch of non-working days is longer than a few weeks.
    for (let guard = 0; guard < 3660; guard++) {
      if (this.days.isWorking(day)) {
        for (let i = this.sessions.length - 1; i >= 0; i--) {
          const s = this.sessions[i]!;
          if (s.start >= to) continue;
          const stop = Math.min(s.end, to);
          if (rem <= stop - s.start) return instantOf(day, stop - rem);
          rem -= stop - s.start;
        }
      }
      day -= 1;
      to = 24 * 60;
    }
    throw new Error('no working time before this instant');
  }

  /** Working minutes elapsed between two instants (0 if `to` ≤ `from`). */
  elapsedMinutes(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const d1 = localDayOf(from);
    const d2 = localDayOf(to);
    const m1 = localMinuteOf(from);
    const m2 = localMinuteOf(to);
    if (d1 === d2) return this.minutesLeftOn(d1, m1) - this.minutesLeftOn(d1, m2);
    return (
      this.minutesLeftOn(d1, m1) +
      this.days.workingDaysBetween(d1 + 1, d2) * this.dayMinutes +
      (this.minutesLeftOn(d2, 0) - this.minutesLeftOn(d2, m2))
    );
  }

  /** Working minutes left until `due` at `now` (negative once past it). */
  remainingMinutes(due: Date, now: Date): number {
    return now.getTime() <= due.getTime() ? this.elapsedMinutes(now, due) : -this.elapsedMinutes(due, now);
  }

  /** The legal due instant of a time limit counted from the acceptance instant (calendar.md §3). */
  dueAt(acceptedAt: Date, d: Duration): Date {
    const day = localDayOf(acceptedAt);
    if (d.unit === 'calendar-days') {
      // Civil Code art. 147–148: starts the next day, ends at 24:00 of the last day, moved to the
      // next working day's end when that is not a working day. Shown as 23:59:59.
      let last = day + Math.ceil(d.amount);
      if (!this.days.isWorking(last)) last = this.days.nthWorkingDayAfter(last, 1);
      return new Date(instantOf(last, 24 * 60).getTime() - 1000);
    }
    if (d.unit === 'working-days' && d.amount === 0) {
      // Same day ("trong ngày"): by the close if accepted on a working day by the cut-off, else the next working day.
      const cutoff = d.cutoff === undefined ? this.cutoff : hhmmToMinute(d.cutoff);
      const sameDay = this.days.isWorking(day) && localMinuteOf(acceptedAt) <= cutoff;
      return instantOf(sameDay ? day : this.days.nthWorkingDayAfter(day, 1), this.closing);
    }
    const minutes = d.unit === 'working-days' ? d.amount * MINUTES_PER_WORKING_DAY : d.amount * 60;
    return this.addWorkingMinutes(acceptedAt, minutes);
  }

  /** The next instant at which the clock runs (the instant itself when inside a session). */
  nextOpening(at: Date): Date {
    const day = localDayOf(at);
    const m = localMinuteOf(at);
    if (this.days.isWorking(day)) {
      for (const s of this.sessions) {
        if (m < s.end) return m >= s.start ? at : instantOf(day, s.start);
      }
    }
    return instantOf(this.days.nthWorkingDayAfter(day, 1), this.sessions[0]!.start);
  }
}

export { isoToDay };
