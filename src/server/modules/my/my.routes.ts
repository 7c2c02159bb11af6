import { z } from 'zod';
import type { App } from '../../app';
import { AppError } from '../../errors';
import { requireRole } from '../auth/auth.plugin';
import { PORTAL_UPLOADS, receiveUploads, UPLOAD_MAX_BYTES } from '../files/uploads';
import { MyApplicant, MyDossier, MyDossierList } from './my.schema';
import { checkSupplement, listMyDossiers, myApplicant, myDossier, submitSupplement } from './my.service';

const tags = ['Hồ sơ của tôi'];
const Params = z.object({ id: z.uuid() });

/** The applicant's own dossiers on the portal: list, progress in plain words, and supplements. */
export async function myRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const WHAT = 'xem hồ sơ của mình (đăng nhập bằng tài khoản công dân)';

  app.get(
    '/my/dossiers',
    { schema: { tags, summary: 'Hồ sơ tôi đã nộp', response: { 200: MyDossierList } } },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      return database.read((db) => listMyDossiers(db, user, clock.now()));
    },
  );

  app.get(
    '/my/applicant',
    {
      schema: {
        tags,
        summary:
          'Số định danh, ngày sinh tôi đã khai cho chính mình ở hồ sơ gần nhất (để điền sẵn khi nộp hồ sơ mới)',
        response: { 200: MyApplicant },
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      return database.read((db) => myApplicant(db, user));
    },
  );

  app.get(
    '/my/dossiers/:id',
    {
      schema: {
        tags,
        summary: 'Tiến độ một hồ sơ tôi đã nộp, giấy tờ cần bổ sung',
        params: Params,
        response: { 200: MyDossier },
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      return database.read((db) => myDossier(db, user, req.params.id, clock.now()));
    },
  );

  app.post(
    '/my/dossiers/:id/supplement',
    {
      schema: {
        tags,
        summary: `Nộp bổ sung giấy tờ theo yêu cầu (ảnh chụp hoặc PDF, tối đa ${UPLOAD_MAX_BYTES / 1024 / 1024} MB mỗi tệp)`,
        description:
          'Multipart: các tệp và trường `note` (tùy chọn). Hồ sơ phải đang ở trạng thái "Yêu cầu bổ sung giấy tờ". ' +
          'Việc nộp bổ sung được ghi nhận ngay: thời hạn giải quyết được tính lại từ thời điểm này.',
        consumes: ['multipart/form-data'],
        params: Params,
        response: { 200: MyDossier },
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], 'nộp bổ sung hồ sơ');
      // Whose dossier it is and whether it awaits a supplement are settled before the upload is read.
      await database.read((db) => checkSupplement(db, user, req.params.id));
      const { files: uploads, fields } = await receiveUploads(req, PORTAL_UPLOADS, app.deps.storage);
      const note = fields.note?.trim().slice(0, 2000) || undefined;
      if (uploads.length === 0)
        throw new AppError(400, 'FILE_REQUIRED', 'Hãy chụp hoặc chọn ít nhất một tệp giấy tờ bổ sung.');
      const now = clock.now();
      await database.tx((db) =>
        submitSupplement(db, app.calendar, user, now, req.params.id, note, uploads, database.autonomous),
      );
      return database.read((db) => myDossier(db, user, req.params.id, now));
    },
  );
}
