// The dossiers behind a number of a report.
import { type SQL, sql } from 'drizzle-orm';
import { subtreeIds } from '../../../domain/agency/agency';
import type { Channel } from '../../../domain/catalogue/procedure';
import { DVCQG_STATUS, type StatusCode } from '../../../domain/dossier/status';
import { STOCK_STATES, type StockState } from '../../../domain/stats/classify';
import type { Cell } from '../../../domain/stats/report';
import { type Db, queryRows } from '../../db/database';
import { errors } from '../../errors';
import { NO_OFFICER } from './rollups';
import type { AgencyRow, Dimension, Filters, Period } from './scope';

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
