import { z } from 'zod';
import type { App } from '../../app';
import { AppError } from '../../errors';
import { requireRole } from '../auth/auth.plugin';
import { reuseDocuments } from './commands';
import { ApplicantLookup, DossierView } from './dossiers.schema';
import { STAFF, tags } from './dossier-routes.shared';
import { frequentProcedures, lookupApplicant } from './read/search';
import { getDossier } from './read/view';

/**
 * What speeds up work at the counter: the applicant's details filled in from an earlier dossier, the procedures
 * the officer receives most, and the applicant's digitised documents reused instead of scanned again.
 */
export function dossierCounterRoutes(app: App): void {
  const { database, clock } = app.deps;
  const calendars = app.calendar;

  // The ID number travels in the body, never in the URL: URLs end up in access logs, proxies' logs and browser
  // history (Decree 13/2023; decision 0012).
  app.post(
    '/applicants/lookup',
    {
      schema: {
        tags,
        summary: 'Tìm người nộp đã từng nộp hồ sơ theo số định danh (điền sẵn thông tin tại quầy)',
        description:
          'Số định danh gửi trong nội dung yêu cầu (không đặt trên địa chỉ). Không có hồ sơ nào của người này trong phạm vi cơ quan → 404.',
        body: z.strictObject({
          idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm đúng 12 chữ số.'),
        }),
        response: { 200: ApplicantLookup },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'tra cứu người nộp');
      const found = await database.tx((db) => lookupApplicant(db, actor, clock.now(), req.body.idNumber));
      if (!found) throw new AppError(404, 'NOT_FOUND', 'Chưa có hồ sơ nào của người này tại cơ quan.');
      return found;
    },
  );

  app.get(
    '/dossiers/frequent-procedures',
    {
      schema: {
        tags,
        summary: 'Các thủ tục cán bộ tiếp nhận nhiều nhất trong 90 ngày qua',
        response: {
          200: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception', 'postal'], 'xem danh sách thủ tục thường dùng');
      return database.read((db) => frequentProcedures(db, actor, clock.now()));
    },
  );

  app.post(
    '/dossiers/:id/files/reuse',
    {
      schema: {
        tags,
        summary: 'Dùng lại giấy tờ đã số hóa của người nộp (không phải quét lại)',
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ fileIds: z.array(z.uuid()).min(1).max(20) }),
        response: { 200: DossierView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception', 'specialist', 'leader'], 'dùng lại giấy tờ');
      const now = clock.now();
      await database.tx((db) => reuseDocuments(db, actor, req.params.id, req.body.fileIds, now));
      return database.read((db) => getDossier(db, calendars, actor, req.params.id, now));
    },
  );
}
