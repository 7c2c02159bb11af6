import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { dayToIso, localDayOf } from '../../../domain/calendar/local';
import { Channel } from '../../../domain/catalogue/procedure';
import { IN_PROCESSING, sqlList } from '../../../domain/dossier/lifecycle';
import { CELL_LABELS_VI, CELLS, emptyTotals, figures } from '../../../domain/stats/report';
import { ENTERED_INPUTS, INPUT_LABELS_VI } from '../../../domain/stats/scorecard';
import type { App } from '../../app';
import { queryRows } from '../../db/database';
import { ROLLUPS_JOB } from '../../jobs/jobs';
import { MEDIA } from '../../openapi';
import { requireRole } from '../auth/auth.plugin';
import { dossiersBehind } from './behind';
import { consistencyCheck } from './consistency';
import type { RefreshResult } from './rollups';
import { DIMENSIONS, type Dimension, period, reportScope } from './scope';
import {
  assertEnterable,
  enterInput,
  feedbackFigures,
  INPUT_CELLS,
  satisfaction,
  scorecardFor,
} from './scorecard';
import { reportPdf, reportXlsx } from './stats.export';
import {
  Consistency,
  Dashboard,
  DossiersBehind,
  Ok,
  ProcessingReport,
  Satisfaction,
  ScorecardView,
  Transparency,
} from './stats.schema';
import { processingReport, reportTotals } from './totals';

const tags = ['Thống kê, báo cáo'];
const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;
const IsoDate = z.iso.date('Ngày phải có dạng YYYY-MM-DD.');

const PeriodQuery = z.object({
  agencyId: z.uuid().optional(),
  from: IsoDate,
  to: IsoDate,
});
const ReportQuery = PeriodQuery.extend({
  by: z.enum(DIMENSIONS).default('agency'),
  procedureId: z.uuid().optional(),
  fieldCode: z.string().max(40).optional(),
  channel: Channel.optional(),
  officerId: z.uuid().optional(),
});
const DIMENSION_LABELS: Record<Dimension, string> = {
  agency: 'Cơ quan, đơn vị',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục hành chính',
  channel: 'Hình thức tiếp nhận',
  officer: 'Cán bộ xử lý',
  none: 'Đơn vị',
};

