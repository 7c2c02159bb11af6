import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import { auditLog, files } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { storedFileName } from '../../text-input';
import { requireRole } from '../auth/auth.plugin';

/** What may be stored as a form template: documents people print or fill in. */
const TEMPLATE_TYPES = new Map([
  ['application/pdf', '.pdf'],
  ['application/msword', '.doc'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
  ['application/vnd.oasis.opendocument.text', '.odt'],
  ['application/vnd.ms-excel', '.xls'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx'],
]);
const MAX_TEMPLATE = 10 * 1024 * 1024;

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
        consumes: ['multipart/form-data'],
        response: { 201: FileInfo },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ['admin'], 'tải lên mẫu đơn, tờ khai');
      const part = await req.file();
      if (!part) throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn tệp mẫu đơn, tờ khai.');
      const data = await part.toBuffer();
      if (!TEMPLATE_TYPES.has(part.mimetype)) {
        throw new AppError(
          415,
          'FILE_TYPE_NOT_ALLOWED',
          'Mẫu đơn, tờ khai phải là tệp PDF, Word (.doc, .docx), ODT hoặc Excel.',
        );
      }
      if (data.length > MAX_TEMPLATE)
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'Tệp mẫu quá lớn (tối đa 10 MB).');
      if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', 'Tệp trống.');
      const now = clock.now();
      const row = await database.tx(async (db) => {
        const [f] = await db
          .insert(files)
          .values({
            name: storedFileName(part.filename),
            mime: part.mimetype,
            size: data.length,
            sha256: createHash('sha256').update(data).digest('hex'),
            public: true,
            data,
            createdBy: actor.id,
            createdAt: now,
          })
          .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size });
        await db.insert(auditLog).values({
          at: now,
          actorId: actor.id,
          action: 'file.uploaded',
          entity: 'file',
          entityId: f!.id,
          data: { name: f!.name, size: f!.size },
        });
        return f!;
      });
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/:id',
    { schema: { tags: ['Tệp'], summary: 'Tải tệp (mẫu đơn, tờ khai công khai)', params: FileParams } },
    async (req, reply) => {
      const f = (await database.read((db) => db.select().from(files).where(eq(files.id, req.params.id))))[0];
      if (!f?.public) throw errors.notFound('tệp');
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('cache-control', 'public, max-age=86400, immutable')
        .send(f.data);
    },
  );
}
