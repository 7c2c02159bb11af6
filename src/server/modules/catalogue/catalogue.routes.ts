import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PublicationDecision } from '../../../domain/catalogue/procedure';
import { isStaff } from '../../../domain/identity/role';
import type { App } from '../../app';
import { AppError, validationError } from '../../errors';
import { MEDIA } from '../../openapi';
import { localDate } from '../../time';
import { requireMayChange, requireRole } from '../auth/auth.plugin';
import { readUploads, type UploadPolicy } from '../files/uploads';
import {
  AdoptionInput,
  AdoptionList,
  AgencyParams,
  CompareQuery,
  Decision,
  DecisionImported,
  DecisionInput,
  DecisionList,
  DecisionParams,
  FieldInput,
  FieldList,
  FieldParams,
  FieldPatch,
  FieldWithCount,
  ProcedureDetail,
  ProcedureList,
  ProcedureParams,
  ProcedureQuery,
  VersionDiffResponse,
  VersionList,
  VersionParams,
} from './catalogue.schema';
import { listAdoption, setAdoption } from './adoption';
import {
  createDecision,
  deleteDraftDecision,
  getDecision,
  listDecisions,
  publishDecision,
} from './decisions';
import { createField, listFields, updateField } from './fields';
import { compareVersions, getProcedure, listVersions, searchProcedures } from './procedures';
import { currentCatalogue, importCatalogue } from './spreadsheet';
import { exportCatalogue, parseCatalogue } from './catalogue.xlsx';

const tags = ['Thủ tục hành chính'];
const manage = 'quản lý danh mục thủ tục hành chính';
/** A catalogue to import: one workbook in the export's layout (read, never stored). */
const WORKBOOK: UploadPolicy = {
  types: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  kinds: 'bảng tính Excel (.xlsx) theo mẫu xuất danh mục',
  maxBytes: 20 * 1024 * 1024,
  maxFiles: 1,
};

