import { type SQL, sql } from 'drizzle-orm';
import { viDate } from '../../../domain/calendar/text';
import { subtreeIds } from '../../../domain/agency/agency';
import type { WorkingCalendar } from '../../../domain/calendar';
import { dayToIso, instantOf, isoToDay, localDayOf } from '../../../domain/calendar/local';
import { CHANNEL_LABELS_VI, type Channel, type ProcedureContent } from '../../../domain/catalogue/procedure';
import type { DossierEvent } from '../../../domain/dossier/events';
import { DVCQG_STATUS, type StatusCode } from '../../../domain/dossier/status';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { RATING_CRITERIA, type RatingScores, summarizeRatings } from '../../../domain/payment/rating';
import {
  classifyForPeriod,
  type FlowMetric,
  STOCK_STATES,
  type StockState,
} from '../../../domain/stats/classify';
import {
  addFigures,
  type Cell,
  emptyTotals,
  figures,
  type ProcessingFigures,
  type Totals,
} from '../../../domain/stats/report';
import {
  blankInputs,
  ENTERED_INPUTS,
  type InputKey,
  type Inputs,
  type Scorecard,
  scorecard,
} from '../../../domain/stats/scorecard';
import { type Db, queryRows } from '../../db/database';
import { auditLog, statsEnteredInputs } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { type Grain, grainStart, monthOf, NO_OFFICER } from './rollups';
import { MINUTES_PER_WORKING_DAY } from '../../../domain/dossier/lifecycle';

