import { MINUTES_PER_WORKING_DAY } from './local';

/**
 * Time as Vietnamese sentences say it. Every instant is written in Vietnam time (UTC+7, no daylight saving),
 * whatever zone the reader's device is set to; no raw ISO text ever reaches a sentence.
 */

const OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "26/11/2026" from "2026-11-26" (or from the date part of a local ISO instant "2026-11-26T09:00:00+07:00"). */
export function viDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "09:00 ngày 26/11/2026": an instant in Vietnam time, to the minute (seconds dropped, never rounded up). */
export function viDateTime(instant: Date | string): string {
  const t = new Date(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
  const v = new Date(t.getTime() + OFFSET_MS);
  return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())} ngày ${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/**
 * A working duration as "2 ngày 7 giờ 30 phút": rounded to the whole minute first, then split into working days
 * (MINUTES_PER_WORKING_DAY each), hours and minutes, so minutes stay 0–59 and hours below a working day's
 * (never "7 giờ 60 phút"). Parts that are zero are left out; a zero duration is "0 phút".
 */
export function workingDurationText(minutes: number, perDay = MINUTES_PER_WORKING_DAY): string {
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / perDay);
  const hours = Math.floor((total % perDay) / 60);
  const mins = (total % perDay) % 60;
  const parts = [
    days ? `${days} ngày` : '',
    hours ? `${hours} giờ` : '',
    mins || total === 0 ? `${mins} phút` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
