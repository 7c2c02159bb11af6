// Consistency: a period recomputed from the event log and compared with the rollups cell by cell.
import { sql } from 'drizzle-orm';
import type { DossierEvent } from '../../../domain/dossier/events';
import { classifyForPeriod } from '../../../domain/stats/classify';
import { addFigures, emptyTotals, type Totals } from '../../../domain/stats/report';
import { type Db, queryRows } from '../../db/database';
import { NO_OFFICER } from './rollups';
import { type Period, where } from './scope';
import { addTotalsInto, coarseTotalsBy, fineTotals } from './totals';

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
