import { localDayOf } from '../calendar/local';
import { timeliness } from '../calendar/rules';
import type { Channel } from '../catalogue/procedure';
import type { DossierEvent } from '../dossier/events';

/**
 * The processing report of a one-stop desk (báo cáo tình hình giải quyết hồ sơ): indicators.md
 * "On-time statistics" and calendar.md §5. A dossier contributes two kinds of figures:
 *
 * - **flows**, counted on the local day they happen: received (by channel), refused at reception,
 *   withdrawn, stopped, resolved early / on time / late, finished with their processing minutes;
 * - **stocks**, the dossier's state at an instant: open and within time, open and overdue, waiting for
 *   the applicant (paused) requested in time or late. Carried over = the stock at the start of a
 *   period; in progress = the stock at its end.
 *
 * Periods are local dates [from, to) as day numbers (`localDayOf`). "At the end of the period" means
 * after every event whose local day is before `to`; a running dossier is overdue then if the local day
 * of its legal due instant is before `to` (its due instant has passed by midnight).
 *
 * Two independent computations are provided and must agree (checked by a property test and by the
 * rollup consistency check): `classifyForPeriod` replays the events up to each boundary; `dossierDeltas`
 * turns the history into signed per-day deltas, which is what the rollup tables add up.
 */

export const FLOW_METRICS = [
  'received_counter',
  'received_online',
  'received_postal',
  'refused',
  'withdrawn',
  'stopped',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  /** Reached "result ready" (DVCQG 9): the dossiers behind the average processing time. */
  'finished',
  /** Elapsed minutes from acceptance to result, waiting for the applicant subtracted (766 item 2.2). */
  'finished_minutes',
  /** Finished with an electronic result attached (766 group 6, electronic result issued). */
  'finished_eresult',
  'apologized',
  'supplement_requested',
] as const;
export type FlowMetric = (typeof FLOW_METRICS)[number];

export const STOCK_STATES = ['within', 'overdue', 'paused_in_time', 'paused_late'] as const;
export type StockState = (typeof STOCK_STATES)[number];

/** Rollup metric names: flows as they are, stock deltas prefixed. */
export type Metric = FlowMetric | `open_${StockState}`;
export const METRICS: readonly Metric[] = [...FLOW_METRICS, ...STOCK_STATES.map((s) => `open_${s}` as const)];

/** The dimensions of a dossier that never change, and its history in order. */
export interface DossierFacts {
  id: string;
  /** Receiving agency: every figure of the dossier is counted there. */
  agencyId: string;
  procedureId: string;
  fieldCode: string;
  events: readonly DossierEvent[];
}

/** One signed contribution to a rollup cell. */
export interface Delta {
  day: number;
  metric: Metric;
  /** The officer the figure is attributed to (null: nobody yet). */
  officerId: string | null;
  n: number;
}

interface Walk {
  channel: Channel | null;
  acceptedAt: number | null;
  acceptor: string | null;
  /** The specialist handling the dossier (last assignee of a specialist step). */
  handler: string | null;
  step: string | null;
  due: number | null;
  /** Waiting for the applicant since `from`; in time if requested no later than the due instant. */
  paused: { from: number; inTime: boolean } | null;
  pausedMs: number;
  ended: boolean;
}

const EMPTY: Walk = {
  channel: null,
  acceptedAt: null,
  acceptor: null,
  handler: null,
  step: null,
  due: null,
  paused: null,
  pausedMs: 0,
  ended: false,
};

const ms = (iso: string) => new Date(iso).getTime();

