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
  'apology-late': 'Đã quá hạn gửi thư xin lỗi, hẹn lại (trước 1 ngày làm việc)',
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
 * Whether the officers holding a dossier must be warned now: its clock runs (received or in
 * processing), no apology has been issued, and the apology limit is at most 1 working day away.
 */
export function lateRisk(
  s: Pick<DossierState, 'status' | 'dueAt' | 'apologized'>,
  cal: WorkingCalendar,
  now: Date,
): LateRisk | null {
  if (!s.dueAt || s.apologized || !statusIn(IN_PROCESSING, s.status)) return null;
  const dueAt = new Date(s.dueAt);
  const remainingMinutes = cal.remainingMinutes(dueAt, now);
  if (remainingMinutes > 2 * WORKING_DAY) return null;
  return {
    level: remainingMinutes > WORKING_DAY ? 'apology-due' : 'apology-late',
    dueAt,
    apologyBy: cal.subtractWorkingMinutes(dueAt, WORKING_DAY),
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
