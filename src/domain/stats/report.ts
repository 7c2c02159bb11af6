import {
  type Delta,
  FLOW_METRICS,
  type FlowMetric,
  type PeriodFigure,
  STOCK_STATES,
  type StockState,
} from './classify';

/** Raw totals of a report cell: flows in the period, stocks at its start and at its end. */
export interface Totals {
  flows: Record<FlowMetric, number>;
  start: Record<StockState, number>;
  end: Record<StockState, number>;
}

export function emptyTotals(): Totals {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return { flows: zero(FLOW_METRICS), start: zero(STOCK_STATES), end: zero(STOCK_STATES) };
}

/** Adds one dossier's period figures (from `classifyForPeriod`) to totals. */
export function addFigures(t: Totals, figures: readonly PeriodFigure[]): Totals {
  for (const f of figures) {
    if (f.metric.startsWith('start_')) t.start[f.metric.slice(6) as StockState] += f.n;
    else if (f.metric.startsWith('end_')) t.end[f.metric.slice(4) as StockState] += f.n;
    else t.flows[f.metric as FlowMetric] += f.n;
  }
  return t;
}

export function addTotals(a: Totals, b: Totals): Totals {
  for (const k of FLOW_METRICS) a.flows[k] += b.flows[k];
  for (const k of STOCK_STATES) {
    a.start[k] += b.start[k];
    a.end[k] += b.end[k];
  }
  return a;
}

/** One line of the processing report (the layout of Vietnamese one-stop reports). */
export interface ProcessingFigures {
  /** Kỳ trước chuyển qua: accepted before the period, not ended before it. */
  carriedOver: number;
  receivedCounter: number;
  receivedOnline: number;
  receivedPostal: number;
  /** Mới tiếp nhận trong kỳ. */
  received: number;
  /** Tổng số hồ sơ phải giải quyết = carried over + received. */
  toHandle: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** Đã giải quyết: result ready, stopped or withdrawn after acceptance, in the period. */
  resolved: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  pausedInTime: number;
  pausedLate: number;
  /** Chờ bổ sung, thực hiện nghĩa vụ tài chính at the end of the period. */
  paused: number;
  /** Đang giải quyết at the end of the period (paused included). */
  inProgress: number;
  /** Từ chối tiếp nhận (at reception, never accepted). */
  refused: number;
  withdrawn: number;
  stopped: number;
  apologized: number;
  supplementRequested: number;
  finished: number;
  /** Average processing time of finished dossiers in days (waiting subtracted), or null. */
  averageDays: number | null;
  finishedEresult: number;
  /** (early + on time) ÷ resolved, or null when nothing was resolved. */
  onTimeRate: number | null;
  /** Decision 766 item 2.1's numerator: resolved early/on time + in progress within time + paused in time. */
  onTime766: number;
}

export function figures(t: Totals): ProcessingFigures {
  const f = t.flows;
  const carriedOver = STOCK_STATES.reduce((n, k) => n + t.start[k], 0);
  const received = f.received_counter + f.received_online + f.received_postal;
  const resolved = f.resolved_early + f.resolved_on_time + f.resolved_late;
  const paused = t.end.paused_in_time + t.end.paused_late;
  return {
    carriedOver,
    receivedCounter: f.received_counter,
    receivedOnline: f.received_online,
    receivedPostal: f.received_postal,
    received,
    toHandle: carriedOver + received,
    resolvedEarly: f.resolved_early,
    resolvedOnTime: f.resolved_on_time,
    resolvedLate: f.resolved_late,
    resolved,
    inProgressWithinTime: t.end.within,
    inProgressOverdue: t.end.overdue,
    pausedInTime: t.end.paused_in_time,
    pausedLate: t.end.paused_late,
    paused,
    inProgress: t.end.within + t.end.overdue + paused,
    refused: f.refused,
    withdrawn: f.withdrawn,
    stopped: f.stopped,
    apologized: f.apologized,
    supplementRequested: f.supplement_requested,
    finished: f.finished,
    averageDays: f.finished > 0 ? Math.round((f.finished_minutes / f.finished / 1440) * 100) / 100 : null,
    finishedEresult: f.finished_eresult,
    onTimeRate: resolved > 0 ? (f.resolved_early + f.resolved_on_time) / resolved : null,
    onTime766: f.resolved_early + f.resolved_on_time + t.end.within + t.end.paused_in_time,
  };
}