/** The flows an event produces, given the walk state before it. */
function flowsOf(w: Walk, e: DossierEvent): { metric: FlowMetric; n: number; officer: string | null }[] {
  const at = ms(e.at);
  const actor = e.actor?.id ?? null;
  const open = w.acceptedAt !== null && !w.ended;
  switch (e.type) {
    case 'accepted':
      return [{ metric: `received_${e.channel}` as FlowMetric, n: 1, officer: actor }];
    case 'refused':
      return [{ metric: 'refused', n: 1, officer: actor }];
    case 'supplement-requested':
      return open ? [{ metric: 'supplement_requested', n: 1, officer: w.handler ?? w.acceptor }] : [];
    case 'apologized':
      return open ? [{ metric: 'apologized', n: 1, officer: w.handler ?? w.acceptor }] : [];
    case 'withdrawn':
    case 'stopped':
    case 'result-ready': {
      const out: { metric: FlowMetric; n: number; officer: string | null }[] = [];
      const officer = w.handler ?? w.acceptor;
      if (e.type !== 'result-ready') out.push({ metric: e.type, n: 1, officer: open ? officer : actor });
      if (!open || w.due === null) return out;
      // Ended while waiting for the applicant: judged at the request instant (766 progress rule).
      const end = w.paused ? w.paused.from : at;
      const t = timeliness(new Date(w.due), new Date(end), new Date(end));
      const cls = t === 'early' ? 'resolved_early' : t === 'on-time' ? 'resolved_on_time' : 'resolved_late';
      out.push({ metric: cls, n: 1, officer });
      if (e.type === 'result-ready') {
        const minutes = Math.round((at - w.acceptedAt! - w.pausedMs) / 60_000);
        out.push({ metric: 'finished', n: 1, officer });
        out.push({ metric: 'finished_minutes', n: minutes, officer });
        if (e.documents.length > 0) out.push({ metric: 'finished_eresult', n: 1, officer });
      }
      return out;
    }
    default:
      return [];
  }
}

/** Applies an event to the walk (the clock facts only; `state.ts` owns the full lifecycle). */
function step(w: Walk, e: DossierEvent, roleOf: (step: string) => string | undefined): Walk {
  const at = ms(e.at);
  switch (e.type) {
    case 'submitted':
      return { ...w, channel: e.channel };
    case 'accepted':
      return { ...w, channel: e.channel, acceptedAt: at, acceptor: e.actor?.id ?? null, due: ms(e.dueAt) };
    case 'routed': {
      const specialist = roleOf(e.step) === 'specialist';
      return { ...w, step: e.step, handler: specialist && e.assigneeId ? e.assigneeId : w.handler };
    }
    case 'claimed':
      return w.step !== null && roleOf(w.step) === 'specialist' ? { ...w, handler: e.assigneeId } : w;
    case 'supplement-requested':
    case 'financial-requested':
      if (w.acceptedAt === null || w.ended) return w;
      return { ...w, paused: { from: at, inTime: w.due === null || at <= w.due } };
    case 'supplement-received':
    case 'financial-met':
      if (w.acceptedAt === null || w.ended) return w;
      return {
        ...w,
        pausedMs: w.pausedMs + (w.paused ? at - w.paused.from : 0),
        paused: null,
        due: e.dueAt ? ms(e.dueAt) : w.due,
      };
    case 'extended':
    case 'retimed':
      return { ...w, due: ms(e.dueAt) };
    case 'result-ready':
    case 'withdrawn':
    case 'stopped':
    case 'refused':
      return { ...w, ended: true };
    default:
      return w;
  }
}

function roles(events: readonly DossierEvent[]): (step: string) => string | undefined {
  const accepted = events.find((e) => e.type === 'accepted');
  const map = new Map<string, string>();
  if (accepted?.type === 'accepted') for (const s of accepted.workflow.steps) map.set(s.key, s.role);
  return (k) => map.get(k);
}

type Regime =
  | { kind: 'none' }
  | { kind: 'running'; due: number; officer: string | null }
  | { kind: 'paused'; state: StockState; officer: string | null };

function regimeOf(w: Walk): Regime {
  if (w.acceptedAt === null || w.ended || w.due === null) return { kind: 'none' };
  const officer = w.handler ?? w.acceptor;
  if (w.paused) return { kind: 'paused', state: w.paused.inTime ? 'paused_in_time' : 'paused_late', officer };
  return { kind: 'running', due: w.due, officer };
}

const sameRegime = (a: Regime, b: Regime) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A dossier's signed per-day contributions to the rollups. The stock at the start of day D is the sum
 * of the `open_*` deltas with day < D; flows are counted on their day. Deltas with the same cell are
 * merged and zeros dropped, so the result is canonical (comparable between two computations).
 */
