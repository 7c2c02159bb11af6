/**
 * The Decision 766 scorecard (scores, formulas, input figures), the figures leaders enter from outside the
 * system, and satisfaction (citizens' ratings) with the handling of feedback.
 */
import { z } from 'zod';
import { ENTERED_INPUTS, INPUT_LABELS_VI } from '../../../../domain/stats/scorecard';
import type { App } from '../../../app';
import { requireRole } from '../../auth/auth.plugin';
import { period, reportScope } from '../scope';
import {
  assertEnterable,
  enterInput,
  feedbackFigures,
  INPUT_CELLS,
  satisfaction,
  scorecardFor,
} from '../scorecard';
import { Ok, Satisfaction, ScorecardView } from '../stats.schema';
import { IsoDate, PeriodQuery, STAFF, type StatsRoutes, tags } from './context';

export function scorecardRoutes(app: App, { prepare, today }: StatsRoutes): void {
  const { database, reports, clock } = app.deps;

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
}
