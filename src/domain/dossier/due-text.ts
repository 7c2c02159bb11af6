import { viDateTime } from '../calendar/text';
import type { DossierEvent } from './events';

/**
 * Why a dossier's current due instant differs from the one its legal time gives from the clock's last start,
 * named from what actually happened (never a pause that did not): pauses carried over (supplement in "pause"
 * mode, a financial obligation), extensions, schedule changes. Only events after the clock's last full start
 * (`since`) count: an earlier pause was already folded into that start.
 */
export function dueChangeCauses(events: readonly DossierEvent[], since: Date): string[] {
  const after = events.filter((e) => new Date(e.at).getTime() >= since.getTime());
  const causes: string[] = [];
  const pausedForSupplement = after.some(
    (e) => e.type === 'supplement-requested' && e.mode === 'pause' && new Date(e.at) > since,
  );
  if (pausedForSupplement) causes.push('tạm dừng tính thời gian chờ bổ sung hồ sơ');
  if (after.some((e) => e.type === 'financial-requested'))
    causes.push('tạm dừng tính thời gian chờ thực hiện nghĩa vụ tài chính');
  if (after.some((e) => e.type === 'extended')) causes.push('gia hạn thời gian giải quyết');
  if (after.some((e) => e.type === 'retimed')) causes.push('thay đổi lịch làm việc');
  return causes;
}

/** The sentence added to a due-date explanation when the current due instant moved ("Ngày hẹn trả hiện tại…"). */
export function dueMovedSentence(events: readonly DossierEvent[], since: Date, dueAt: Date): string {
  const causes = dueChangeCauses(events, since);
  return (
    ` Ngày hẹn trả hiện tại là ${viDateTime(dueAt)}` +
    (causes.length > 0 ? ` do ${causes.join(', ')}` : '') +
    ' (xem quá trình xử lý).'
  );
}
