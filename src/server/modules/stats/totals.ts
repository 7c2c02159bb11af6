// The figures of a report: read from the coarse and fine rollups over the spans of a period (issue 8).
import { type SQL, sql } from 'drizzle-orm';
import { subtreeIds } from '../../../domain/agency/agency';
import { dayToIso, isoToDay } from '../../../domain/calendar/local';
import { CHANNEL_LABELS_VI, type Channel } from '../../../domain/catalogue/procedure';
import { type FlowMetric, STOCK_STATES, type StockState } from '../../../domain/stats/classify';
import { emptyTotals, figures, type ProcessingFigures, type Totals } from '../../../domain/stats/report';
import { type Db, queryRows } from '../../db/database';
import { type Grain, grainStart, monthOf, NO_OFFICER } from './rollups';
import { type AgencyRow, type Dimension, type Filters, KEY_SQL, type Period, where } from './scope';

// ─── Coarse rollups (issue 8) ────────────────────────────────────────────────────────────────

/**
 * The coarse rollups and what they can group by: `stats_coarse` keeps agency, channel and metric;
 * `stats_coarse_procedure` agency, procedure and metric (so also a one-procedure filter);
 * `stats_coarse_staff` agency, field, officer and metric (one-field or one-officer filters).
 */
type CoarseTable = 'stats_coarse' | 'stats_coarse_procedure' | 'stats_coarse_staff';
const COARSE_KEY: Record<CoarseTable, Partial<Record<Dimension, SQL>>> = {
  stats_coarse: {
    agency: sql.raw('agency_id::text'),
    channel: sql.raw('channel'),
    none: sql.raw("''"),
  },
  stats_coarse_procedure: {
    agency: sql.raw('agency_id::text'),
    procedure: sql.raw('procedure_id::text'),
    none: sql.raw("''"),
  },
  stats_coarse_staff: {
    agency: sql.raw('agency_id::text'),
    field: sql.raw('field_code'),
    officer: sql.raw('officer_id::text'),
    none: sql.raw("''"),
  },
};

/** Before any stock delta (the start of the prefix sums). */
const ORIGIN = '1900-01-01';

