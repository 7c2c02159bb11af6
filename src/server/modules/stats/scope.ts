// Who and what a report covers: the agencies of a scope, the period, the grouping and its filters.
import { type SQL, sql } from 'drizzle-orm';
import { subtreeIds } from '../../../domain/agency/agency';
import { isoToDay } from '../../../domain/calendar/local';
import type { Channel } from '../../../domain/catalogue/procedure';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { type Db, queryRows } from '../../db/database';
import { errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';

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

export interface AgencyRow {
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

export const KEY_SQL: Record<Dimension, SQL> = {
  agency: sql.raw('agency_id::text'),
  field: sql.raw('field_code'),
  procedure: sql.raw('procedure_id::text'),
  channel: sql.raw('channel'),
  officer: sql.raw('officer_id::text'),
  none: sql.raw("''"),
};

export function where(ids: readonly string[], f: Filters): SQL {
  // an array literal, not a subquery: the planner then uses the rollups' keys (agency first) per agency
  const parts: SQL[] = [sql`agency_id = any(${`{${ids.join(',')}}`}::uuid[])`];
  if (f.procedureId) parts.push(sql`procedure_id = ${f.procedureId}`);
  if (f.fieldCode) parts.push(sql`field_code = ${f.fieldCode}`);
  if (f.channel) parts.push(sql`channel = ${f.channel}`);
  if (f.officerId) parts.push(sql`officer_id = ${f.officerId}`);
  return sql.join(parts, sql` and `);
}