/** The report lines a number can be clicked on, and what the dossiers behind it are. */
export const CELLS = [
  'carriedOver',
  'received',
  'receivedCounter',
  'receivedOnline',
  'receivedPostal',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'inProgress',
  'inProgressWithinTime',
  'inProgressOverdue',
  'paused',
  'refused',
  'withdrawn',
  'stopped',
] as const;
export type Cell = (typeof CELLS)[number];

export const CELL_LABELS_VI: Record<Cell, string> = {
  carriedOver: 'Kỳ trước chuyển qua',
  received: 'Mới tiếp nhận trong kỳ',
  receivedCounter: 'Tiếp nhận trực tiếp',
  receivedOnline: 'Tiếp nhận trực tuyến',
  receivedPostal: 'Tiếp nhận qua bưu chính',
  resolved: 'Đã giải quyết',
  resolvedEarly: 'Giải quyết trước hạn',
  resolvedOnTime: 'Giải quyết đúng hạn',
  resolvedLate: 'Giải quyết quá hạn',
  inProgress: 'Đang giải quyết',
  inProgressWithinTime: 'Đang giải quyết trong hạn',
  inProgressOverdue: 'Đang giải quyết quá hạn',
  paused: 'Chờ bổ sung, thực hiện nghĩa vụ tài chính',
  refused: 'Từ chối tiếp nhận',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng giải quyết',
};

/** Whether a dossier's period figures put it behind a report cell (the drill-down). */
export function inCell(cell: Cell, figs: readonly PeriodFigure[]): boolean {
  const has = (...m: PeriodFigure['metric'][]) => figs.some((f) => m.includes(f.metric) && f.n !== 0);
  switch (cell) {
    case 'carriedOver':
      return has('start_within', 'start_overdue', 'start_paused_in_time', 'start_paused_late');
    case 'received':
      return has('received_counter', 'received_online', 'received_postal');
    case 'receivedCounter':
      return has('received_counter');
    case 'receivedOnline':
      return has('received_online');
    case 'receivedPostal':
      return has('received_postal');
    case 'resolved':
      return has('resolved_early', 'resolved_on_time', 'resolved_late');
    case 'resolvedEarly':
      return has('resolved_early');
    case 'resolvedOnTime':
      return has('resolved_on_time');
    case 'resolvedLate':
      return has('resolved_late');
    case 'inProgress':
      return has('end_within', 'end_overdue', 'end_paused_in_time', 'end_paused_late');
    case 'inProgressWithinTime':
      return has('end_within');
    case 'inProgressOverdue':
      return has('end_overdue');
    case 'paused':
      return has('end_paused_in_time', 'end_paused_late');
    case 'refused':
      return has('refused');
    case 'withdrawn':
      return has('withdrawn');
    case 'stopped':
      return has('stopped');
  }
}

/**
 * What the rollup tables compute, over one dossier's deltas: flows with from ≤ day < to, stocks as the
 * sum of the `open_*` deltas before `from` and before `to`. Keyed by officer ('' for none).
 */
export function totalsFromDeltas(deltas: readonly Delta[], from: number, to: number): Map<string, Totals> {
  const out = new Map<string, Totals>();
  const of = (officer: string | null) => {
    const k = officer ?? '';
    const t = out.get(k) ?? emptyTotals();
    out.set(k, t);
    return t;
  };
  for (const d of deltas) {
    if (d.metric.startsWith('open_')) {
      const s = d.metric.slice(5) as StockState;
      if (d.day < from) of(d.officerId).start[s] += d.n;
      if (d.day < to) of(d.officerId).end[s] += d.n;
    } else if (d.day >= from && d.day < to) of(d.officerId).flows[d.metric as FlowMetric] += d.n;
  }
  return out;
}

/** The same, from direct per-period classifications. */
export function totalsFromFigures(figs: readonly PeriodFigure[]): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const f of figs) {
    const k = f.officerId ?? '';
    const t = out.get(k) ?? emptyTotals();
    out.set(k, addFigures(t, [f]));
  }
  return out;
}
