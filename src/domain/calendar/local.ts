/**
 * Legal time is local time in Asia/Ho_Chi_Minh: UTC+7, no daylight saving. Arithmetic is done on
 * "local milliseconds" (UTC + 7 h) so the machine's own time zone never matters.
 */
export const OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
/** The law's working day: 8 working hours (calendar.md §3). */
export const MINUTES_PER_WORKING_DAY = 480;

/** Days since 1970-01-01 of the local date of an instant. */
export function localDayOf(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** Minutes since local midnight of an instant (may be fractional). */
export function localMinuteOf(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return ((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
}

/** The instant of local day `day` at `minute` minutes after local midnight. */
export function instantOf(day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * 60_000 - OFFSET_MS);
}

/** YYYY-MM-DD of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a YYYY-MM-DD date. */
export function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** "2026-11-25T09:00:00+07:00": how legal instants are written in the API. */
export function toLocalIso(instant: Date): string {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: Date | number): string {
  return dayToIso(localDayOf(instant));
}

/**
 * The instant of local midnight starting a YYYY-MM-DD date, like `new Date(`${isoDate}T00:00:00+07:00`)`
 * (an impossible date rolls over, a malformed one gives an invalid Date rather than throwing).
 */
export function localMidnight(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - OFFSET_MS);
}

/** "HH:MM" → minutes after midnight. */
export function hhmmToMinute(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function minuteToHhmm(minute: number): string {
  // Seconds are dropped, as a clock shows them: rounding up made "tính từ 09:01 … hẹn trả 09:00" of 09:00:40.
  const m = Math.floor(minute);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
