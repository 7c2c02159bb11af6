import type { WorkingCalendar } from './calendar';
import {
  dayToIso,
  localDayOf,
  localMinuteOf,
  MINUTES_PER_WORKING_DAY,
  minuteToHhmm,
  toLocalIso,
} from './local';
import type { DayInfo, Duration, Timeliness } from './schemas';

/**
 * On time, early, late (calendar.md §5): late if processing ended after the due instant; early if
 * not late and it ended on an earlier local date; on time otherwise. An unfinished dossier past its
 * due instant is overdue; one not yet due has no class.
 */
export function timeliness(due: Date, end: Date | null, now: Date): Timeliness | null {
  if (end === null) return now.getTime() > due.getTime() ? 'overdue' : null;
  if (end.getTime() > due.getTime()) return 'late';
  return localDayOf(end) < localDayOf(due) ? 'early' : 'on-time';
}

/**
 * The due instant after a supplement (or financial obligation) is met (calendar.md §4): `restart`
 * counts the full legal time again from the resume instant (the law's default); `pause` carries the
 * working time that remained when the clock stopped.
 */
export function resumedDue(
  cal: WorkingCalendar,
  mode: 'restart' | 'pause',
  resumeAt: Date,
  legalTime: Duration,
  remainingMinutes: number,
): Date {
  if (mode === 'restart') return cal.dueAt(resumeAt, legalTime);
  return cal.addWorkingMinutes(resumeAt, Math.max(0, remainingMinutes));
}

/** An extension the procedure's law allows: the working time added to the current due instant. */
export function extendedDue(cal: WorkingCalendar, due: Date, extra: Duration): Date {
  if (extra.unit === 'calendar-days') return cal.dueAt(due, extra);
  const minutes = extra.unit === 'working-days' ? extra.amount * MINUTES_PER_WORKING_DAY : extra.amount * 60;
  return cal.addWorkingMinutes(due, minutes);
}

export interface DueExplanation {
  acceptedAt: string;
  dueAt: string;
  duration: Duration;
  /** Working sessions counted, in order. */
  counted: { date: string; from: string; to: string; minutes: number }[];
  /** Non-working days between acceptance and due, with why. */
  skipped: DayInfo[];
  summary: string;
}

const REASON_VI: Record<NonNullable<DayInfo['reason']>, string> = {
  weekend: 'ngày nghỉ cuối tuần',
  holiday: 'ngày nghỉ lễ, tết',
  compensatory: 'ngày nghỉ bù',
  official: 'ngày nghỉ theo lịch chính thức',
  'make-up': 'ngày làm bù',
};

function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A period in calendar days whose last day is not a working day ends on the next working day (Civil Code art. 148). */
function movedText(last: DayInfo): string {
  const why = last.reason === 'weekend' ? 'ngày nghỉ cuối tuần' : (last.name ?? REASON_VI[last.reason!]);
  return ` Ngày cuối của thời hạn, ${vnDate(last.date)}, là ${why} nên hẹn trả chuyển sang ngày làm việc tiếp theo.`;
}

/** Why a due date is what it is: the sessions counted and the days skipped ("why the 16th?"). */
export function explainDue(cal: WorkingCalendar, acceptedAt: Date, d: Duration): DueExplanation {
  const due = cal.dueAt(acceptedAt, d);
  const counted: DueExplanation['counted'] = [];
  const skipped: DayInfo[] = [];
  const firstDay = localDayOf(acceptedAt);
  const lastDay = localDayOf(due);
  if (d.unit !== 'calendar-days') {
    for (let day = firstDay; day <= lastDay; day++) {
      if (!cal.days.isWorking(day)) continue;
      for (const s of cal.sessions) {
        const from = Math.max(s.start, day === firstDay ? localMinuteOf(acceptedAt) : 0);
        const to = Math.min(s.end, day === lastDay ? localMinuteOf(due) : 24 * 60);
        if (to > from)
          counted.push({
            date: dayToIso(day),
            from: minuteToHhmm(from),
            to: minuteToHhmm(to),
            minutes: to - from,
          });
      }
    }
  }
  // Calendar days count every day: nothing is skipped, but a last day that is not a working day moves the end
  // to the next working day (Civil Code art. 148), and the explanation says so.
  const nominalLast = d.unit === 'calendar-days' ? firstDay + Math.ceil(d.amount) : lastDay;
  if (d.unit !== 'calendar-days') {
    for (let day = firstDay; day < lastDay; day++) {
      if (!cal.days.isWorking(day)) skipped.push(cal.days.classify(day));
    }
  }
  const dueIso = toLocalIso(due);
  const label =
    d.unit === 'calendar-days'
      ? `${d.amount} ngày (tính cả ngày nghỉ, bắt đầu từ ngày hôm sau)`
      : d.unit === 'working-hours'
        ? `${d.amount} giờ làm việc`
        : d.amount === 0
          ? `trong ngày (nhận đến ${d.cutoff ?? minuteToHhmm(cal.cutoff)} trả trong ngày, sau giờ đó trả vào ngày làm việc tiếp theo${d.cutoff ? ' — giờ chốt riêng của thủ tục' : ''})`
          : `${d.amount} ngày làm việc (${d.amount * 8} giờ làm việc)`;
  const holidays = skipped.filter((s) => s.reason !== 'weekend');
  const opening = d.unit === 'calendar-days' ? acceptedAt : cal.nextOpening(acceptedAt);
  const startText =
    opening.getTime() === acceptedAt.getTime()
      ? `tính từ ${minuteToHhmm(localMinuteOf(acceptedAt))} ngày ${vnDate(dayToIso(firstDay))}`
      : `tiếp nhận ${minuteToHhmm(localMinuteOf(acceptedAt))} ngày ${vnDate(dayToIso(firstDay))} ngoài giờ làm việc nên bắt đầu tính từ ${minuteToHhmm(localMinuteOf(opening))} ngày ${vnDate(dayToIso(localDayOf(opening)))}`;
  const summary =
    `Thời hạn ${label}, ${startText}` +
    `; hẹn trả ${dueIso.slice(11, 16)} ngày ${vnDate(dueIso.slice(0, 10))}.` +
    (skipped.length > 0
      ? ` Không tính ${skipped.length} ngày nghỉ` +
        (holidays.length > 0
          ? `, trong đó ${holidays.map((h) => `${vnDate(h.date)} (${h.name ?? REASON_VI[h.reason!]})`).join(', ')}`
          : ' cuối tuần') +
        '.'
      : '') +
    (nominalLast !== lastDay ? movedText(cal.days.classify(nominalLast)) : '');
  return { acceptedAt: toLocalIso(acceptedAt), dueAt: dueIso, duration: d, counted, skipped, summary };
}
