import { sql } from 'drizzle-orm';
import { dayToIso } from '../../../domain/calendar/local';
import type { DossierEvent } from '../../../domain/dossier/events';
import { type Delta, dossierDeltas } from '../../../domain/stats/classify';
import { type Database, type Db, queryRows } from '../../db/database';

/** Officer key of figures attributed to nobody (rollup keys cannot be null). */
export const NO_OFFICER = '00000000-0000-0000-0000-000000000000';
const LOCK = 766_0001;
const BATCH = 2000;

interface Dims {
  agencyId: string;
  procedureId: string;
  fieldCode: string;
  channel: string;
}

/** First day of the month of a day number, as YYYY-MM-DD. */
export function monthOf(day: number): string {
  return `${dayToIso(day).slice(0, 8)}01`;
}

type Cell = Dims & { day: number; metric: string; officerId: string; n: number };

/** The signed difference between a dossier's new and old contributions, cell by cell. */
function diff(dims: Dims, next: Delta[], prevDims: Dims | null, prev: Delta[]): Cell[] {
  const out = new Map<string, Cell>();
  const add = (d: Dims, x: Delta, sign: number) => {
    const officerId = x.officerId ?? NO_OFFICER;
    const k = `${d.agencyId}|${d.procedureId}|${d.fieldCode}|${d.channel}|${x.day}|${x.metric}|${officerId}`;
    const c = out.get(k) ?? { ...d, day: x.day, metric: x.metric, officerId, n: 0 };
    c.n += sign * x.n;
    out.set(k, c);
  };
  if (prevDims) for (const x of prev) add(prevDims, x, -1);
  for (const x of next) add(dims, x, 1);
  return [...out.values()].filter((c) => c.n !== 0);
}