/** The procedure catalogue: public reading, administrators' writing through publication decisions. */
export async function catalogueRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const today = () => localDate(clock.now());

  app.get(
    '/fields',
    { schema: { tags, summary: 'Danh sách lĩnh vực', response: { 200: FieldList } } },
    async () => ({ items: await database.read((db) => listFields(db, today())) }),
  );
  app.post(
    '/fields',
    { schema: { tags, summary: 'Thêm lĩnh vực', body: FieldInput, response: { 201: FieldWithCount } } },
    async (req, reply) => {
      const actor = requireMayChange(req, 'fields');
      return reply.status(201).send(await database.tx((db) => createField(db, actor, clock.now(), req.body)));
    },
  );
  app.patch(
    '/fields/:code',
    {
      schema: {
        tags,
        summary: 'Sửa lĩnh vực',
        params: FieldParams,
        body: FieldPatch,
        response: { 200: FieldWithCount },
      },
    },
    async (req) => {
      const actor = requireMayChange(req, 'fields');
      return database.tx((db) => updateField(db, actor, clock.now(), req.params.code, req.body));
    },
  );

  app.get(
    '/procedures',
    {
      schema: {
        tags,
        summary: 'Tra cứu thủ tục (không phân biệt dấu, hoa thường; theo tên hoặc mã)',
        querystring: ProcedureQuery,
        response: { 200: ProcedureList },
      },
    },
    async (req) => database.read((db) => searchProcedures(db, today(), req.query)),
  );
  app.get(
    '/procedures/:code',
    {
      schema: {
        tags,
        summary: 'Thủ tục với phiên bản đang có hiệu lực',
        params: ProcedureParams,
        response: { 200: ProcedureDetail },
      },
    },
    async (req) => publicFace(req, await database.read((db) => getProcedure(db, today(), req.params.code))),
  );
  app.get(
    '/procedures/:code/versions',
    {
      schema: { tags, summary: 'Lịch sử phiên bản', params: ProcedureParams, response: { 200: VersionList } },
    },
    async (req) => database.read((db) => listVersions(db, req.params.code)),
  );
  app.get(
    '/procedures/:code/versions/:versionNo',
    { schema: { tags, summary: 'Một phiên bản', params: VersionParams, response: { 200: ProcedureDetail } } },
    async (req) =>
      publicFace(
        req,
        await database.read((db) => getProcedure(db, today(), req.params.code, req.params.versionNo)),
      ),
  );
  app.get(
    '/procedures/:code/compare',
    {
      schema: {
        tags,
        summary: 'So sánh hai phiên bản',
        params: ProcedureParams,
        querystring: CompareQuery,
        response: { 200: VersionDiffResponse },
      },
    },
    async (req) => database.read((db) => compareVersions(db, req.params.code, req.query.from, req.query.to)),
  );

  app.get(
    '/decisions',
    { schema: { tags, summary: 'Quyết định công bố', response: { 200: DecisionList } } },
    async (req) => {
      requireRole(req, ['admin'], manage);
      return database.read(listDecisions);
    },
  );
  app.get(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: 'Một quyết định công bố',
        params: DecisionParams,
        response: { 200: Decision },
      },
    },
    async (req) => {
      requireRole(req, ['admin'], manage);
      return database.read((db) => getDecision(db, req.params.id));
    },
  );
  app.post(
    '/decisions',
    {
      schema: {
        tags,
        summary: 'Soạn quyết định công bố (dự thảo)',
        body: DecisionInput,
        response: { 201: Decision },
      },
    },
    async (req, reply) => {
      const actor = requireMayChange(req, 'procedures');
      return reply
        .status(201)
        .send(await database.tx((db) => createDecision(db, actor, clock.now(), req.body)));
    },
  );
  app.post(
    '/decisions/:id/publish',
    {
      schema: {
        tags,
        summary: 'Công bố: áp dụng các thủ tục thêm mới, sửa đổi, bãi bỏ',
        params: DecisionParams,
        response: { 200: Decision },
      },
    },
    async (req) => {
      const actor = requireMayChange(req, 'procedures');
      return database.tx((db) => publishDecision(db, actor, clock.now(), req.params.id));
    },
  );
  app.delete(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: 'Xóa dự thảo quyết định',
        params: DecisionParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = requireMayChange(req, 'procedures');
      await database.tx((db) => deleteDraftDecision(db, actor, clock.now(), req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/catalogue/export.xlsx',
    { schema: { tags, summary: 'Xuất danh mục thủ tục ra tệp .xlsx', produces: [MEDIA.xlsx] } },
    async (_req, reply) => {
      const cat = await database.read((db) => currentCatalogue(db, today()));
      const file = await exportCatalogue(cat.fields, cat.procedures);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="danh-muc-thu-tuc-${today()}.xlsx"`)
        .send(file);
    },
  );

  app.post(
    '/decisions/import',
    {
      schema: {
        tags,
        summary: 'Nhập danh mục từ tệp .xlsx thành dự thảo quyết định công bố',
        description:
          'multipart/form-data: `file` (.xlsx theo mẫu xuất), `number`, `signedOn`, `effectiveOn`, `issuer`, `title`.',
        consumes: ['multipart/form-data'],
        response: { 201: DecisionImported },
      },
    },
    async (req, reply) => {
      const actor = requireMayChange(req, 'procedures');
      const { files: uploads, fields: form } = await readUploads(req, WORKBOOK);
      const file = uploads[0]?.data;
      if (!file) throw new AppError(400, 'FILE_REQUIRED', 'Hãy chọn tệp bảng tính .xlsx để nhập.');
      const head = PublicationDecision.safeParse({ title: '', ...form });
      if (!head.success) throw validationError(head.error.issues, 'Thông tin quyết định chưa hợp lệ');
      const parsed = await parseCatalogue(file);
      if (!parsed.ok) {
        const first = parsed.problems[0]!;
        throw new AppError(
          400,
          'IMPORT_INVALID',
          `Bảng tính có ${parsed.problems.length} lỗi; chưa nhập dữ liệu nào. Lỗi đầu tiên: dòng ${first.row}, cột "${first.column}": ${first.reason}`,
          parsed.problems,
        );
      }
      const created = await database.tx((db) =>
        importCatalogue(db, actor, clock.now(), today(), parsed.value, head.data),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/agencies/:id/procedures',
    {
      schema: {
        tags,
        summary: 'Thủ tục cơ quan thực hiện',
        params: AgencyParams,
        response: { 200: AdoptionList },
      },
    },
    async (req) => database.read((db) => listAdoption(db, today(), req.params.id)),
  );
  app.put(
    '/agencies/:id/procedures',
    {
      schema: {
        tags,
        summary: 'Đặt danh sách thủ tục cơ quan thực hiện',
        params: AgencyParams,
        body: AdoptionInput,
        response: { 200: AdoptionList },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], manage);
      return database.tx((db) => setAdoption(db, actor, clock.now(), today(), req.params.id, req.body.items));
    },
  );
}

/**
 * A procedure as its caller may read it: the curators' source notes (`source.notes`: what the national database
 * showed, which wording came from where, what is still to be checked) belong to the administration; citizens and
 * anonymous callers get the source's address, date and publication without them.
 */
function publicFace(req: FastifyRequest, p: ProcedureDetail): ProcedureDetail {
  if (req.auth && isStaff(req.auth.user.roles)) return p;
  if (!p.source) return p;
  const { notes: _notes, ...source } = p.source;
  return { ...p, source };
}