const vn = (iso: string) => iso.split('-').reverse().join('/');

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
  const { database, reports, clock } = app.deps;
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

  app.get(
    '/stats/processing',
    {
      schema: {
        tags,
        summary:
          'Báo cáo tình hình giải quyết hồ sơ theo cơ quan (gộp cấp dưới), lĩnh vực, thủ tục, hình thức, cán bộ',
        querystring: ReportQuery,
        response: { 200: ProcessingReport },
      },
    },
    async (req) => {
      const user = requireRole(req, STAFF, 'xem thống kê');
      const { p, scope } = await prepare(user, req.query);
      const { rows, total } = await reports.read((db) =>
        processingReport(db, scope, p, req.query.by, req.query),
      );
      return {
        agency: { id: scope.agency.id, name: scope.agency.name },
        from: req.query.from,
        to: req.query.to,
        asOf: dayToIso(p.asOf - 1),
        by: req.query.by,
        rows,
        total,
        cells: CELLS.map((c) => ({ key: c, label: CELL_LABELS_VI[c] })),
      };
    },
  );

  app.get(
    '/stats/processing/dossiers',
    {
      schema: {
        tags,
        summary: 'Danh sách hồ sơ đứng sau một con số của báo cáo',
        querystring: ReportQuery.extend({
          cell: z.enum(CELLS),
          rowKey: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: DossiersBehind },
      },
    },
    async (req) => {
      const user = requireRole(req, STAFF, 'xem thống kê');
      const q = req.query;
      const { p, scope } = await prepare(user, q);
      return reports.read((db) =>
        dossiersBehind(db, scope, p, q.cell, q, q.rowKey !== undefined ? { by: q.by, key: q.rowKey } : null, {
          limit: q.limit,
          offset: q.offset,
        }),
      );
    },
  );

  for (const ext of ['xlsx', 'pdf'] as const) {
    app.get(
      `/stats/processing.${ext}`,
      {
        schema: {
          tags,
          summary: `Xuất báo cáo tình hình giải quyết hồ sơ (${ext === 'xlsx' ? 'Excel' : 'PDF'})`,
          querystring: ReportQuery,
          produces: [MEDIA[ext]],
        },
      },
      async (req, reply) => {
        const user = requireRole(req, STAFF, 'xuất báo cáo thống kê');
        const { p, scope } = await prepare(user, req.query);
        const { rows, total } = await reports.read((db) =>
          processingReport(db, scope, p, req.query.by, req.query),
        );
        const parent = scope.tree.find((a) => a.id === scope.agency.parentId);
        const doc = {
          agencyName: scope.agency.name,
          superiorName: parent?.name ?? null,
          title: 'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính',
          periodText: `Kỳ báo cáo: từ ngày ${vn(req.query.from)} đến ngày ${vn(req.query.to)} (số liệu hồ sơ đang giải quyết tính đến hết ngày ${vn(dayToIso(p.asOf - 1))})`,
          dimensionLabel: DIMENSION_LABELS[req.query.by],
          rows,
          total,
          printedAt: clock.now().toISOString(),
        };
        const body = ext === 'xlsx' ? await reportXlsx(doc) : await reportPdf(doc);
        const name = `bao-cao-giai-quyet-ho-so-${req.query.from}-${req.query.to}.${ext}`;
        return reply
          .header(
            'content-type',
            ext === 'xlsx'
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'application/pdf',
          )
          .header('content-disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`)
          .send(body);
      },
    );
  }

  app.get(
    '/stats/scorecard',
    {
      schema: {
        tags,
        summary:
          'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): điểm, công thức, số liệu đầu vào',
        querystring: PeriodQuery,
        response: { 200: ScorecardView },
      },
    },
    async (req) => {
      const user = requireRole(req, STAFF, 'xem Bộ chỉ số 766');
      const { p, scope } = await prepare(user, req.query);
      const cal = await app.calendar.forOfficeHours();
      const { scorecard, inputs } = await database.read((db) => scorecardFor(db, scope, p, cal, clock.now()));
      return {
        agency: { id: scope.agency.id, name: scope.agency.name },
        from: req.query.from,
        to: req.query.to,
        ...scorecard,
        inputCells: INPUT_CELLS,
        enterable: ENTERED_INPUTS.map((k) => ({ key: k, label: INPUT_LABELS_VI[k], value: inputs[k] })),
      };
    },
  );

  app.put(
    '/stats/scorecard/inputs',
    {
      schema: {
        tags,
        summary: 'Nhập số liệu ngoài hệ thống cho Bộ chỉ số 766 (có ghi nguồn)',
        body: z.strictObject({
          agencyId: z.uuid(),
          from: IsoDate,
          to: IsoDate,
          key: z.string().min(1).max(60),
          value: z.number().int('Số liệu phải là số nguyên.').min(0, 'Số liệu không được âm.').max(1e9),
          note: z
            .string()
            .trim()
            .min(3, 'Hãy ghi nguồn số liệu (văn bản, trang báo cáo của Cổng DVCQG…).')
            .max(500),
        }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      const user = requireRole(req, ['leader', 'admin'], 'nhập số liệu Bộ chỉ số 766');
      const b = req.body;
      assertEnterable(b.key);
      period(b.from, b.to, today() + 100_000);
      const now = clock.now();
      await database.tx(async (db) => {
        await reportScope(db, user, b.agencyId);
        await enterInput(db, user, now, b);
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/stats/satisfaction',
    {
      schema: {
        tags,
        summary: 'Mức độ hài lòng (đánh giá của người dân) và kết quả xử lý phản ánh, kiến nghị',
        querystring: PeriodQuery,
        response: { 200: Satisfaction },
      },
    },
    async (req) => {
      const user = requireRole(req, STAFF, 'xem thống kê');
      const { p, scope } = await prepare(user, req.query);
      const cal = await app.calendar.forOfficeHours();
      return reports.read(async (db) => {
        const { dislikedDossiers, ...ratings } = await satisfaction(db, scope.ids, p);
        return {
          ratings: { ...ratings, disliked: dislikedDossiers.length },
          feedback: await feedbackFigures(db, scope.ids, p, cal, clock.now()),
        };
      });
    },
  );

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