export const DIMENSIONS = ['agency', 'field', 'procedure', 'channel', 'officer', 'none'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Filters {
  procedureId?: string | undefined;
  fieldCode?: string | undefined;
  channel?: Channel | undefined;
  officerId?: string | undefined;
}

/** A period as local day numbers [from, to) plus the day the stocks are read at (today's end at most). */
export interface Period {
  from: number;
  to: number;
  asOf: number;
}

interface AgencyRow {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
}

export async function agencyTree(db: Db): Promise<AgencyRow[]> {
  return queryRows<AgencyRow>(
    db,
    sql`select id, parent_id as "parentId", name, code from agencies order by name`,
  );
}

/**
 * The agency a report is about and its subtree. Staff see their agency and below; the system
 * administrator sees everything; `null` user means the public (transparency), which sees every agency.
 */
export async function reportScope(
  db: Db,
  user: AuthUser | null,
  agencyId: string | undefined,
): Promise<{ agency: AgencyRow; ids: string[]; tree: AgencyRow[] }> {
  const tree = await agencyTree(db);
  const own = user?.agency?.id ?? null;
  const chosen = agencyId ?? own ?? tree.find((a) => a.parentId === null)?.id;
  const agency = tree.find((a) => a.id === chosen);
  if (!agency) throw errors.notFound('cơ quan cần thống kê');
  if (user && own && !subtreeIds(tree, own).includes(agency.id)) throw errors.outOfScope();
  if (user && !own && !hasAnyRole(user.roles, ['admin'])) throw errors.forbidden('xem thống kê');
  return { agency, ids: subtreeIds(tree, agency.id), tree };
}

/** Parses an inclusive local-date period, checked; `asOf` is capped at the end of `today`. */
export function period(from: string, to: string, today: number): Period {
  const f = isoToDay(from);
  const t = isoToDay(to) + 1;
  if (t <= f) throw errors.range();
  if (t - f > 366 * 5) throw errors.invalid('PERIOD_TOO_LONG', 'Kỳ báo cáo dài tối đa 5 năm.');
  return { from: f, to: t, asOf: Math.min(t, today + 1) };
}

const KEY_SQL: Record<Dimension, SQL> = {
  agency: sql.raw('agency_id::text'),
  field: sql.raw('field_code'),
  procedure: sql.raw('procedure_id::text'),
  channel: sql.raw('channel'),
  officer: sql.raw('officer_id::text'),
  none: sql.raw("''"),
};

function where(ids: readonly string[], f: Filters): SQL {
  // an array literal, not a subquery: the planner then uses the rollups' keys (agency first) per agency
  const parts: SQL[] = [sql`agency_id = any(${`{${ids.join(',')}}`}::uuid[])`];
  if (f.procedureId) parts.push(sql`procedure_id = ${f.procedureId}`);
  if (f.fieldCode) parts.push(sql`field_code = ${f.fieldCode}`);
  if (f.channel) parts.push(sql`channel = ${f.channel}`);
  if (f.officerId) parts.push(sql`officer_id = ${f.officerId}`);
  return sql.join(parts, sql` and `);
}

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

async function coarseTotalsBy(
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
async function fineTotals(db: Db, key: SQL, w: SQL, p: Period): Promise<Map<string, Totals>> {
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

function addTotalsInto(a: Totals, b: Totals): Totals {
  for (const k of Object.keys(a.flows) as FlowMetric[]) a.flows[k] += b.flows[k];
  for (const k of STOCK_STATES) {
    a.start[k] += b.start[k];
    a.end[k] += b.end[k];
  }
  return a;
}

// ─── The dossiers behind a number ────────────────────────────────────────────────────────────

const CELL_TEST: Record<Cell, { flows?: string[]; stockAt?: 'from' | 'asOf'; states?: StockState[] }> = {
  carriedOver: { stockAt: 'from', states: [...STOCK_STATES] },
  received: { flows: ['received_counter', 'received_online', 'received_postal'] },
  receivedCounter: { flows: ['received_counter'] },
  receivedOnline: { flows: ['received_online'] },
  receivedPostal: { flows: ['received_postal'] },
  resolved: { flows: ['resolved_early', 'resolved_on_time', 'resolved_late'] },
  resolvedEarly: { flows: ['resolved_early'] },
  resolvedOnTime: { flows: ['resolved_on_time'] },
  resolvedLate: { flows: ['resolved_late'] },
  inProgress: { stockAt: 'asOf', states: [...STOCK_STATES] },
  inProgressWithinTime: { stockAt: 'asOf', states: ['within'] },
  inProgressOverdue: { stockAt: 'asOf', states: ['overdue'] },
  paused: { stockAt: 'asOf', states: ['paused_in_time', 'paused_late'] },
  refused: { flows: ['refused'] },
  withdrawn: { flows: ['withdrawn'] },
  stopped: { flows: ['stopped'] },
};

export interface DossierLine {
  id: string;
  code: string | null;
  applicantName: string;
  procedureName: string;
  channel: string;
  status: number;
  statusName: string;
  acceptedAt: string | null;
  dueAt: string | null;
  endedAt: string | null;
}

/**
 * The dossiers behind one number of the report: each dossier's stored contribution (the deltas the
 * rollups added) is tested for the cell, so the list always has exactly as many dossiers as the number.
 * `dimension`/`key` narrow to one row of a report (an agency row means its whole subtree).
 */
export async function dossiersBehind(
  db: Db,
  scope: { agency: AgencyRow; ids: string[]; tree: AgencyRow[] },
  p: Period,
  cell: Cell,
  f: Filters,
  row: { by: Dimension; key: string } | null,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: DossierLine[] }> {
  let ids = scope.ids;
  const filters: Filters = { ...f };
  let officer = f.officerId ?? null;
  if (row && row.by === 'agency') {
    if (!scope.ids.includes(row.key)) throw errors.outOfScope();
    const children = new Set(scope.tree.filter((a) => a.parentId === scope.agency.id).map((a) => a.id));
    const below = new Set([...children].flatMap((c) => subtreeIds(scope.tree, c)));
    ids =
      row.key === scope.agency.id
        ? scope.ids.filter((id) => !below.has(id))
        : subtreeIds(scope.tree, row.key);
  } else if (row && row.by === 'procedure') filters.procedureId = row.key;
  else if (row && row.by === 'field') filters.fieldCode = row.key;
  else if (row && row.by === 'channel') filters.channel = row.key as Channel;
  else if (row && row.by === 'officer') officer = row.key;
  const test = CELL_TEST[cell];
  const officerSql = officer ? sql` and coalesce(x."officerId", ${NO_OFFICER}) = ${officer}` : sql``;
  const parts: SQL[] = [
    sql`c.agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`,
  ];
  if (filters.procedureId) parts.push(sql`c.procedure_id = ${filters.procedureId}`);
  if (filters.fieldCode) parts.push(sql`c.field_code = ${filters.fieldCode}`);
  if (filters.channel) parts.push(sql`c.channel = ${filters.channel}`);
  const deltas = sql`jsonb_to_recordset(c.deltas) as x(day int, metric text, "officerId" text, n bigint)`;
  if (test.flows) {
    parts.push(sql`exists (select 1 from ${deltas} where x.metric in (select jsonb_array_elements_text(${JSON.stringify(test.flows)}::jsonb))
      and x.day >= ${p.from} and x.day < ${p.to} and x.n <> 0${officerSql})`);
  } else {
    const at = test.stockAt === 'from' ? p.from : p.asOf;
    const metrics = JSON.stringify(test.states!.map((s) => `open_${s}`));
    parts.push(sql`(select coalesce(sum(x.n), 0) from ${deltas} where x.metric in (select jsonb_array_elements_text(${metrics}::jsonb))
      and x.day < ${at}${officerSql}) > 0`);
  }
  const cond = sql.join(parts, sql` and `);
  const [count] = await queryRows<{ n: string }>(
    db,
    sql`select count(*)::text as n from stats_contributions c where ${cond}`,
  );
  const items = await queryRows<Omit<DossierLine, 'statusName'> & { status: number }>(
    db,
    sql`select d.id, d.code, d.applicant_name as "applicantName", v.content->>'name' as "procedureName", d.channel,
          d.status, d.accepted_at as "acceptedAt", d.due_at as "dueAt", d.ended_at as "endedAt"
        from stats_contributions c join dossiers d on d.id = c.dossier_id
        join procedure_versions v on v.id = d.procedure_version_id
        where ${cond} order by d.accepted_at desc nulls last, d.id limit ${page.limit} offset ${page.offset}`,
  );
  const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
  return {
    total: Number(count?.n ?? 0),
    items: items.map((r) => ({
      ...r,
      acceptedAt: iso(r.acceptedAt),
      dueAt: iso(r.dueAt),
      endedAt: iso(r.endedAt),
      statusName: DVCQG_STATUS[r.status as StatusCode] ?? String(r.status),
    })),
  };
}

// ─── Consistency: recompute a period from the event log ──────────────────────────────────────

const cellKey = (agency: string, procedure: string, field: string, channel: string, officer: string) =>
  `${agency}|${procedure}|${field}|${channel}|${officer}`;

/**
 * Recomputes a period for the agencies from `dossier_events` alone (every dossier classified directly,
 * `classifyForPeriod`) and compares it with the rollups cell by cell (agency, procedure, field, channel,
 * officer). Any difference is listed; `matches` means the rollups are exact.
 */
export async function consistencyCheck(
  db: Db,
  ids: readonly string[],
  p: Period,
): Promise<{
  matches: boolean;
  cells: number;
  dossiers: number;
  differences: { key: string; rollup: Totals; events: Totals }[];
}> {
  const fromEvents = new Map<string, Totals>();
  let dossiers = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<{
      id: string;
      agencyId: string;
      procedureId: string;
      fieldCode: string;
      channel: string;
      events: DossierEvent[];
    }>(
      db,
      sql`select d.id, d.agency_id as "agencyId", d.procedure_id as "procedureId", v.field_code as "fieldCode", d.channel,
            (select jsonb_agg(e.event order by e.seq) from dossier_events e where e.dossier_id = d.id) as events
          from dossiers d join procedure_versions v on v.id = d.procedure_version_id
          where d.agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid) and d.id > ${after}
          order by d.id limit 2000`,
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    dossiers += rows.length;
    for (const r of rows) {
      const figs = classifyForPeriod(r.events ?? [], p.from, p.to);
      // stocks at the end are read at `asOf` (≤ to): classify that boundary separately when it differs
      const endFigs = p.asOf === p.to ? figs : classifyForPeriod(r.events ?? [], p.from, p.asOf);
      for (const fg of figs) {
        if (fg.metric.startsWith('end_')) continue;
        const k = cellKey(r.agencyId, r.procedureId, r.fieldCode, r.channel, fg.officerId ?? NO_OFFICER);
        fromEvents.set(k, addFigures(fromEvents.get(k) ?? emptyTotals(), [fg]));
      }
      for (const fg of endFigs) {
        if (!fg.metric.startsWith('end_')) continue;
        const k = cellKey(r.agencyId, r.procedureId, r.fieldCode, r.channel, fg.officerId ?? NO_OFFICER);
        fromEvents.set(k, addFigures(fromEvents.get(k) ?? emptyTotals(), [fg]));
      }
    }
  }
  const byCell = await queryRollupCells(db, ids, p);
  const zero = JSON.stringify(emptyTotals());
  const keys = new Set([...fromEvents.keys(), ...byCell.keys()]);
  const differences: { key: string; rollup: Totals; events: Totals }[] = [];
  const compare = (k: string, a: Totals, b: Totals) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push({ key: k, rollup: a, events: b });
  };
  for (const k of keys) compare(k, byCell.get(k) ?? emptyTotals(), fromEvents.get(k) ?? emptyTotals());
  const cells = [...keys].filter((k) => JSON.stringify(byCell.get(k) ?? emptyTotals()) !== zero).length;
  // The coarse rollups against the same recomputation: per (agency, channel) and per (agency, procedure).
  const byChannel = new Map<string, Totals>();
  const byProcedure = new Map<string, Totals>();
  const byStaff = new Map<string, Totals>();
  for (const [k, t] of fromEvents) {
    const [agency, procedure, field, channel, officer] = k.split('|');
    const kc = `${agency}|${channel}`;
    byChannel.set(kc, addTotalsInto(byChannel.get(kc) ?? emptyTotals(), t));
    const kp = `${agency}|${procedure}`;
    byProcedure.set(kp, addTotalsInto(byProcedure.get(kp) ?? emptyTotals(), t));
    const ks = `${agency}|${field}|${officer}`;
    byStaff.set(ks, addTotalsInto(byStaff.get(ks) ?? emptyTotals(), t));
  }
  for (const [table, key, expected] of [
    ['stats_coarse', "agency_id::text || '|' || channel", byChannel],
    ['stats_coarse_procedure', "agency_id::text || '|' || procedure_id::text", byProcedure],
    ['stats_coarse_staff', "agency_id::text || '|' || field_code || '|' || officer_id::text", byStaff],
  ] as const) {
    const coarse = await coarseTotalsBy(db, table, ids, p, sql.raw(key));
    for (const k of new Set([...coarse.keys(), ...expected.keys()])) {
      compare(`${table} ${k}`, coarse.get(k) ?? emptyTotals(), expected.get(k) ?? emptyTotals());
    }
  }
  return { matches: differences.length === 0, cells, dossiers, differences: differences.slice(0, 20) };
}

/** Rollup totals per full cell key (agency, procedure, field, channel, officer). */
async function queryRollupCells(db: Db, ids: readonly string[], p: Period): Promise<Map<string, Totals>> {
  const key = sql.raw(
    "agency_id::text || '|' || procedure_id::text || '|' || field_code || '|' || channel || '|' || officer_id::text",
  );
  const out = await fineTotals(db, key, where(ids, {}), p);
  // drop cells whose every figure is zero (a dossier that moved away leaves zero rows behind)
  const zero = JSON.stringify(emptyTotals());
  for (const [k, t] of out) if (JSON.stringify(t) === zero) out.delete(k);
  return out;
}

// ─── Satisfaction and feedback ───────────────────────────────────────────────────────────────

/** 15 working days: feedback handled on time (Decision 766 item 5.2). */
const FEEDBACK_LIMIT_MINUTES = 15 * MINUTES_PER_WORKING_DAY;

export interface FeedbackFigures {
  total: number;
  complaints: number;
  recommendations: number;
  answered: number;
  answeredOnTime: number;
  /** Not answered yet, still within 15 working days at the end of the period. */
  pendingInTime: number;
  late: number;
  published: number;
}

export async function feedbackFigures(
  db: Db,
  ids: readonly string[],
  p: Period,
  cal: WorkingCalendar,
  now: Date,
): Promise<FeedbackFigures & { dossierComplaints: number }> {
  const rows = await queryRows<{
    kind: string;
    createdAt: string;
    answeredAt: string | null;
    published: boolean;
    dossierId: string | null;
  }>(
    db,
    sql`select kind, created_at as "createdAt", answered_at as "answeredAt", published, dossier_id as "dossierId"
        from feedback where agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}`,
  );
  const end = Math.min(instantOf(p.to, 0).getTime(), now.getTime());
  const f: FeedbackFigures & { dossierComplaints: number } = {
    total: rows.length,
    complaints: 0,
    recommendations: 0,
    answered: 0,
    answeredOnTime: 0,
    pendingInTime: 0,
    late: 0,
    published: 0,
    dossierComplaints: 0,
  };
  const complained = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'complaint') f.complaints++;
    else f.recommendations++;
    if (r.kind === 'complaint' && r.dossierId) complained.add(r.dossierId);
    if (r.published) f.published++;
    const limit = cal.addWorkingMinutes(new Date(r.createdAt), FEEDBACK_LIMIT_MINUTES).getTime();
    if (r.answeredAt) {
      f.answered++;
      if (new Date(r.answeredAt).getTime() <= limit) f.answeredOnTime++;
      else f.late++;
    } else if (end <= limit) f.pendingInTime++;
    else f.late++;
  }
  f.dossierComplaints = complained.size;
  return f;
}

