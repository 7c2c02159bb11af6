import type { WorkingCalendar } from '../calendar';
import type { DossierEvent } from './events';
import { IN_PROCESSING, MINUTES_PER_WORKING_DAY, statusIn } from './lifecycle';
import type { DossierState } from './state';

/** One working day, in working minutes. */
const WORKING_DAY = MINUTES_PER_WORKING_DAY;

/**
 * How late a dossier risks being (Decree 61/2018 art. 12(4); Decree 118/2025): a dossier that will miss
 * its due date needs the apology with a new appointment no later than 1 working day before the due
 * instant. Warnings go out a working day before that limit ('apology-due'), and again once the limit is
 * passed without an apology ('apology-late').
 */
export type LateWarningLevel = 'apology-due' | 'apology-late';
export const LATE_WARNING_LABELS_VI: Record<LateWarningLevel, string> = {
  'apology-due': 'Sắp đến hạn phải xin lỗi, hẹn lại nếu hồ sơ sẽ trễ',
  'apology-late': 'Đã quá hạn gửi thư xin lỗi, hẹn lại',
};

export interface LateRisk {
  level: LateWarningLevel;
  dueAt: Date;
  /** The last instant for a timely apology: 1 working day before the due instant. */
  apologyBy: Date;
  /** Working minutes left until the due instant (negative once past it). */
  remainingMinutes: number;
}

/**
 * How long before the due instant the apology must go out: the law's 1 working day — or, when the whole time
 * from acceptance to the due instant is under 2 working days (same-day and hour-based procedures), half of that
 * time: an apology cannot be due before the dossier was even received (issue 25).
 */
export function apologyLead(windowMinutes: number): number {
  return Math.min(WORKING_DAY, Math.floor(windowMinutes / 2));
}

/**
 * How long before the apology limit the officers are warned: 1 working day, but never in the first half of the
 * time between acceptance and that limit (a 2-day dossier was warned the minute it was accepted).
 */
export function warningLead(windowMinutes: number): number {
  return Math.min(WORKING_DAY, Math.floor((windowMinutes - apologyLead(windowMinutes)) / 2));
}

/**
 * Whether the officers holding a dossier must be warned now: its clock runs (received or in
 * processing), no apology has been issued, and the apology limit is at most `warningLead` away. The window is
 * the working time from acceptance to the due instant (4 working days when unknown: the law's leads).
 */
export function lateRisk(
  s: Pick<DossierState, 'status' | 'dueAt' | 'apologized'> & { acceptedAt?: string | null },
  cal: WorkingCalendar,
  now: Date,
): LateRisk | null {
  if (!s.dueAt || s.apologized || !statusIn(IN_PROCESSING, s.status)) return null;
  const dueAt = new Date(s.dueAt);
  const window = s.acceptedAt ? cal.elapsedMinutes(new Date(s.acceptedAt), dueAt) : 4 * WORKING_DAY;
  const lead = apologyLead(window);
  const remainingMinutes = cal.remainingMinutes(dueAt, now);
  if (remainingMinutes > lead + warningLead(window)) return null;
  return {
    level: remainingMinutes > lead ? 'apology-due' : 'apology-late',
    dueAt,
    apologyBy: cal.subtractWorkingMinutes(dueAt, lead),
    remainingMinutes,
  };
}

/** Whether this level of warning was already sent for the current due instant (each goes out once). */
export function alreadyWarned(events: readonly DossierEvent[], risk: LateRisk): boolean {
  return events.some(
    (e) =>
      e.type === 'warned' && e.level === risk.level && new Date(e.dueAt).getTime() === risk.dueAt.getTime(),
  );
}
