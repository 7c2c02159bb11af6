import { z } from 'zod';
import { isDossierCode } from '../../../domain/dossier/code';
import { DossierCommand } from '../../../domain/dossier/commands';
import type { App } from '../../app';
import type { Db } from '../../db/database';
import { AppError, errors } from '../../errors';
import { once } from '../../idempotency';
import { MEDIA } from '../../openapi';
import { publicLookup } from '../../rate-limit';
import { requireRole } from '../auth/auth.plugin';
import { RateLimit } from '../auth/rate-limit';
import { Explanation } from '../calendar/calendar.schema';
import {
  ApplicantLookup,
  Assignee,
  DossierIntake,
  DossierList,
  DossierListQuery,
  DossierView,
  PublicDossier,
  PublicDossierByReference,
  ReferenceLookup,
  WorklistCounts,
} from './dossiers.schema';
import { visibleDossier } from './access';
import { eligibleAssignees, reuseDocuments, runCommand } from './commands';
import { receive } from './intake';
import { publicDossier, publicDossierByReference } from './read/public';
import { sentMessages } from './messages';
import { frequentProcedures, lookupApplicant } from './read/search';
import { type DossierRow, dossierView, explainDossierDue, getDossier } from './read/view';
import { listDossiers, worklistCounts } from './read/worklists';
import { RegisterRow, registerRows, registerXlsx } from './register';

const tags = ['Hồ sơ'];
const STAFF = ['reception', 'specialist', 'leader', 'admin', 'postal'] as const;