function nextStart(grain: Grain, start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

function ceilStart(grain: Grain, iso: string): string {
  const s = grainStart(grain, iso);
  return s === iso ? s : nextStart(grain, s);
}

export interface Span {
  grain: Grain;
  /** Rows whose `start` is in [lo, hi). */
  lo: string;
  hi: string;
  /** Added (default) or taken away. */
  sign?: 1 | -1;
}

/**
 * The local dates [a, b) as whole years, then whole months, then single days, none overlapping: the
 * coarse rows to add up for a period (at most one year range, two month ranges and four day ranges).
 */
export function spans(a: string, b: string): Span[] {
  const out: Span[] = [];
  const months = (x: string, y: string) => {
    if (x >= y) return;
    const m1 = ceilStart('month', x);
    const m2 = grainStart('month', y);
    if (m1 < m2) {
      if (x < m1) out.push({ grain: 'day', lo: x, hi: m1 });
      out.push({ grain: 'month', lo: m1, hi: m2 });
      if (m2 < y) out.push({ grain: 'day', lo: m2, hi: y });
    } else out.push({ grain: 'day', lo: x, hi: y });
  };
  if (a >= b) return out;
  const y1 = ceilStart('year', a);
  const y2 = grainStart('year', b);
  if (y1 < y2) {
    months(a, y1);
    out.push({ grain: 'year', lo: y1, hi: y2 });
    months(y2, b);
  } else months(a, b);
  return out;
}

/**
 * Every date before `b` — a stock at `b` adds every delta since the first day — as signed spans reading the
 * fewest rows: whole years before b's year, then b's year either built up from its months and days, or taken
 * whole less the months and days from `b` on. A stock at 28 November reads the year less December and 28–30
 * November (5 rows per key) instead of ten months and 27 days (37).
 */
export function prefixSpans(b: string): Span[] {
  const y = grainStart('year', b);
  const out: Span[] = y > ORIGIN ? [{ grain: 'year', lo: ORIGIN, hi: y }] : [];
  if (b === y) return out;
  const y1 = nextStart('year', y);
  const m = grainStart('month', b);
  const mb = ceilStart('month', b);
  const monthsBetween = (lo: string, hi: string) =>
    (Number(hi.slice(0, 4)) - Number(lo.slice(0, 4))) * 12 + Number(hi.slice(5, 7)) - Number(lo.slice(5, 7));
  const daysBetween = (lo: string, hi: string) => isoToDay(hi) - isoToDay(lo);
  const upward = monthsBetween(y, m) + daysBetween(m, b);
  const upOver = monthsBetween(y, mb) + daysBetween(b, mb);
  const downward = 1 + monthsBetween(mb, y1) + daysBetween(b, mb);
  const add = (grain: Grain, lo: string, hi: string, sign: 1 | -1) => {
    if (lo < hi) out.push(sign === 1 ? { grain, lo, hi } : { grain, lo, hi, sign });
  };
  if (upward <= upOver && upward <= downward) {
    add('month', y, m, 1);
    add('day', m, b, 1);
  } else if (upOver <= downward) {
    add('month', y, mb, 1);
    add('day', b, mb, -1);
  } else {
    add('year', y, y1, 1);
    add('month', mb, y1, -1);
    add('day', b, mb, -1);
  }
  return out;
}

/**
 * The rows of `table` in the spans as one `union all` branch per span, each an index range on the key
 * (agency, grain, start, …): an `or` of the spans makes the planner scan the whole table. `columns` are
 * followed by the count `n`, negated for a span taken away.
 */
function spanRows(table: SQL, columns: SQL, cond: SQL, list: Span[]): SQL[] {
  return list.map(
    (x) =>
      sql`select ${columns}, ${x.sign === -1 ? sql`-n` : sql`n`} as n from ${table} where ${cond} and grain = ${x.grain} and start >= ${x.lo} and start < ${x.hi}`,
  );
}

/**
 * The coarse rollup that can answer a view, if any: without field or officer, either no procedure
 * (`stats_coarse`, by agency or channel) or no channel (`stats_coarse_procedure`, by agency or
 * procedure); without procedure and channel, `stats_coarse_staff` (by agency, field or officer). Only a
 * view mixing the two sides (e.g. by officer for one procedure) reads the fine rollup.
 */
export function coarseTable(by: Dimension, f: Filters): CoarseTable | null {
  if (!f.fieldCode && !f.officerId) {
    if (!f.procedureId && COARSE_KEY.stats_coarse[by]) return 'stats_coarse';
    if (!f.channel && COARSE_KEY.stats_coarse_procedure[by]) return 'stats_coarse_procedure';
  }
  if (!f.procedureId && !f.channel && COARSE_KEY.stats_coarse_staff[by]) return 'stats_coarse_staff';
  return null;
}

/** Totals per key from a coarse rollup: the same figures as the fine one, far fewer rows. */
export async function coarseTotals(
  db: Db,
  ids: readonly string[],
  p: Period,
  by: Dimension,
  f: Filters = {},
): Promise<Map<string, Totals>> {
  const table = coarseTable(by, f);
  if (!table) throw new Error(`no coarse rollup groups by ${by} with these filters`);
  return coarseTotalsBy(db, table, ids, p, COARSE_KEY[table][by]!, f);
}

export async function coarseTotalsBy(
  db: Db,
  table: CoarseTable,
  ids: readonly string[],
  p: Period,
  key: SQL,
  f: Filters = {},
): Promise<Map<string, Totals>> {
  // `coarseTable` only picks a table that has every filtered column
  const w = where(ids, f);
  const from = sql.raw(table);
  const out = new Map<string, Totals>();
  const of = (k: string) => {
    const t = out.get(k) ?? emptyTotals();
    out.set(k, t);
    return t;
  };
  const branches = [
    ...spanRows(
      from,
      sql`${key} as k, 'flow' as b, metric`,
      sql`${w} and metric not like 'open\_%'`,
      spans(dayToIso(p.from), dayToIso(p.to)),
    ),
    ...spanRows(
      from,
      sql`${key} as k, 'start' as b, metric`,
      sql`${w} and metric like 'open\_%'`,
      prefixSpans(dayToIso(p.from)),
    ),
    ...spanRows(
      from,
      sql`${key} as k, 'end' as b, metric`,
      sql`${w} and metric like 'open\_%'`,
      prefixSpans(dayToIso(p.asOf)),
    ),
  ];
  if (branches.length === 0) return out;
  const rows = await queryRows<{ k: string; b: string; metric: string; n: string }>(
    db,
    sql`select k, b, metric, sum(n)::text as n from (${sql.join(branches, sql` union all `)}) x group by 1, 2, 3`,
  );
  for (const r of rows) {
    if (r.b === 'flow') of(r.k).flows[r.metric as FlowMetric] += Number(r.n);
    else of(r.k)[r.b as 'start' | 'end'][r.metric.slice(5) as StockState] += Number(r.n);
  }
  return out;
}

/** Flows in [from, to) per procedure from `stats_coarse_procedure` (the 766 scorecard's per-procedure inputs). */
export async function procedureFlows(
  db: Db,
  ids: readonly string[],
  p: Period,
): Promise<Map<string, Record<FlowMetric, number>>> {
  const branches = spanRows(
    sql.raw('stats_coarse_procedure'),
    sql`procedure_id::text as k, metric`,
    sql`${where(ids, {})} and metric not like 'open\_%'`,
    spans(dayToIso(p.from), dayToIso(p.to)),
  );
  if (branches.length === 0) return new Map();
  const rows = await queryRows<{ k: string; metric: string; n: string }>(
    db,
    sql`select k, metric, sum(n)::text as n from (${sql.join(branches, sql` union all `)}) x group by 1, 2`,
  );
  const out = new Map<string, Record<FlowMetric, number>>();
  for (const r of rows) {
    const t = out.get(r.k) ?? emptyTotals().flows;
    t[r.metric as FlowMetric] += Number(r.n);
    out.set(r.k, t);
  }
  return out;
}

/**
 * Totals per key: from a coarse rollup when the view has no field or officer and not both a procedure
 * and a channel (the province's report, dashboard and scorecard), else from the fine one.
 */
export async function reportTotals(
  db: Db,
  ids: readonly string[],
  p: Period,
  by: Dimension,
  f: Filters = {},
): Promise<Map<string, Totals>> {
  return coarseTable(by, f) ? coarseTotals(db, ids, p, by, f) : rollupTotals(db, ids, p, by, f);
}

/** Totals per key from the fine rollups: flows in [from, to), stocks at `from` and at `asOf`. */
export async function rollupTotals(
  db: Db,
  ids: readonly string[],
  p: Period,
  by: Dimension,
  f: Filters = {},
): Promise<Map<string, Totals>> {
  return fineTotals(db, KEY_SQL[by], where(ids, f), p);
}

/** Flows in [from, to) and stocks at `from` and at `asOf`, per `key`, from the fine rollups. */
export async function fineTotals(db: Db, key: SQL, w: SQL, p: Period): Promise<Map<string, Totals>> {
  const out = new Map<string, Totals>();
  const of = (k: string) => {
    const t = out.get(k) ?? emptyTotals();
    out.set(k, t);
    return t;
  };
  const flows = await queryRows<{ k: string; metric: string; n: string }>(
    db,
    sql`select ${key} as k, metric, sum(n)::text as n from stats_daily
        where ${w} and day >= ${dayToIso(p.from)} and day < ${dayToIso(p.to)} and metric not like 'open\\_%'
        group by 1, 2`,
  );
  for (const r of flows) of(r.k).flows[r.metric as FlowMetric] += Number(r.n);
  for (const [at, field] of [
    [p.from, 'start'],
    [p.asOf, 'end'],
  ] as const) {
    const m = monthOf(at);
    const rows = await queryRows<{ k: string; metric: string; n: string }>(
      db,
      sql`select k, metric, sum(n)::text as n from (
            select ${key} as k, metric, n from stats_monthly where ${w} and month < ${m}
            union all
            select ${key} as k, metric, n from stats_daily
              where ${w} and day >= ${m} and day < ${dayToIso(at)} and metric like 'open\\_%'
          ) x group by 1, 2`,
    );
    for (const r of rows) of(r.k)[field][r.metric.slice(5) as StockState] += Number(r.n);
  }
  return out;
}

export interface ReportRow {
  key: string;
  label: string;
  figures: ProcessingFigures;
}

/** Labels of dimension keys: agency, field, procedure and officer names; channel labels. */
async function labels(
  db: Db,
  by: Dimension,
  keys: string[],
  tree: AgencyRow[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const json = JSON.stringify(keys);
  if (by === 'agency') for (const a of tree) out.set(a.id, a.name);
  if (by === 'channel') for (const k of keys) out.set(k, CHANNEL_LABELS_VI[k as Channel] ?? k);
  if (by === 'none') out.set('', 'Tổng cộng');
  if (by === 'field') {
    const rows = await queryRows<{ code: string; name: string }>(
      db,
      sql`select code, name from fields where code in (select jsonb_array_elements_text(${json}::jsonb))`,
    );
    for (const r of rows) out.set(r.code, r.name);
  }
  if (by === 'procedure') {
    const rows = await queryRows<{ id: string; name: string; code: string }>(
      db,
      sql`select p.id::text, p.code, (select v.content->>'name' from procedure_versions v
            where v.procedure_id = p.id order by v.version_no desc limit 1) as name
          from procedures p where p.id::text in (select jsonb_array_elements_text(${json}::jsonb))`,
    );
    for (const r of rows) out.set(r.id, `${r.name} (${r.code})`);
  }
  if (by === 'officer') {
    const rows = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id::text, full_name as name from users where id::text in (select jsonb_array_elements_text(${json}::jsonb))`,
    );
    for (const r of rows) out.set(r.id, r.name);
    out.set(NO_OFFICER, 'Chưa phân công');
  }
  return out;
}

const collator = new Intl.Collator('vi');

/**
 * The processing report: one row per key of the chosen dimension, and the total. By agency, each
 * direct sub-agency's row adds up its whole subtree; the chosen agency's own dossiers get their row.
 */
export async function processingReport(
  db: Db,
  scope: { agency: AgencyRow; ids: string[]; tree: AgencyRow[] },
  p: Period,
  by: Dimension,
  f: Filters,
): Promise<{ rows: ReportRow[]; total: ProcessingFigures }> {
  const raw = await reportTotals(db, scope.ids, p, by, f);
  const total = emptyTotals();
  for (const t of raw.values()) addTotalsInto(total, t);
  let grouped = raw;
  if (by === 'agency') {
    grouped = new Map();
    const children = scope.tree.filter((a) => a.parentId === scope.agency.id);
    const home = new Map<string, string>();
    home.set(scope.agency.id, scope.agency.id);
    for (const c of children) for (const id of subtreeIds(scope.tree, c.id)) home.set(id, c.id);
    for (const [k, t] of raw) {
      const h = home.get(k) ?? scope.agency.id;
      grouped.set(h, addTotalsInto(grouped.get(h) ?? emptyTotals(), t));
    }
    for (const c of children) if (!grouped.has(c.id)) grouped.set(c.id, emptyTotals());
  }
  const names = await labels(db, by, [...grouped.keys()], scope.tree);
  const rows = [...grouped]
    .map(([key, t]) => ({ key, label: names.get(key) ?? key, figures: figures(t) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return { rows, total: figures(total) };
}

export function addTotalsInto(a: Totals, b: Totals): Totals {
  for (const k of Object.keys(a.flows) as FlowMetric[]) a.flows[k] += b.flows[k];
  for (const k of STOCK_STATES) {
    a.start[k] += b.start[k];
    a.end[k] += b.end[k];
  }
  return a;
}
