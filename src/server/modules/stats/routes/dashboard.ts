/**
 * The leaders' dashboard: intake and resolution by month, on-time rates by agency, what is overdue now,
 * the procedures most often late, and the officers' figures.
 */
import { sql } from 'drizzle-orm';
import { dayToIso } from '../../../../domain/calendar/local';
import { IN_PROCESSING, sqlList } from '../../../../domain/dossier/lifecycle';
import type { App } from '../../../app';
import { queryRows } from '../../../db/database';
import { requireRole } from '../../auth/auth.plugin';
import { Dashboard } from '../stats.schema';
import { processingReport } from '../totals';
import { PeriodQuery, STAFF, type StatsRoutes, tags } from './context';

export function dashboardRoutes(app: App, { prepare }: StatsRoutes): void {
  const { reports, clock } = app.deps;

  app.get(
    '/stats/dashboard',
    {
      schema: {
        tags,
        summary:
          'Bảng điều hành: xu hướng tiếp nhận, giải quyết; tỷ lệ đúng hạn theo đơn vị; quá hạn hiện tại; thủ tục, cán bộ',
        querystring: PeriodQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => {
      const user = requireRole(req, STAFF, 'xem thống kê');
      const { p, scope } = await prepare(user, req.query);
      return reports.read(async (db) => {
        const json = JSON.stringify(scope.ids);
        const trend = await queryRows<{ month: string; metric: string; n: string }>(
          db,
          sql`select to_char(day, 'YYYY-MM') as month, metric, sum(n)::text as n from stats_daily
              where agency_id in (select jsonb_array_elements_text(${json}::jsonb)::uuid)
                and day >= ${dayToIso(p.from)} and day < ${dayToIso(p.to)}
                and metric in ('received_counter', 'received_online', 'received_postal', 'resolved_early', 'resolved_on_time', 'resolved_late')
              group by 1, 2 order by 1`,
        );
        const months = new Map<string, { month: string; received: number; resolved: number; late: number }>();
        for (const r of trend) {
          const m = months.get(r.month) ?? { month: r.month, received: 0, resolved: 0, late: 0 };
          if (r.metric.startsWith('received')) m.received += Number(r.n);
          else m.resolved += Number(r.n);
          if (r.metric === 'resolved_late') m.late += Number(r.n);
          months.set(r.month, m);
        }
        const byAgency = await processingReport(db, scope, p, 'agency', {});
        const byProcedure = await processingReport(db, scope, p, 'procedure', {});
        const byOfficer = await processingReport(db, scope, p, 'officer', {});
        const [now] = await queryRows<{ overdue: string; open: string }>(
          db,
          sql`select count(*) filter (where due_at < ${clock.now().toISOString()}::timestamptz)::text as overdue, count(*)::text as open
              from dossiers where status in (${sql.raw(sqlList(IN_PROCESSING))})
                and agency_id in (select jsonb_array_elements_text(${json}::jsonb)::uuid)`,
        );
        const rate = (f: { onTimeRate: number | null }) => f.onTimeRate;
        return {
          agency: { id: scope.agency.id, name: scope.agency.name },
          total: byAgency.total,
          trend: [...months.values()],
          onTimeByAgency: byAgency.rows.map((r) => ({
            key: r.key,
            label: r.label,
            resolved: r.figures.resolved,
            onTimeRate: rate(r.figures),
          })),
          overdueNow: { overdue: Number(now?.overdue ?? 0), open: Number(now?.open ?? 0) },
          topLateProcedures: byProcedure.rows
            .filter((r) => r.figures.resolvedLate + r.figures.inProgressOverdue > 0)
            .sort(
              (a, b) =>
                b.figures.resolvedLate +
                b.figures.inProgressOverdue -
                (a.figures.resolvedLate + a.figures.inProgressOverdue),
            )
            .slice(0, 10)
            .map((r) => ({
              key: r.key,
              label: r.label,
              late: r.figures.resolvedLate,
              overdue: r.figures.inProgressOverdue,
              resolved: r.figures.resolved,
            })),
          officers: byOfficer.rows
            .filter((r) => r.figures.resolved > 0)
            .map((r) => ({
              key: r.key,
              label: r.label,
              resolved: r.figures.resolved,
              onTimeRate: rate(r.figures),
            })),
        };
      });
    },
  );
}