export async function dossiersRoutes(app: App): Promise<void> {
  const { database, reports, clock, config } = app.deps;
  const calendars = app.calendar;

  /** Wrong phone digits for one temporary reference: 5 in 15 minutes, then that reference waits. */
  const referenceGuesses = new RateLimit(app.rateStore, 'reference', 5, 15 * 60_000);
  const idemHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

  app.post(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Nộp / tiếp nhận hồ sơ (trực tiếp, trực tuyến, bưu chính, nộp thay)',
        description:
          'Tại quầy (cán bộ một cửa): `decision` = accept (cấp mã, ngày hẹn), supplement (Mẫu 02) hoặc refuse (Mẫu 03). ' +
          'Trực tuyến (công dân, người hỗ trợ) và bưu chính (nhân viên bưu điện): hồ sơ ở trạng thái "Mới đăng ký" chờ bộ phận một cửa kiểm tra. ' +
          'Header `Idempotency-Key` tùy chọn: gửi lại cùng khóa sẽ nhận lại đúng kết quả lần đầu.',
        body: DossierIntake,
        headers: idemHeaders,
        response: { 201: DossierView },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ['reception', 'postal', 'citizen'], 'nộp hồ sơ');
      const now = clock.now();
      // The answer is made from what the intake wrote (no read back, issue 17); a request repeated with its
      // Idempotency-Key runs nothing and reads the dossier as it is now.
      let written: DossierRow | null = null;
      const key = req.headers['idempotency-key'];
      const run = (db: Db) =>
        once(db, actor.id, key, req.body, now, async () => {
          const made = await receive(db, calendars, actor, now, req.body, database.autonomous);
          written = made.row;
          return made.id;
        });
      // Without a key the intake's only write is one statement (see `receive`): no BEGIN/COMMIT round trips.
      const id = await (key === undefined ? database.single(run) : database.tx(run));
      const row: DossierRow | null = written;
      const view = await database.read((db) =>
        row ? dossierView(db, calendars, actor, row, now) : getDossier(db, calendars, actor, id, now),
      );
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/dossiers/:id/commands',
    {
      schema: {
        tags,
        summary:
          'Thao tác xử lý hồ sơ (tiếp nhận, chuyển, bổ sung, gia hạn, xin lỗi, phê duyệt, trả kết quả, rút, dừng)',
        description:
          'Mỗi thao tác là một giao dịch: kiểm tra quyền → kiểm tra dữ liệu → kiểm tra chuyển trạng thái hợp lệ → ghi sự kiện → nhật ký. ' +
          'Thao tác không hợp lệ nhận 403/409/422 với mã lỗi ổn định, không ghi gì. Header `Idempotency-Key` làm cho việc gửi lại an toàn.',
        params: z.object({ id: z.uuid() }),
        body: DossierCommand,
        headers: idemHeaders,
        response: { 200: DossierView },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xử lý hồ sơ');
      const now = clock.now();
      await database.tx((db) =>
        once(
          db,
          actor.id,
          req.headers['idempotency-key'],
          { id: req.params.id, cmd: req.body },
          now,
          async () => {
            const events = await runCommand(
              db,
              calendars,
              actor,
              now,
              req.params.id,
              req.body,
              database.autonomous,
            );
            return events.length;
          },
        ),
      );
      return database.read((db) => getDossier(db, calendars, actor, req.params.id, now));
    },
  );

  app.get(
    '/dossiers/:id/assignees',
    {
      schema: {
        tags,
        summary: 'Cán bộ có thể được phân công ở bước hiện tại của hồ sơ',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.array(Assignee) },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => eligibleAssignees(db, actor, req.params.id));
    },
  );

  const RegisterQuery = z.object({
    from: z.iso.date('Ngày bắt đầu phải có dạng YYYY-MM-DD.'),
    to: z.iso.date('Ngày kết thúc phải có dạng YYYY-MM-DD.'),
  });

  app.get(
    '/dossiers/register',
    {
      schema: {
        tags,
        summary: 'Sổ theo dõi hồ sơ (Mẫu 06/07) của cơ quan trong khoảng ngày',
        querystring: RegisterQuery,
        response: { 200: z.object({ items: z.array(RegisterRow) }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem sổ theo dõi hồ sơ');
      if (req.query.from > req.query.to) throw errors.range();
      return { items: await reports.read((db) => registerRows(db, actor, req.query.from, req.query.to)) };
    },
  );

  app.get(
    '/dossiers/register.xlsx',
    {
      schema: {
        tags,
        summary: 'Sổ theo dõi hồ sơ dạng bảng tính .xlsx',
        querystring: RegisterQuery,
        produces: [MEDIA.xlsx],
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'xem sổ theo dõi hồ sơ');
      if (req.query.from > req.query.to) throw errors.range();
      const rows = await reports.read((db) => registerRows(db, actor, req.query.from, req.query.to));
      const xlsx = await registerXlsx(rows, {
        agency: actor.agency?.name ?? 'Toàn hệ thống',
        from: req.query.from,
        to: req.query.to,
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="so-theo-doi-ho-so-${req.query.from}-${req.query.to}.xlsx"`,
        )
        .send(xlsx);
    },
  );

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

  app.get(
    '/dossiers/:id/messages',
    {
      schema: {
        tags,
        summary: 'Thông báo gửi người nộp (tin nhắn, thư điện tử) và trạng thái gửi',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.array(
            z.object({
              topic: z.string(),
              message: z.string(),
              to: z.string(),
              status: z.enum(['pending', 'sent', 'failed']),
              createdAt: z.string(),
              sentAt: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read(async (db) => {
        await visibleDossier(db, actor, req.params.id);
        return sentMessages(db, req.params.id);
      });
    },
  );

  app.get(
    '/dossiers/worklists',
    {
      schema: {
        tags,
        summary: 'Số hồ sơ của từng danh sách công việc (chờ kiểm tra, của tôi, chưa phân công, …)',
        description:
          'Mỗi danh sách được đếm tới 1.000 hồ sơ; danh sách có nhiều hơn được liệt kê trong `more` (hiển thị "hơn 1.000").',
        response: { 200: WorklistCounts },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => worklistCounts(db, calendars, actor, clock.now()));
    },
  );

  app.get(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Danh sách hồ sơ trong phạm vi cơ quan',
        querystring: DossierListQuery,
        response: {
          200: DossierList,
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => listDossiers(db, calendars, actor, clock.now(), req.query));
    },
  );

  app.get(
    '/dossiers/:id',
    {
      schema: {
        tags,
        summary: 'Hồ sơ và lịch sử xử lý',
        params: z.object({ id: z.uuid() }),
        response: { 200: DossierView },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => getDossier(db, calendars, actor, req.params.id, clock.now()));
    },
  );

  app.get(
    '/dossiers/:id/due-explanation',
    {
      schema: {
        tags,
        summary: 'Giải thích ngày hẹn trả của hồ sơ (các buổi làm việc được tính, các ngày nghỉ bỏ qua)',
        params: z.object({ id: z.uuid() }),
        response: { 200: Explanation },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => explainDossierDue(db, calendars, actor, req.params.id));
    },
  );

  app.get(
    '/public/dossiers/:code',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Tra cứu tiến độ hồ sơ theo mã (không cần đăng nhập; tên người nộp được che)',
        params: z.object({ code: z.string().min(5).max(60) }),
        response: { 200: PublicDossier },
      },
    },
    async (req) => {
      if (!isDossierCode(req.params.code)) {
        throw new AppError(404, 'NOT_FOUND', `Không tìm thấy hồ sơ mã ${req.params.code}.`);
      }
      return database.read((db) => publicDossier(db, req.params.code, clock.now()));
    },
  );

  app.post(
    '/public/dossiers/by-reference',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary:
          'Tra cứu hồ sơ nộp trực tuyến theo mã tạm và 4 số cuối điện thoại người nộp (không cần đăng nhập; tên người nộp được che)',
        description:
          'Mã tạm (8 ký tự) được cấp khi nộp trực tuyến, dùng đến khi hồ sơ được tiếp nhận và có mã hồ sơ chính thức. ' +
          'Mã tạm không có và số điện thoại không khớp được trả lời như nhau (404); sai 5 lần trong 15 phút thì mã tạm đó phải chờ.',
        body: ReferenceLookup,
        response: { 200: PublicDossierByReference },
      },
    },
    async (req) => {
      const reference = req.body.reference.toUpperCase();
      const now = clock.now();
      const wait = await referenceGuesses.attempt(reference, now.getTime());
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Nhập sai quá nhiều lần; thử lại sau ${Math.ceil(wait / 60_000)} phút hoặc liên hệ bộ phận một cửa.`,
        );
      }
      const found = await database.read((db) =>
        publicDossierByReference(db, reference, req.body.phoneLast4, now),
      );
      if (!found) {
        throw new AppError(
          404,
          'NOT_FOUND',
          `Không tìm thấy hồ sơ có mã tạm ${reference} và số điện thoại kết thúc bằng ${req.body.phoneLast4}.`,
        );
      }
      await referenceGuesses.succeed(reference);
      return found;
    },
  );
}