/** Instant of the start of a local day, as a timestamptz literal. */
function instant(day: number): SQL {
  return sql`${instantOf(day, 0).toISOString()}::timestamptz`;
}

export async function satisfaction(db: Db, ids: readonly string[], p: Period) {
  const rows = await queryRows<{ scores: RatingScores; dossierId: string }>(
    db,
    sql`select scores, dossier_id as "dossierId" from ratings
        where agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}`,
  );
  const summary = summarizeRatings(rows.map((r) => r.scores));
  const disliked = rows.filter((r) => RATING_CRITERIA.some((c) => r.scores[c] <= 2)).map((r) => r.dossierId);
  return { ...summary, dislikedDossiers: disliked };
}

// ─── Scorecard ───────────────────────────────────────────────────────────────────────────────

interface ProcedureRow {
  id: string;
  code: string;
  content: ProcedureContent;
}

/** Procedures under the agencies' authority: those they adopted, else the catalogue's at their levels. */
async function unitProcedures(db: Db, ids: readonly string[]): Promise<ProcedureRow[]> {
  const json = JSON.stringify(ids);
  const current = sql`(select v.content from procedure_versions v where v.procedure_id = p.id order by v.version_no desc limit 1)`;
  const adopted = await queryRows<ProcedureRow>(
    db,
    sql`select distinct p.id::text, p.code, ${current} as content from procedures p
        join agency_procedures ap on ap.procedure_id = p.id
        where p.abolished_on is null and ap.agency_id in (select jsonb_array_elements_text(${json}::jsonb)::uuid)`,
  );
  if (adopted.length > 0) return adopted;
  return queryRows<ProcedureRow>(
    db,
    sql`select p.id::text, p.code, ${current} as content from procedures p
        where p.abolished_on is null and ${current}->>'level' in
          (select level from agencies where id in (select jsonb_array_elements_text(${json}::jsonb)::uuid))`,
  );
}