/** Recomputes the contributions of these dossiers and applies the differences to the rollups. */
async function applyDossiers(t: Db, ids: string[]): Promise<number> {
  await t.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
  const rows = await queryRows<DossierHistory>(
    t,
    sql`select d.id, d.agency_id as "agencyId", d.procedure_id as "procedureId", v.field_code as "fieldCode",
          d.channel, d.event_count as "eventCount",
          coalesce((select jsonb_agg(e.event order by e.seq) from dossier_events e where e.dossier_id = d.id), '[]') as events
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where d.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
  );
  return applyHistories(t, rows);
}

/** A dossier's whole history and the dimensions it is counted under. */
export interface DossierHistory extends Dims {
  id: string;
  events: DossierEvent[];
  /** The dossier's `event_count` that `events` reflects: a contribution with the same count is current. */
  eventCount: number;
}

/**
 * Applies the contributions of these histories as differences with what each dossier contributed before,
 * in the caller's transaction: used by the job (histories read from the event log) and by the history
 * generator (the histories it has just written, in the same transaction as their events).
 */
export async function applyHistories(t: Db, rows: DossierHistory[]): Promise<number> {
  await t.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
  const prev = await queryRows<Dims & { dossierId: string; deltas: Delta[]; eventCount: number }>(
    t,
    sql`select dossier_id as "dossierId", agency_id as "agencyId", procedure_id as "procedureId",
          field_code as "fieldCode", channel, deltas, event_count as "eventCount"
        from stats_contributions
        where dossier_id in (select (jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.id))}::jsonb))::uuid)`,
  );
  const prevOf = new Map(prev.map((p) => [p.dossierId, p]));
  const cells: Cell[] = [];
  const contributions: (Dims & { dossierId: string; deltas: Delta[]; eventCount: number })[] = [];
  for (const r of rows) {
    const dims: Dims = {
      agencyId: r.agencyId,
      procedureId: r.procedureId,
      fieldCode: r.fieldCode,
      channel: r.channel,
    };
    const next = dossierDeltas(r.events);
    const p = prevOf.get(r.id);
    const changes = diff(dims, next, p ?? null, p?.deltas ?? []);
    // unchanged and already recorded at this event count: nothing to write
    if (changes.length === 0 && p && p.eventCount === r.eventCount) continue;
    cells.push(...changes);
    contributions.push({ ...dims, dossierId: r.id, deltas: next, eventCount: r.eventCount });
  }
  await addCells(t, cells);
  if (contributions.length > 0) {
    await t.execute(sql`
      insert into stats_contributions (dossier_id, agency_id, procedure_id, field_code, channel, deltas, event_count)
      select x."dossierId", x."agencyId", x."procedureId", x."fieldCode", x.channel, x.deltas, x."eventCount"
      from jsonb_to_recordset(${JSON.stringify(contributions)}::jsonb) as x("dossierId" uuid, "agencyId" uuid,
        "procedureId" uuid, "fieldCode" text, channel text, deltas jsonb, "eventCount" int)
      on conflict (dossier_id) do update set deltas = excluded.deltas, event_count = excluded.event_count,
        agency_id = excluded.agency_id, procedure_id = excluded.procedure_id, field_code = excluded.field_code,
        channel = excluded.channel`);
  }
  return contributions.length;
}

/** Adds signed cells to the daily rollup and, for stock deltas, to the monthly one. */
export async function addCells(t: Db, cells: Cell[]): Promise<void> {
  if (cells.length === 0) return;
  // one row per key: several dossiers of a batch often share a cell
  const merged = new Map<string, Cell>();
  for (const c of cells) {
    const k = `${c.agencyId}|${c.procedureId}|${c.fieldCode}|${c.channel}|${c.day}|${c.metric}|${c.officerId}`;
    const m = merged.get(k) ?? { ...c, n: 0 };
    m.n += c.n;
    merged.set(k, m);
  }
  const daily = [...merged.values()].filter((c) => c.n !== 0).map((c) => ({ ...c, day: dayToIso(c.day) }));
  const monthly = new Map<string, Omit<Cell, 'day'> & { month: string }>();
  for (const c of cells) {
    if (!c.metric.startsWith('open_')) continue;
    const month = monthOf(c.day);
    const k = `${c.agencyId}|${c.procedureId}|${c.fieldCode}|${c.channel}|${month}|${c.metric}|${c.officerId}`;
    const m = monthly.get(k) ?? { ...c, month, n: 0 };
    m.n += c.n;
    monthly.set(k, m);
  }
  await addCoarse(t, daily);
  for (let i = 0; i < daily.length; i += 5000) {
    await t.execute(sql`
      insert into stats_daily (agency_id, day, procedure_id, field_code, channel, officer_id, metric, n)
      select x."agencyId", x.day, x."procedureId", x."fieldCode", x.channel, x."officerId", x.metric, x.n
      from jsonb_to_recordset(${JSON.stringify(daily.slice(i, i + 5000))}::jsonb) as x("agencyId" uuid, day date,
        "procedureId" uuid, "fieldCode" text, channel text, "officerId" uuid, metric text, n bigint)
      on conflict (agency_id, day, procedure_id, field_code, channel, officer_id, metric)
      do update set n = stats_daily.n + excluded.n`);
  }
  const months = [...monthly.values()].filter((m) => m.n !== 0);
  for (let i = 0; i < months.length; i += 5000) {
    await t.execute(sql`
      insert into stats_monthly (agency_id, month, procedure_id, field_code, channel, officer_id, metric, n)
      select x."agencyId", x.month, x."procedureId", x."fieldCode", x.channel, x."officerId", x.metric, x.n
      from jsonb_to_recordset(${JSON.stringify(months.slice(i, i + 5000))}::jsonb) as x("agencyId" uuid, month date,
        "procedureId" uuid, "fieldCode" text, channel text, "officerId" uuid, metric text, n bigint)
      on conflict (agency_id, month, procedure_id, field_code, channel, officer_id, metric)
      do update set n = stats_monthly.n + excluded.n`);
  }
}

export const GRAINS = ['day', 'month', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** First day of the day, month or year holding an ISO date. */
export function grainStart(grain: Grain, iso: string): string {
  return grain === 'day' ? iso : grain === 'month' ? `${iso.slice(0, 8)}01` : `${iso.slice(0, 5)}01-01`;
}

/**
 * Adds the same cells to the coarse rollups (issue 8): per agency, channel and metric at the grains day,
 * month and year, per agency and procedure, and per agency, field and officer at the same grains. Same transaction, same
 * differences as `stats_daily`, so these tables are always its exact sums.
 */
async function addCoarse(t: Db, daily: (Omit<Cell, 'day'> & { day: string })[]): Promise<void> {
  const coarse = new Map<
    string,
    { agencyId: string; grain: Grain; start: string; channel: string; metric: string; n: number }
  >();
  const byProc = new Map<
    string,
    { agencyId: string; grain: Grain; start: string; procedureId: string; metric: string; n: number }
  >();
  const byStaff = new Map<
    string,
    {
      agencyId: string;
      grain: Grain;
      start: string;
      fieldCode: string;
      officerId: string;
      metric: string;
      n: number;
    }
  >();
  for (const c of daily) {
    for (const grain of GRAINS) {
      const start = grainStart(grain, c.day);
      const ks = `${c.agencyId}|${grain}|${start}|${c.fieldCode}|${c.officerId}|${c.metric}`;
      const ms = byStaff.get(ks) ?? {
        agencyId: c.agencyId,
        grain,
        start,
        fieldCode: c.fieldCode,
        officerId: c.officerId,
        metric: c.metric,
        n: 0,
      };
      ms.n += c.n;
      byStaff.set(ks, ms);
      const k = `${c.agencyId}|${grain}|${start}|${c.channel}|${c.metric}`;
      const m = coarse.get(k) ?? {
        agencyId: c.agencyId,
        grain,
        start,
        channel: c.channel,
        metric: c.metric,
        n: 0,
      };
      m.n += c.n;
      coarse.set(k, m);
      const kp = `${c.agencyId}|${grain}|${start}|${c.procedureId}|${c.metric}`;
      const mp = byProc.get(kp) ?? {
        agencyId: c.agencyId,
        grain,
        start,
        procedureId: c.procedureId,
        metric: c.metric,
        n: 0,
      };
      mp.n += c.n;
      byProc.set(kp, mp);
    }
  }
  const rows = [...coarse.values()].filter((c) => c.n !== 0);
  for (let i = 0; i < rows.length; i += 5000) {
    await t.execute(sql`
      insert into stats_coarse (agency_id, grain, start, channel, metric, n)
      select x."agencyId", x.grain, x.start, x.channel, x.metric, x.n
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb) as x("agencyId" uuid, grain text,
        start date, channel text, metric text, n bigint)
      on conflict (agency_id, grain, start, channel, metric) do update set n = stats_coarse.n + excluded.n`);
  }
  const procRows = [...byProc.values()].filter((c) => c.n !== 0);
  for (let i = 0; i < procRows.length; i += 5000) {
    await t.execute(sql`
      insert into stats_coarse_procedure (agency_id, grain, start, procedure_id, metric, n)
      select x."agencyId", x.grain, x.start, x."procedureId", x.metric, x.n
      from jsonb_to_recordset(${JSON.stringify(procRows.slice(i, i + 5000))}::jsonb) as x("agencyId" uuid, grain text,
        start date, "procedureId" uuid, metric text, n bigint)
      on conflict (agency_id, grain, start, procedure_id, metric) do update set n = stats_coarse_procedure.n + excluded.n`);
  }
  const staffRows = [...byStaff.values()].filter((c) => c.n !== 0);
  for (let i = 0; i < staffRows.length; i += 5000) {
    await t.execute(sql`
      insert into stats_coarse_staff (agency_id, grain, start, field_code, officer_id, metric, n)
      select x."agencyId", x.grain, x.start, x."fieldCode", x."officerId", x.metric, x.n
      from jsonb_to_recordset(${JSON.stringify(staffRows.slice(i, i + 5000))}::jsonb) as x("agencyId" uuid, grain text,
        start date, "fieldCode" text, "officerId" uuid, metric text, n bigint)
      on conflict (agency_id, grain, start, field_code, officer_id, metric)
        do update set n = stats_coarse_staff.n + excluded.n`);
  }
}

export interface RefreshResult {
  /** Dossiers whose contribution changed. */
  dossiers: number;
  /** The watermark after the run (transaction id below which every event is counted). */
  consumedBelow: string;
}

/**
 * Brings the rollups up to date with `dossier_events` (the incremental job). Events are consumed by
 * writing transaction: every transaction with an id below the oldest one still running is finished, so
 * once the events of the ids in [watermark, xmin) are applied the watermark moves to xmin, and no event
 * can be missed or appear later below it. Committed events above xmin are applied too (and again next
 * time), so the rollups include every command committed before the run. Each dossier touched is recomputed from its whole history and
 * applied as the difference with what it contributed before — in the same transaction as that record —
 * so a rerun, an overlap between two runs or a crash between batches can never count anything twice.
 * Batches serialize on an advisory lock; the watermark moves forward only, after the last batch.
 */
export async function refreshRollups(database: Database, now: () => Date): Promise<RefreshResult> {
  const window = await database.tx(async (t) => {
    await t.execute(sql`insert into stats_watermark (name, consumed_below, runs, updated_at)
      values ('events', '0'::xid8, 0, ${now()}) on conflict (name) do nothing`);
    const [w] = await queryRows<{ lo: string; hi: string }>(
      t,
      sql`select consumed_below::text as lo, pg_snapshot_xmin(pg_current_snapshot())::text as hi
          from stats_watermark where name = 'events'`,
    );
    const ids = await queryRows<{ id: string }>(
      t,
      // Also the committed events at or above xmin that this snapshot sees: a transaction still running
      // elsewhere on the cluster (any database) holds xmin back, and a report must still see every command
      // committed before it. They are read again by the next run, which changes nothing (differences).
      // A dossier whose stored contribution already reflects its event count is current (histories are
      // append-only): skipped, so the history generator's dossiers, applied as they were written, and
      // the events re-read above xmin cost a lookup, not a recomputation.
      sql`select x.id from (select distinct dossier_id as id from dossier_events where txid >= ${w!.lo}::xid8) x
          where not exists (select 1 from stats_contributions c join dossiers d on d.id = c.dossier_id
                            where c.dossier_id = x.id and c.event_count = d.event_count)
          order by 1`,
    );
    return { hi: w!.hi, ids: ids.map((r) => r.id) };
  });
  let changed = 0;
  for (let i = 0; i < window.ids.length; i += BATCH) {
    changed += await database.tx((t) => applyDossiers(t, window.ids.slice(i, i + BATCH)));
  }
  await database.tx((t) =>
    t.execute(sql`update stats_watermark set consumed_below = greatest(consumed_below, ${window.hi}::xid8),
      runs = runs + 1, updated_at = ${now()} where name = 'events'`),
  );
  return { dossiers: changed, consumedBelow: window.hi };
}