export function dossierDeltas(events: readonly DossierEvent[]): Delta[] {
  const roleOf = roles(events);
  const out: Delta[] = [];
  const add = (day: number, metric: Metric, officerId: string | null, n: number) =>
    out.push({ day, metric, officerId, n });
  let w = EMPTY;
  let regime: Regime = { kind: 'none' };
  let since = 0;
  const close = (r: Regime, from: number, to: number | null) => {
    if (r.kind === 'none') return;
    const da = localDayOf(from);
    const db = to === null ? null : localDayOf(to);
    if (r.kind === 'paused') {
      add(da, `open_${r.state}`, r.officer, 1);
      if (db !== null) add(db, `open_${r.state}`, r.officer, -1);
      return;
    }
    const dd = localDayOf(r.due);
    const init: StockState = dd <= da ? 'overdue' : 'within';
    add(da, `open_${init}`, r.officer, 1);
    let final = init;
    if (init === 'within' && (db === null || dd < db)) {
      add(dd, 'open_within', r.officer, -1);
      add(dd, 'open_overdue', r.officer, 1);
      final = 'overdue';
    }
    if (db !== null) add(db, `open_${final}`, r.officer, -1);
  };
  for (const e of events) {
    const at = ms(e.at);
    for (const f of flowsOf(w, e)) add(localDayOf(at), f.metric, f.officer, f.n);
    w = step(w, e, roleOf);
    const next = regimeOf(w);
    if (!sameRegime(regime, next)) {
      close(regime, since, at);
      regime = next;
      since = at;
    }
  }
  close(regime, since, null);
  return mergeDeltas(out);
}

/** Sums deltas of the same (day, metric, officer) and drops zeros, in a stable order. */
export function mergeDeltas(deltas: readonly Delta[]): Delta[] {
  const map = new Map<string, Delta>();
  for (const d of deltas) {
    const k = `${d.day}|${d.metric}|${d.officerId ?? ''}`;
    const cur = map.get(k);
    if (cur) cur.n += d.n;
    else map.set(k, { ...d });
  }
  return [...map.values()]
    .filter((d) => d.n !== 0)
    .sort(
      (a, b) =>
        a.day - b.day ||
        a.metric.localeCompare(b.metric) ||
        (a.officerId ?? '').localeCompare(b.officerId ?? ''),
    );
}

/** The stock state of a dossier after every event of a local day before `day` (the start of `day`). */
export function stockAt(
  events: readonly DossierEvent[],
  day: number,
): { state: StockState; officerId: string | null } | null {
  const roleOf = roles(events);
  let w = EMPTY;
  for (const e of events) {
    if (localDayOf(ms(e.at)) >= day) break;
    w = step(w, e, roleOf);
  }
  const r = regimeOf(w);
  if (r.kind === 'none') return null;
  if (r.kind === 'paused') return { state: r.state, officerId: r.officer };
  return { state: localDayOf(r.due) < day ? 'overdue' : 'within', officerId: r.officer };
}

/** A figure of one dossier in a period, attributed to an officer. */
export interface PeriodFigure {
  metric: FlowMetric | `start_${StockState}` | `end_${StockState}`;
  officerId: string | null;
  n: number;
}

/**
 * Direct classification of one dossier for the period [from, to) (local day numbers): what it adds to
 * each line of the processing report. Independent of `dossierDeltas`; the two must agree.
 */
export function classifyForPeriod(events: readonly DossierEvent[], from: number, to: number): PeriodFigure[] {
  const out: PeriodFigure[] = [];
  const start = stockAt(events, from);
  if (start) out.push({ metric: `start_${start.state}`, officerId: start.officerId, n: 1 });
  const roleOf = roles(events);
  let w = EMPTY;
  for (const e of events) {
    const day = localDayOf(ms(e.at));
    if (day >= to) break;
    if (day >= from)
      for (const f of flowsOf(w, e)) out.push({ metric: f.metric, officerId: f.officer, n: f.n });
    w = step(w, e, roleOf);
  }
  const end = stockAt(events, to);
  if (end) out.push({ metric: `end_${end.state}`, officerId: end.officerId, n: 1 });
  return out;
}
