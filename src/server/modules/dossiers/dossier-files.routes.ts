import { z } from 'zod';
import type { App } from '../../app';
import { AppError, errors } from '../../errors';
import { MEDIA } from '../../openapi';
import { requireRole } from '../auth/auth.plugin';
import {
  receiveUploads,
  sendStoredFile,
  UPLOAD_MAX_FILES_PER_REQUEST,
  type UploadPolicy,
} from '../files/uploads';
import { DossierFile } from './dossiers.schema';
import { visibleDossier } from './access';
import { attachFiles, readDossierFile } from './files';
import { listDossierFiles } from './read/view';
import { CLOSED_TO_FILES, statusIn } from '../../../domain/dossier/lifecycle';

/** Scans and result documents: images and PDFs, as desks produce them. */
const SCANS: UploadPolicy = {
  types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/tiff'],
  kinds: 'tệp PDF hoặc ảnh (JPEG, PNG, WebP, TIFF)',
  maxBytes: 20 * 1024 * 1024,
  maxFiles: UPLOAD_MAX_FILES_PER_REQUEST,
};
const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;

/** A dossier files may still be added to: not ended (returned, refused, withdrawn). */
function writable<D extends { status: number }>(d: D): D {
  if (statusIn(CLOSED_TO_FILES, d.status)) {
    throw errors.conflict('DOSSIER_CLOSED', 'Hồ sơ đã kết thúc, không thể thêm tệp.');
  }
  return d;
}

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
      // Who may add files to this dossier is settled before a byte of the body is read.
      await database.read(async (db) => writable(await visibleDossier(db, actor, req.params.id)));
      const { files: uploads } = await receiveUploads(req, SCANS, app.deps.storage);
      if (uploads.length === 0) throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn ít nhất một tệp.');
      const out = await database.tx(async (db) => {
        const d = writable(await visibleDossier(db, actor, req.params.id));
        await attachFiles(db, actor, now, d.id, uploads, req.query.kind, req.query.component ?? null);
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
        produces: [MEDIA.file],
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      const now = clock.now();
      const f = await database.tx(async (db) => {
        await visibleDossier(db, actor, req.params.id);
        return readDossierFile(db, actor, now, req.params.id, req.params.fileId);
      });
      // The desk opens a scan in a new tab: a PDF or a picture is shown there, anything else downloaded.
      return sendStoredFile(reply, app.deps.storage, f, { inline: true, cacheControl: 'private, no-store' });
    },
  );
}
