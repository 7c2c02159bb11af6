import { getSolarDate } from '@dqcai/vn-lunar';
import { dayOf } from './local';

/**
 * Vietnamese lunar calendar (new moons computed for UTC+7), through @dqcai/vn-lunar. It differs from
 * the Chinese calendar in some years (Tết 1985, 2007, 2030), so a Chinese-calendar library is wrong here.
 */
export function lunarToSolarDay(lunarYear: number, lunarMonth: number, lunarDay: number): number {
  const s = getSolarDate(lunarDay, lunarMonth, lunarYear, false);
  if (!s?.year) throw new RangeError(`no solar date for lunar ${lunarDay}/${lunarMonth}/${lunarYear}`);
  return dayOf(s.year, s.month, s.day);
}

/** Day number of Tết (lunar 1/1) of the lunar year that starts in solar year `year`. */
export function tetDay(year: number): number {
  return lunarToSolarDay(year, 1, 1);
}
