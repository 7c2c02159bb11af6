import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import { auditLog, dossierFiles, files } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { storedFileName } from '../../text-input';
import { requireRole } from '../auth/auth.plugin';
import { DossierFile } from './dossiers.schema';
import { listDossierFiles, visibleDossier } from './dossiers.service';

/** Scans and result documents: images and PDFs, as desks produce them. */
const ALLOWED = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/tiff']);
const MAX = 20 * 1024 * 1024;
const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;

/** Uploading and reading a dossier's files, for the staff who may see the dossier. */
export async function dossierFilesRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const tags = ['Hồ sơ'];
  const params = z.object({ id: z.uuid() });

  app.post(
    '/dossiers/:id/files',
    {
      schema: {
        tags,
        summary: 'Tải lên bản quét thành phần hồ sơ hoặc giấy tờ kết quả (PDF, ảnh; tối đa 20 MB mỗi tệp)',
        consumes: ['multipart/form-data'],
        params,
        querystring: z.object({
          kind: z.enum(['component', 'result']).default('component'),
          component: z.string().trim().max(1000).optional(),
        }),
        response: { 201: z.array(DossierFile) },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'tải tệp lên hồ sơ');
      const now = clock.now();
      const uploads: { name: string; mime: string; data: Buffer }[] = [];
      for await (const part of req.files()) {
        const data = await part.toBuffer();
        if (!ALLOWED.has(part.mimetype)) {
          throw new AppError(
            415,
            'FILE_TYPE_NOT_ALLOWED',
            'Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG, WebP, TIFF).',
          );
        }
        if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', `Tệp ${part.filename} trống.`);
        if (data.length > MAX)
          throw new AppError(413, 'PAYLOAD_TOO_LARGE', `Tệp ${part.filename} quá lớn (tối đa 20 MB).`);
        uploads.push({ name: storedFileName(part.filename), mime: part.mimetype, data });
      }
      if (uploads.length === 0) throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn ít nhất một tệp.');
      const out = await database.tx(async (db) => {
        const d = await visibleDossier(db, actor, req.params.id);
        if (d.status === 10 || d.status === 3 || d.status === 7) {
          throw errors.conflict('DOSSIER_CLOSED', 'Hồ sơ đã kết thúc, không thể thêm tệp.');
        }
        for (const u of uploads) {
          const [f] = await db
            .insert(files)
            .values({
              name: u.name,
              mime: u.mime,
              size: u.data.length,
              sha256: createHash('sha256').update(u.data).digest('hex'),
              public: false,
              data: u.data,
              createdBy: actor.id,
              createdAt: now,
            })
            .returning({ id: files.id });
          await db.insert(dossierFiles).values({
            dossierId: d.id,
            fileId: f!.id,
            kind: req.query.kind,
            component: req.query.component ?? null,
            uploadedBy: actor.id,
            uploadedAt: now,
          });
        }
        await db.insert(auditLog).values({
          at: now,
          actorId: actor.id,
          action: 'dossier.files-uploaded',
          entity: 'dossier',
          entityId: d.id,
          data: { kind: req.query.kind, names: uploads.map((u) => u.name) },
        });
        return listDossierFiles(db, d.id);
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/dossiers/:id/files',
    { schema: { tags, summary: 'Các tệp của hồ sơ', params, response: { 200: z.array(DossierFile) } } },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read(async (db) => {
        await visibleDossier(db, actor, req.params.id);
        return listDossierFiles(db, req.params.id);
      });
    },
  );

  app.get(
    '/dossiers/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải về một tệp của hồ sơ (mỗi lần xem được ghi nhật ký)',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      const now = clock.now();
      const f = await database.tx(async (db) => {
        await visibleDossier(db, actor, req.params.id);
        const row = (
          await db
            .select({ f: files })
            .from(dossierFiles)
            .innerJoin(files, eq(files.id, dossierFiles.fileId))
            .where(and(eq(dossierFiles.dossierId, req.params.id), eq(dossierFiles.fileId, req.params.fileId)))
        )[0];
        if (!row) throw errors.notFound('tệp');
        // Decree 13/2023: every access to personal data is logged.
        await db.insert(auditLog).values({
          at: now,
          actorId: actor.id,
          action: 'dossier.file-read',
          entity: 'dossier',
          entityId: req.params.id,
          data: { fileId: req.params.fileId },
        });
        return row.f;
      });
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  );
}