/** Decree 63/2010 art. 8(2) contents that the catalogue records: name, agency, time, channels, components, result. */
function complete(c: ProcedureContent): boolean {
  return (
    c.name.length > 0 &&
    c.implementingAgency.length > 0 &&
    !!c.processingTime &&
    c.channels.length > 0 &&
    c.components.length > 0 &&
    c.result.trim().length > 0
  );
}

const feeBearing = (c: ProcedureContent) => c.fees.some((f) => (f.amountVnd ?? 0) > 0 || !!f.rule);

export async function scorecardFor(
  db: Db,
  scope: { agency: AgencyRow; ids: string[] },
  p: Period,
  cal: WorkingCalendar,
  now: Date,
): Promise<{ scorecard: Scorecard; inputs: Inputs }> {
  const inputs = blankInputs();
  const set = (k: InputKey, value: number) => {
    inputs[k] = { value, source: 'motcua' };
  };
  const total = (await coarseTotals(db, scope.ids, p, 'none')).get('') ?? emptyTotals();
  const byProc = await procedureFlows(db, scope.ids, p);
  const fig = figures(total);
  set('onTime766', fig.onTime766);
  set('toHandle', fig.toHandle);
  set('finished', fig.finished);
  set('finishedMinutes', total.flows.finished_minutes);
  set('received', fig.received);
  set('receivedOnline', fig.receivedOnline);
  set('resolved', fig.resolved);
  set('resolvedLate', fig.resolvedLate);
  set('eResult', fig.finishedEresult);

  const procs = await unitProcedures(db, scope.ids);
  set('publicProcedures', procs.length);
  set('publicComplete', procs.filter((x) => complete(x.content)).length);
  const online = procs.filter((x) => x.content.onlineLevel !== 'none');
  set('proceduresOfUnit', procs.length);
  set('proceduresOnline', online.length);
  set('onlineServices', online.length);
  set('onlineServicesWithDossier', online.filter((x) => (byProc.get(x.id)?.received_online ?? 0) > 0).length);

  const fees = procs.filter((x) => feeBearing(x.content));
  const feeIds = new Set(fees.map((x) => x.id));
  set('feeProcedures', fees.length);
  let feeDossiers = 0;
  for (const [id, t] of byProc) {
    if (feeIds.has(id)) feeDossiers += t.received_counter + t.received_online + t.received_postal;
  }
  set('dossiersFeeBearing', feeDossiers);
  const pays = await queryRows<{ procedureId: string; online: boolean; paid: boolean; dossierId: string }>(
    db,
    sql`select d.procedure_id::text as "procedureId", (pm.status = 'paid' and pm.method in ('vietqr', 'gateway')) as online,
          pm.status = 'paid' as paid, d.id::text as "dossierId"
        from payments pm join dossiers d on d.id = pm.dossier_id
        where d.agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
          and pm.created_at >= ${instant(p.from)} and pm.created_at < ${instant(p.to)}`,
  );
  set('paidOnline', new Set(pays.filter((x) => x.online).map((x) => x.dossierId)).size);
  set(
    'feeProceduresWithOnlinePayment',
    new Set(pays.filter((x) => x.online && feeIds.has(x.procedureId)).map((x) => x.procedureId)).size,
  );
  set(
    'feeProceduresWithFeeData',
    new Set(pays.filter((x) => feeIds.has(x.procedureId)).map((x) => x.procedureId)).size,
  );

  const fb = await feedbackFigures(db, scope.ids, p, cal, now);
  set('feedback', fb.total);
  set('feedbackOnTime', fb.answeredOnTime + fb.pendingInTime);
  set('feedbackSatisfactory', fb.total - fb.late);
  const sat = await satisfaction(db, scope.ids, p);
  const [complained] = await queryRows<{ n: string }>(
    db,
    sql`select count(distinct dossier_id)::text as n from (
          select dossier_id from feedback where kind = 'complaint' and dossier_id is not null
            and agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
            and created_at >= ${instant(p.from)} and created_at < ${instant(p.to)}
          union select (jsonb_array_elements_text(${JSON.stringify(sat.dislikedDossiers)}::jsonb))::uuid
        ) x`,
  );
  set('dossiersComplainedOrDisliked', Number(complained?.n ?? 0));
  const [digitised] = await queryRows<{ n: string }>(
    db,
    sql`select count(distinct f.dossier_id)::text as n from dossier_files f join dossiers d on d.id = f.dossier_id
        where f.kind = 'component' and d.agency_id in (select jsonb_array_elements_text(${JSON.stringify(scope.ids)}::jsonb)::uuid)
          and d.accepted_at >= ${instant(p.from)} and d.accepted_at < ${instant(p.to)}`,
  );
  set('digitised', Number(digitised?.n ?? 0));

  const entered = await queryRows<{
    key: string;
    value: number;
    note: string;
    enteredBy: string | null;
    enteredAt: string;
  }>(
    db,
    sql`select e.key, e.value, e.note, u.full_name as "enteredBy", e.entered_at as "enteredAt"
        from stats_entered_inputs e left join users u on u.id = e.entered_by
        where e.agency_id = ${scope.agency.id} and e.period_from = ${dayToIso(p.from)} and e.period_to = ${dayToIso(p.to - 1)}`,
  );
  for (const e of entered) {
    if (!(ENTERED_INPUTS as readonly string[]).includes(e.key)) continue;
    inputs[e.key as InputKey] = {
      value: e.value,
      source: 'entered',
      note: `${e.note} — ${e.enteredBy ?? 'quản trị'} nhập ngày ${viDate(dayToIso(localDayOf(new Date(e.enteredAt))))}`,
      enteredBy: e.enteredBy,
      enteredAt: new Date(e.enteredAt).toISOString(),
    };
  }
  return { scorecard: scorecard(inputs), inputs };
}

