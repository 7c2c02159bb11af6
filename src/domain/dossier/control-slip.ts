import type { WorkingCalendar } from '../calendar';
import type { DossierEvent } from './events';
import { RECEPTION_STEP, replay } from './state';
import type { Workflow } from './workflow';

/** One hand-over on the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ). */
export interface HandOver {
  /** Who gave the dossier (officer and the step they held). */
  from: { name: string; step: string };
  /** Who received it (a step and its agency, or the applicant for the last row). */
  to: { step: string; agencyId: string | null; assignee: string | null };
  at: string;
  /** The giving step's result against its time quota: early, on time or late. */
  result: 'early' | 'on-time' | 'late' | null;
  note: string | null;
}

const STEP_NAMES: Record<string, string> = {
  [RECEPTION_STEP]: 'Bộ phận tiếp nhận và trả kết quả',
  'tra-ket-qua': 'Bộ phận tiếp nhận và trả kết quả',
  applicant: 'Tổ chức, cá nhân nhận kết quả',
};

/**
 * Each step's own deadline: the acceptance instant plus its cumulative share (the workflow's quotas) of the
 * working time from acceptance to the due instant. That time, not the procedure's nominal days, is shared: a
 * same-day procedure ("Trong ngày", 0 days) has the rest of the day, a calendar-day limit its working minutes,
 * an hour-based one its hours. Reception's deadline is the first step's start; the last step's is the due.
 */
export function stepDeadlines(
  cal: WorkingCalendar,
  acceptedAt: Date,
  dueAt: Date,
  workflow: Workflow,
): Map<string, Date> {
  const legalMinutes = cal.elapsedMinutes(acceptedAt, dueAt);
  const out = new Map<string, Date>();
  const receptionShare = Math.max(0, 100 - workflow.steps.reduce((n, s) => n + s.quotaPercent, 0));
  let cumulative = receptionShare / 2; // the desk's share is split between reception and return
  out.set(RECEPTION_STEP, cal.addWorkingMinutes(acceptedAt, Math.round((legalMinutes * cumulative) / 100)));
  for (const s of workflow.steps) {
    cumulative += s.quotaPercent;
    out.set(s.key, cal.addWorkingMinutes(acceptedAt, Math.round((legalMinutes * cumulative) / 100)));
  }
  out.set('tra-ket-qua', dueAt);
  return out;
}

function classify(at: Date, deadline: Date | undefined, localDay: (d: Date) => number): HandOver['result'] {
  if (!deadline) return null;
  if (at.getTime() > deadline.getTime()) return 'late';
  return localDay(at) < localDay(deadline) ? 'early' : 'on-time';
}

/**
 * The hand-over chain of a dossier, from its events: every routing (forward or back), the result
 * going back to the desk, and the applicant receiving it. Names of steps come from the workflow.
 */
export function controlSlip(
  events: readonly DossierEvent[],
  cal: WorkingCalendar,
  localDay: (d: Date) => number,
): { rows: HandOver[]; stepName: (key: string) => string } {
  const accepted = events.find((e) => e.type === 'accepted');
  const workflow = accepted?.type === 'accepted' ? accepted.workflow : null;
  const stepName = (key: string) =>
    workflow?.steps.find((s) => s.key === key)?.name ?? STEP_NAMES[key] ?? key;
  if (accepted?.type !== 'accepted' || !workflow) return { rows: [], stepName };
  const deadlines = stepDeadlines(cal, new Date(accepted.at), new Date(accepted.dueAt), workflow);
  // The applicant's row is judged against the legal due instant in force (after supplements, extensions).
  const finalDue = new Date(replay(events).dueAt ?? accepted.dueAt);
  const rows: HandOver[] = [];
  let step = RECEPTION_STEP;
  let holder = accepted.actor?.name ?? '';
  for (const e of events) {
    const at = new Date(e.at);
    if (e.type === 'routed') {
      rows.push({
        from: { name: e.actor?.name ?? holder, step },
        to: { step: e.step, agencyId: e.agencyId, assignee: null },
        at: e.at,
        result: e.back ? null : classify(at, deadlines.get(step), localDay),
        note: e.note,
      });
      step = e.step;
    } else if (e.type === 'claimed' && rows.length > 0) {
      holder = e.actor?.name ?? holder;
      const last = rows[rows.length - 1]!;
      if (last.to.assignee === null) last.to.assignee = e.actor?.name ?? null;
    } else if (e.type === 'result-ready') {
      rows.push({
        from: { name: e.actor?.name ?? holder, step },
        to: { step: 'tra-ket-qua', agencyId: null, assignee: null },
        at: e.at,
        result: classify(at, deadlines.get(step), localDay),
        note: null,
      });
      step = 'tra-ket-qua';
    } else if (e.type === 'returned') {
      rows.push({
        from: { name: e.actor?.name ?? holder, step },
        to: { step: 'applicant', agencyId: null, assignee: e.receiver },
        at: e.at,
        result: classify(at, finalDue, localDay),
        note: e.earlyNotice,
      });
    }
  }
  return { rows, stepName };
}
