/**
 * The processing report (by agency with sub-agencies rolled up, field, procedure, channel, officer), the
 * dossiers behind any of its numbers, and its Excel and PDF exports.
 */
import { z } from 'zod';
import { dayToIso } from '../../../../domain/calendar/local';
import { Channel } from '../../../../domain/catalogue/procedure';
import { CELL_LABELS_VI, CELLS } from '../../../../domain/stats/report';
import type { App } from '../../../app';
import { MEDIA } from '../../../openapi';
import { requireRole } from '../../auth/auth.plugin';
import { dossiersBehind } from '../behind';
import { DIMENSIONS, type Dimension } from '../scope';
import { reportPdf, reportXlsx } from '../stats.export';
import { DossiersBehind, ProcessingReport } from '../stats.schema';
import { processingReport } from '../totals';
import { PeriodQuery, STAFF, type StatsRoutes, tags } from './context';

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

export function processingRoutes(app: App, { prepare }: StatsRoutes): void {
  const { reports, clock } = app.deps;

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
}
