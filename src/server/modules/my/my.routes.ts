import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../../app';
import { AppError } from '../../errors';
import { requireRole } from '../auth/auth.plugin';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES, UPLOAD_TYPES } from '../drafts/drafts.schema';
import { listMyDossiers, myDossier, submitSupplement, type Upload } from './my.service';

const tags = ['Hồ sơ của tôi'];
const ALLOWED = new Set<string>(UPLOAD_TYPES);
const Params = z.object({ id: z.uuid() });

/** The applicant's own dossiers on the portal: list, progress in plain words, and supplements. */
export async function myRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const WHAT = 'xem hồ sơ của mình (đăng nhập bằng tài khoản công dân)';

  app.get('/my/dossiers', { schema: { tags, summary: 'Hồ sơ tôi đã nộp' } }, async (req) => {
    const user = requireRole(req, ['citizen'], WHAT);
    return database.read((db) => listMyDossiers(db, user, clock.now()));
  });

  app.get(
    '/my/dossiers/:id',
    { schema: { tags, summary: 'Tiến độ một hồ sơ tôi đã nộp, giấy tờ cần bổ sung', params: Params } },
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
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], 'nộp bổ sung hồ sơ');
      const uploads: Upload[] = [];
      let note: string | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'note' && typeof part.value === 'string')
            note = part.value.trim().slice(0, 2000) || undefined;
          continue;
        }
        const data = await part.toBuffer();
        if (!ALLOWED.has(part.mimetype)) {
          throw new AppError(
            415,
            'FILE_TYPE_NOT_ALLOWED',
            `Tệp ${part.filename}: chỉ nhận ảnh chụp (JPEG, PNG, WebP, HEIC) hoặc tệp PDF.`,
          );
        }
        if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', `Tệp ${part.filename} trống.`);
        if (data.length > UPLOAD_MAX_BYTES) {
          throw new AppError(
            413,
            'PAYLOAD_TOO_LARGE',
            `Tệp ${part.filename} quá lớn (tối đa ${UPLOAD_MAX_BYTES / 1024 / 1024} MB); hãy chụp lại với độ phân giải thấp hơn.`,
          );
        }
        uploads.push({
          name: part.filename.slice(0, 200),
          mime: part.mimetype,
          data,
          sha256: createHash('sha256').update(data).digest('hex'),
        });
      }
      if (uploads.length === 0)
        throw new AppError(400, 'FILE_REQUIRED', 'Hãy chụp hoặc chọn ít nhất một tệp giấy tờ bổ sung.');
      if (uploads.length > UPLOAD_MAX_FILES) {
        throw new AppError(400, 'TOO_MANY_FILES', `Mỗi lần nộp bổ sung tối đa ${UPLOAD_MAX_FILES} tệp.`);
      }
      const now = clock.now();
      await database.tx((db) =>
        submitSupplement(db, app.calendar, user, now, req.params.id, note, uploads, database.autonomous),
      );
      return database.read((db) => myDossier(db, user, req.params.id, now));
    },
  );
}
