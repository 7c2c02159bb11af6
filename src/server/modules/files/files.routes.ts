import { z } from 'zod';
import type { App } from '../../app';
import { AppError, errors } from '../../errors';
import { MEDIA } from '../../openapi';
import { requireRole } from '../auth/auth.plugin';
import { fileById, storeTemplate } from './store';
import { OFFICE_COMPOUND, receiveUploads, sendStoredFile, type UploadPolicy } from './uploads';

/** What may be stored as a form template: documents people print or fill in. */
const TEMPLATES: UploadPolicy = {
  types: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  compound: OFFICE_COMPOUND,
  kinds: 'tệp PDF, Word (.doc, .docx), ODT hoặc Excel (.xls, .xlsx)',
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 1,
};

const FileInfo = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
const FileParams = z.object({ id: z.uuid('Mã tệp không hợp lệ.') });

export async function filesRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  app.post(
    '/templates',
    {
      schema: {
        tags: ['Tệp'],
        summary: 'Tải lên mẫu đơn, tờ khai (PDF, Word, ODT, Excel; tối đa 10 MB)',
        description:
          'Loại tệp được xác định theo nội dung, không theo tên hay Content-Type khai báo. Tệp được tải về dạng `attachment`.',
        consumes: ['multipart/form-data'],
        response: { 201: FileInfo },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ['admin'], 'tải lên mẫu đơn, tờ khai');
      const { files: uploads } = await receiveUploads(req, TEMPLATES, app.deps.storage);
      const file = uploads[0];
      if (!file) throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn tệp mẫu đơn, tờ khai.');
      const now = clock.now();
      const row = await database.tx((db) => storeTemplate(db, actor, now, file));
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['Tệp'],
        summary: 'Tải tệp (mẫu đơn, tờ khai công khai)',
        params: FileParams,
        produces: [MEDIA.file],
      },
    },
    async (req, reply) => {
      const f = await database.read((db) => fileById(db, req.params.id));
      if (!f?.public) throw errors.notFound('tệp');
      return sendStoredFile(reply, app.deps.storage, f, { cacheControl: 'public, max-age=86400, immutable' });
    },
  );
}
