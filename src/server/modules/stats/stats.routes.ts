import { z } from 'zod';
import { dayToIso, localDayOf } from '../../../domain/calendar/local';
import { emptyTotals, figures } from '../../../domain/stats/report';
import type { App } from '../../app';
import { ROLLUPS_JOB } from '../../jobs/jobs';
import { requireRole } from '../auth/auth.plugin';
import { consistencyCheck } from './consistency';
import type { RefreshResult } from './rollups';
import { IsoDate, PeriodQuery, type StatsRoutes, tags } from './routes/context';
import { dashboardRoutes } from './routes/dashboard';
import { processingRoutes } from './routes/processing';
import { scorecardRoutes } from './routes/scorecard';
import { period, reportScope } from './scope';
import { scorecardFor } from './scorecard';
import { Consistency, Transparency } from './stats.schema';
import { reportTotals } from './totals';

/**
 * Statistics: the processing report (by agency with sub-agencies rolled up, field, procedure, channel,
 * officer), the dossiers behind every number, exports, the Decision 766 scorecard, satisfaction and
 * feedback figures, the leaders' dashboard, and the public transparency page. Every read first brings
 * the rollups up to date (`refreshRollups`), so a report includes every command committed before it.
 */
export async function statsRoutes(app: App): Promise<void> {
  // Reports read `reports` (a read replica when one is configured, issue 18): the refresh below runs on the
  // primary, so a replica shows a command committed before the request once it has replayed it (a lag of well
  // under a second on a healthy replica). The 766 scorecard reads the primary: it shows the figures a leader has
  // just entered.
  const { reports, clock } = app.deps;
  // The rollup refresh is a job of the app's runner (jobs/jobs.ts): a report's refresh starts after the one in
  // progress ends, so it sees every command committed before the request; runs never overlap within a process.
  const rollups = app.jobs.job<RefreshResult>(ROLLUPS_JOB);
  const today = () => localDayOf(clock.now());

  const prepare = async (user: Parameters<typeof reportScope>[1], q: z.infer<typeof PeriodQuery>) => {
    await rollups.runNow();
    const p = period(q.from, q.to, today());
    const scope = await reports.read((db) => reportScope(db, user, q.agencyId));
    return { p, scope };
  };
  const shared: StatsRoutes = { today, prepare };

  // Registered in this order, which is the order of the OpenAPI document: the processing report and its exports,
  // the scorecard and satisfaction, the dashboard (routes/), then the checks, the refresh and the public page.
  processingRoutes(app, shared);
  scorecardRoutes(app, shared);
  dashboardRoutes(app, shared);

  app.get(
    '/stats/consistency',
    {
      schema: {
        tags,
        summary: 'Kiểm tra: tính lại kỳ báo cáo từ nhật ký sự kiện hồ sơ và so khớp với bảng tổng hợp',
        querystring: PeriodQuery,
        response: { 200: Consistency },
      },
    },
    async (req) => {
      const user = requireRole(req, ['admin', 'leader'], 'kiểm tra số liệu thống kê');
      const { p, scope } = await prepare(user, req.query);
      return reports.read((db) => consistencyCheck(db, scope.ids, p));
    },
  );

  app.post(
    '/stats/refresh',
    {
      schema: {
        tags,
        summary: 'Cập nhật ngay bảng tổng hợp thống kê từ nhật ký sự kiện',
        response: {
          200: z.object({
            dossiers: z.number().int().describe('Hồ sơ có số liệu thay đổi'),
            consumedBelow: z.string().describe('Mốc giao dịch đã tổng hợp tới'),
          }),
        },
      },
    },
    async (req) => {
      requireRole(req, ['admin'], 'cập nhật bảng tổng hợp thống kê');
      return rollups.runNow();
    },
  );

  /** Public: each agency's on-time rate and scorecard total for a period (default: this year so far). */
  app.get(
    '/public/transparency',
    {
      schema: {
        tags,
        summary:
          'Công khai kết quả giải quyết hồ sơ và điểm Bộ chỉ số 766 của từng cơ quan (không cần đăng nhập)',
        querystring: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }),
        response: { 200: Transparency },
      },
    },
    async (req) => {
      const t = today();
      const to = req.query.to ?? dayToIso(t);
      const from = req.query.from ?? `${to.slice(0, 4)}-01-01`;
      await rollups.runNow();
      const p = period(from, to, t);
      const cal = await app.calendar.forOfficeHours();
      return reports.read(async (db) => {
        const root = await reportScope(db, null, undefined);
        const agencies = [];
        for (const a of root.tree) {
          const scope = await reportScope(db, null, a.id);
          const sum = figures((await reportTotals(db, scope.ids, p, 'none')).get('') ?? emptyTotals());
          // No dossier to handle in the period is "no data", not a score of 16 (issue 25).
          const scorecard =
            sum.toHandle > 0 ? (await scorecardFor(db, scope, p, cal, clock.now())).scorecard : null;
          agencies.push({
            id: a.id,
            code: a.code,
            name: a.name,
            parentId: a.parentId,
            subAgencies: scope.ids.filter((x) => x !== a.id).length,
            figures: sum,
            score: scorecard?.total ?? null,
            groups:
              scorecard?.groups.map((g) => ({ code: g.code, name: g.name, max: g.max, score: g.score })) ??
              [],
          });
        }
        return { from, to, asOf: dayToIso(p.asOf - 1), agencies };
      });
    },
  );
}