/** Which report cell lists the dossiers behind a scorecard input (for "show the dossiers"). */
export const INPUT_CELLS: Partial<Record<InputKey, Cell>> = {
  toHandle: 'carriedOver',
  received: 'received',
  receivedOnline: 'receivedOnline',
  resolved: 'resolved',
  resolvedLate: 'resolvedLate',
};

export function assertEnterable(key: string): asserts key is InputKey {
  if (!(ENTERED_INPUTS as readonly string[]).includes(key)) {
    throw new AppError(
      422,
      'INPUT_COMPUTED',
      'Chỉ tiêu này được tính từ dữ liệu của hệ thống, không nhập tay; chỉ nhập các số liệu ngoài hệ thống (CSDL quốc gia, đồng bộ DVCQG, kho dữ liệu).',
    );
  }
}

/** A scorecard figure entered by hand for a period (upserted), and its audit row. */
export async function enterInput(
  db: Db,
  user: AuthUser,
  now: Date,
  input: { agencyId: string; from: string; to: string; key: string; value: number; note: string },
): Promise<void> {
  await db
    .insert(statsEnteredInputs)
    .values({
      agencyId: input.agencyId,
      periodFrom: input.from,
      periodTo: input.to,
      key: input.key,
      value: input.value,
      note: input.note,
      enteredBy: user.id,
      enteredAt: now,
    })
    .onConflictDoUpdate({
      target: [
        statsEnteredInputs.agencyId,
        statsEnteredInputs.periodFrom,
        statsEnteredInputs.periodTo,
        statsEnteredInputs.key,
      ],
      set: { value: input.value, note: input.note, enteredBy: user.id, enteredAt: now },
    });
  await db.insert(auditLog).values({
    at: now,
    actorId: user.id,
    action: 'stats.input-entered',
    entity: 'agency',
    entityId: input.agencyId,
    data: { from: input.from, to: input.to, key: input.key, value: input.value, note: input.note },
  });
}
