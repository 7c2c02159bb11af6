import { z } from 'zod';
import type { App } from '../../app';
import { AppError } from '../../errors';
import { once } from '../../idempotency';
import { MEDIA } from '../../openapi';
import { requireRole } from '../auth/auth.plugin';
import { getDossier } from '../dossiers/read/view';
import { PORTAL_UPLOADS, receiveUploads, sendStoredFile } from '../files/uploads';
import {
  DraftBody,
  DraftList,
  DraftView,
  SubmitResult,
  UPLOAD_MAX_BYTES,
  UPLOAD_MAX_FILES,
  UPLOAD_TYPES,
} from './drafts.schema';
import {
  addDraftFiles,
  deleteDraft,
  draftFile,
  draftView,
  listDrafts,
  ownDraft,
  removeDraftFile,
  saveDraft,
  submitDraft,
} from './drafts.service';

const tags = ['Nộp hồ sơ trực tuyến'];
const WHAT = 'nộp hồ sơ trực tuyến';
const Params = z.object({ id: z.uuid('Mã bản nháp không hợp lệ.') });

/** The citizen's drafts of online dossiers (saved to the account) and their submission. */
export async function draftsRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  app.get(
    '/drafts',
    {
      schema: {
        tags,
        summary: 'Bản nháp hồ sơ của tôi (mới sửa trước), và giới hạn tệp tải lên',
        querystring: z.object({ procedureCode: z.string().trim().max(20).optional() }),
        response: { 200: DraftList },
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      const r = await database.read((db) => listDrafts(db, user, req.query.procedureCode));
      return {
        ...r,
        upload: { types: [...UPLOAD_TYPES], maxBytes: UPLOAD_MAX_BYTES, maxFiles: UPLOAD_MAX_FILES },
      };
    },
  );

  app.get(
    '/drafts/:id',
    { schema: { tags, summary: 'Một bản nháp của tôi', params: Params, response: { 200: DraftView } } },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      return draftView(await database.read((db) => ownDraft(db, user, req.params.id)));
    },
  );

  app.put(
    '/drafts/:id',
    {
      schema: {
        tags,
        summary:
          'Lưu bản nháp (tự động lưu): tạo mới theo mã do trình duyệt sinh, hoặc ghi đè nội dung đã nhập',
        params: Params,
        body: DraftBody,
        response: { 200: DraftView, 201: DraftView },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, ['citizen'], WHAT);
      const r = await database.tx((db) => saveDraft(db, user, clock.now(), req.params.id, req.body));
      return reply.status(r.created ? 201 : 200).send(r.view);
    },
  );

  app.delete(
    '/drafts/:id',
    {
      schema: {
        tags,
        summary: 'Xóa bản nháp và các tệp đã tải lên',
        params: Params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, ['citizen'], WHAT);
      await database.tx((db) => deleteDraft(db, user, clock.now(), req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/drafts/:id/files',
    {
      schema: {
        tags,
        summary: `Tải lên ảnh chụp hoặc bản quét thành phần hồ sơ (JPEG, PNG, WebP, HEIC, PDF; tối đa ${UPLOAD_MAX_BYTES / 1024 / 1024} MB mỗi tệp)`,
        consumes: ['multipart/form-data'],
        params: Params,
        querystring: z.object({
          component: z.string().trim().min(1, 'Hãy cho biết tệp thuộc thành phần hồ sơ nào.').max(1000),
        }),
        response: { 201: DraftView },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, ['citizen'], WHAT);
      // The draft must be the citizen's before a byte of the upload is read.
      await database.read((db) => ownDraft(db, user, req.params.id));
      const { files: uploads } = await receiveUploads(req, PORTAL_UPLOADS, app.deps.storage);
      if (uploads.length === 0)
        throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn hoặc chụp ít nhất một tệp.');
      const view = await database.tx((db) =>
        addDraftFiles(db, user, clock.now(), req.params.id, req.query.component, uploads, UPLOAD_MAX_FILES),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/drafts/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Xem lại tệp đã tải lên bản nháp',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
        produces: [MEDIA.file],
      },
    },
    async (req, reply) => {
      const user = requireRole(req, ['citizen'], WHAT);
      const f = await database.read((db) => draftFile(db, user, req.params.id, req.params.fileId));
      // The submission page shows a photo as a thumbnail: pictures and PDFs may be inline.
      return sendStoredFile(reply, app.deps.storage, f, {
        inline: true,
        cacheControl: 'private, max-age=3600',
      });
    },
  );

  app.delete(
    '/drafts/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Bỏ một tệp khỏi bản nháp',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
        response: { 200: DraftView },
      },
    },
    async (req) => {
      const user = requireRole(req, ['citizen'], WHAT);
      return database.tx((db) => removeDraftFile(db, user, clock.now(), req.params.id, req.params.fileId));
    },
  );

  app.post(
    '/drafts/:id/submit',
    {
      schema: {
        tags,
        summary: 'Nộp hồ sơ từ bản nháp (trực tuyến)',
        description:
          'Tờ khai điện tử phải đầy đủ; các tệp đã tải lên trở thành thành phần hồ sơ; bản nháp bị xóa khi nộp thành công. ' +
          'Header `Idempotency-Key` bắt buộc (sinh một lần cho mỗi bản nháp): bấm nộp hai lần chỉ tạo một hồ sơ. ' +
          'Hồ sơ ở trạng thái "Mới đăng ký", chờ bộ phận một cửa kiểm tra.',
        params: Params,
        headers: z.object({
          'idempotency-key': z.string().min(8, 'Thiếu khóa Idempotency-Key (ít nhất 8 ký tự).').max(200),
        }),
        response: { 201: SubmitResult },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, ['citizen'], WHAT);
      const now = clock.now();
      const dossierId = await database.tx((db) =>
        once(db, user.id, req.headers['idempotency-key'], { draft: req.params.id }, now, () =>
          submitDraft(db, app.calendar, user, now, req.params.id, database.autonomous),
        ),
      );
      const dossier = await database.read((db) => getDossier(db, app.calendar, user, dossierId, now));
      return reply.status(201).send({ dossier });
    },
  );
}
