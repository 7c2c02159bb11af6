import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import type { Db } from '../../db/database';
import { agencies, queueCounters } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { once } from '../../idempotency';
import { MEDIA } from '../../openapi';
import { publicLookup } from '../../rate-limit';
import { requireRole } from '../auth/auth.plugin';
import { LoginThrottle } from '../auth/rate-limit';
import { QueueHub } from './queue.hub';
import {
  BoardState,
  BookingInput,
  BookingView,
  CheckInInput,
  CounterInput,
  CounterPatch,
  CounterView,
  IssueTicketInput,
  LinkDossierInput,
  SlotsQuery,
  SlotsView,
  StatsQuery,
  StatsView,
  TicketView,
  TransferInput,
} from './queue.schema';
import {
  agencyByCode,
  boardState,
  book,
  bookingByCode,
  bookingView,
  callNext,
  cancelBooking,
  checkIn,
  closeCounter,
  counterViews,
  createCounter,
  finish,
  getTicket,
  issueTicket,
  linkDossier,
  listCounters,
  listSlots,
  myCounter,
  openCounter,
  recall,
  serve,
  skip,
  stats,
  ticketView,
  transfer,
  updateCounter,
} from './queue.service';

const tags = ['Xếp hàng, gọi số'];
const DESK = ['reception', 'leader', 'admin'] as const;

/**
 * Queue turns at the one-stop desk: counters, kiosk tickets, calling, the display board (with
 * Server-Sent Events), appointments and statistics. Public routes (kiosk, board, booking, following
 * a ticket) need no login; issuing tickets and booking are rate-limited per address.
 */
export async function queueRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  const calendars = app.calendar;
  const kioskLimit = new LoginThrottle(30, 60_000);
  const bookingLimit = new LoginThrottle(10, 60 * 60_000);
  const hub = new QueueHub(async (agencyId) =>
    database.read(async (db) => {
      const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0]!;
      return boardState(db, a, clock.now());
    }),
  );
  app.addHook('onClose', async () => hub.close());

  const limited = (limit: LoginThrottle, key: string, what: string) => {
    const now = clock.now().getTime();
    const wait = limit.retryAfter(key, now);
    if (wait > 0) {
      throw new AppError(
        429,
        'TOO_MANY_REQUESTS',
        `${what} quá nhiều lần; thử lại sau ${Math.ceil(wait / 1000)} giây.`,
      );
    }
    limit.fail(key, now);
  };

  const codeParams = z.object({ code: z.string().min(1).max(40) });
  const idParams = z.object({ id: z.uuid() });
  const idemHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

  /** Runs a staff command in one transaction, then pushes the agency's new state to its listeners. */
  const command = async <T extends { agencyId: string }>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const r = await database.tx(fn);
    hub.changed(r.agencyId);
    return r;
  };
  const view = (t: Parameters<typeof ticketView>[1]) => database.read((db) => ticketView(db, t, clock.now()));
  const counterView = async (c: Parameters<typeof counterViews>[1][number]) =>
    database.read(async (db) => (await counterViews(db, [c], clock.now()))[0]!);

  // ─── Public: kiosk, board, following a ticket ──────────────────────────────────────────────

  app.get(
    '/queue/agencies/:code/board',
    {
      schema: {
        tags,
        summary:
          'Bảng hiển thị: số đang phục vụ ở mỗi quầy, các lượt gọi gần nhất, số người chờ mỗi lĩnh vực (công khai)',
        params: codeParams,
        response: { 200: BoardState },
      },
    },
    async (req) =>
      database.read(async (db) => boardState(db, await agencyByCode(db, req.params.code), clock.now())),
  );

  app.get(
    '/queue/agencies/:code/stream',
    {
      schema: {
        tags,
        summary:
          'Cập nhật bảng hiển thị qua Server-Sent Events (text/event-stream; sự kiện `state` mang toàn bộ trạng thái)',
        description:
          'Khi kết nối (và kết nối lại) máy khách nhận ngay toàn bộ trạng thái, sau đó một sự kiện `state` mỗi khi có thay đổi. `id` là mã sự kiện xếp hàng mới nhất.',
        params: codeParams,
        produces: [MEDIA.events],
      },
    },
    async (req, reply) => {
      const { agency, state } = await database.read(async (db) => {
        const a = await agencyByCode(db, req.params.code);
        return { agency: a, state: await boardState(db, a, clock.now()) };
      });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      QueueHub.write(res, state);
      hub.add(agency.id, res);
    },
  );

  app.post(
    '/queue/agencies/:code/tickets',
    {
      schema: {
        tags,
        summary: 'Lấy số thứ tự tại kiosk (không cần đăng nhập; giới hạn số lần mỗi phút)',
        params: codeParams,
        body: IssueTicketInput,
        response: { 201: TicketView },
      },
    },
    async (req, reply) => {
      limited(kioskLimit, req.ip, 'Lấy số');
      const now = clock.now();
      const t = await database.tx(async (db) =>
        issueTicket(db, await agencyByCode(db, req.params.code), now, req.body),
      );
      hub.changed(t.agencyId);
      return reply.status(201).send(await view(t));
    },
  );

  app.post(
    '/queue/agencies/:code/check-in',
    {
      schema: {
        tags,
        summary: 'Người đã đặt lịch quét mã QR (hoặc nhập mã) tại kiosk để lấy số theo lịch hẹn',
        params: codeParams,
        body: CheckInInput,
        response: { 201: TicketView },
      },
    },
    async (req, reply) => {
      limited(kioskLimit, req.ip, 'Lấy số');
      const now = clock.now();
      const t = await database.tx(async (db) =>
        checkIn(db, await agencyByCode(db, req.params.code), now, req.body.bookingCode),
      );
      hub.changed(t.agencyId);
      return reply.status(201).send(await view(t));
    },
  );

  app.get(
    '/queue/tickets/:id',
    {
      schema: {
        tags,
        summary:
          'Theo dõi một số thứ tự trên điện thoại: trạng thái, quầy, số người phía trước (công khai, không có thông tin cá nhân)',
        params: idParams,
        response: { 200: TicketView },
      },
    },
    async (req) => view(await database.read((db) => getTicket(db, req.params.id))),
  );

  // ─── Public: appointments ──────────────────────────────────────────────────────────────────

  app.get(
    '/queue/agencies/:code/slots',
    {
      schema: {
        tags,
        summary:
          'Các khung giờ còn nhận lịch hẹn của một lĩnh vực (theo giờ làm việc, lịch nghỉ lễ và sức chứa của các quầy)',
        params: codeParams,
        querystring: SlotsQuery,
        response: { 200: SlotsView },
      },
    },
    async (req) =>
      database.read(async (db) =>
        listSlots(db, calendars, await agencyByCode(db, req.params.code), clock.now(), req.query),
      ),
  );

  app.post(
    '/queue/agencies/:code/bookings',
    {
      schema: {
        tags,
        summary:
          'Đặt lịch hẹn đến làm thủ tục tại bộ phận một cửa (không bắt buộc đăng nhập; giới hạn số lần mỗi giờ)',
        params: codeParams,
        body: BookingInput,
        response: { 201: BookingView },
      },
    },
    async (req, reply) => {
      limited(bookingLimit, req.ip, 'Đặt lịch');
      const now = clock.now();
      const userId = req.auth?.user.id ?? null;
      const b = await database.tx(async (db) =>
        book(db, calendars, await agencyByCode(db, req.params.code), now, userId, req.body),
      );
      return reply.status(201).send(await database.read((db) => bookingView(db, b, 'booker')));
    },
  );

  app.get(
    '/queue/bookings/:code',
    {
      config: publicLookup(config),
      schema: { tags, summary: 'Xem lịch hẹn theo mã', params: codeParams, response: { 200: BookingView } },
    },
    async (req) =>
      database.read(async (db) => bookingView(db, await bookingByCode(db, req.params.code), 'code-holder')),
  );

  app.post(
    '/queue/bookings/:code/cancel',
    {
      config: publicLookup(config),
      schema: {
        tags,
        summary: 'Hủy lịch hẹn (trả lại chỗ)',
        params: codeParams,
        response: { 200: BookingView },
      },
    },
    async (req) => {
      const b = await database.tx((db) => cancelBooking(db, clock.now(), req.params.code));
      return database.read((db) => bookingView(db, b, 'code-holder'));
    },
  );

  // ─── Staff: counters ───────────────────────────────────────────────────────────────────────

  app.get(
    '/queue/counters',
    {
      schema: {
        tags,
        summary: 'Danh sách quầy của cơ quan (mặc định: cơ quan của người dùng)',
        querystring: z.object({ agency: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(CounterView) }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, DESK, 'xem các quầy');
      return database.read(async (db) => ({
        items: await counterViews(db, await listCounters(db, actor, req.query.agency), clock.now()),
      }));
    },
  );

  app.post(
    '/queue/counters',
    { schema: { tags, summary: 'Tạo quầy (quản trị)', body: CounterInput, response: { 201: CounterView } } },
    async (req, reply) => {
      const actor = requireRole(req, ['admin'], 'tạo quầy');
      const c = await command((db) => createCounter(db, actor, clock.now(), req.body));
      return reply.status(201).send(await counterView(c));
    },
  );

  app.patch(
    '/queue/counters/:id',
    {
      schema: {
        tags,
        summary: 'Sửa quầy: số, tên, lĩnh vực, giờ nhận lịch hẹn, sức chứa, ngừng sử dụng (quản trị)',
        params: idParams,
        body: CounterPatch,
        response: { 200: CounterView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'sửa quầy');
      const c = await command((db) => updateCounter(db, actor, clock.now(), req.params.id, req.body));
      return counterView(c);
    },
  );

  for (const [action, fn, summary] of [
    ['open', openCounter, 'Mở quầy: cán bộ một cửa nhận trực quầy'],
    ['close', closeCounter, 'Đóng quầy (cán bộ đang trực, hoặc lãnh đạo / quản trị của cơ quan)'],
  ] as const) {
    app.post(
      `/queue/counters/:id/${action}`,
      { schema: { tags, summary, params: idParams, response: { 200: CounterView } } },
      async (req) => {
        const actor = requireRole(req, DESK, 'mở hoặc đóng quầy');
        const c = await command((db) => fn(db, actor, clock.now(), req.params.id));
        return counterView(c);
      },
    );
  }

  app.get(
    '/queue/my-counter',
    {
      schema: {
        tags,
        summary: 'Quầy người dùng đang trực (hoặc null) và các quầy của cơ quan',
        response: { 200: z.object({ counter: CounterView.nullable(), counters: z.array(CounterView) }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, DESK, 'trực quầy');
      return database.read(async (db) => {
        const all = actor.agency
          ? await counterViews(db, await listCounters(db, actor, actor.agency.id), clock.now())
          : [];
        const mine = await myCounter(db, actor);
        return { counter: all.find((c) => c.id === mine?.id) ?? null, counters: all };
      });
    },
  );

  app.post(
    '/queue/counters/:id/call-next',
    {
      schema: {
        tags,
        summary:
          'Gọi số tiếp theo (ưu tiên trước, rồi lịch hẹn đến giờ, rồi theo thứ tự); số đang ở quầy được hoàn thành',
        description:
          'Hai quầy gọi cùng lúc không bao giờ nhận cùng một số (`FOR UPDATE SKIP LOCKED`). `ticket` là null khi không còn ai chờ. Header `Idempotency-Key` làm cho việc gửi lại an toàn.',
        params: idParams,
        headers: idemHeaders,
        response: { 200: z.object({ ticket: TicketView.nullable() }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, DESK, 'gọi số');
      const now = clock.now();
      const r = await database.tx(async (db) => {
        const c = (await db.select().from(queueCounters).where(eq(queueCounters.id, req.params.id)))[0];
        if (!c) throw errors.notFound('quầy này');
        const id = await once(
          db,
          actor.id,
          req.headers['idempotency-key'],
          { call: req.params.id },
          now,
          async () => {
            const t = await callNext(db, actor, now, req.params.id);
            return t?.id ?? null;
          },
        );
        return { agencyId: c.agencyId, id };
      });
      hub.changed(r.agencyId);
      return { ticket: r.id ? await view(await database.read((db) => getTicket(db, r.id!))) : null };
    },
  );

  const ticketCommands = [
    ['recall', recall, 'Gọi lại số đang chờ ở quầy'],
    ['serve', serve, 'Bắt đầu phục vụ số đã gọi'],
    ['done', finish, 'Hoàn thành phục vụ'],
    ['skip', skip, 'Vắng mặt: bỏ qua số đã gọi mà công dân không đến'],
  ] as const;
  for (const [action, fn, summary] of ticketCommands) {
    app.post(
      `/queue/tickets/:id/${action}`,
      { schema: { tags, summary, params: idParams, response: { 200: TicketView } } },
      async (req) => {
        const actor = requireRole(req, DESK, 'phục vụ số thứ tự');
        return view(await command((db) => fn(db, actor, clock.now(), req.params.id)));
      },
    );
  }

  app.post(
    '/queue/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Chuyển công dân sang quầy khác (quầy đó gọi số này trước)',
        params: idParams,
        body: TransferInput,
        response: { 200: TicketView },
      },
    },
    async (req) => {
      const actor = requireRole(req, DESK, 'chuyển quầy');
      return view(await command((db) => transfer(db, actor, clock.now(), req.params.id, req.body.counterId)));
    },
  );

  app.post(
    '/queue/tickets/:id/dossier',
    {
      schema: {
        tags,
        summary: 'Ghi hồ sơ vừa tiếp nhận từ số thứ tự này (số thứ tự lưu mã hồ sơ)',
        params: idParams,
        body: LinkDossierInput,
        response: { 200: TicketView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception'], 'tiếp nhận hồ sơ');
      return view(
        await command((db) => linkDossier(db, actor, clock.now(), req.params.id, req.body.dossierId)),
      );
    },
  );

  app.get(
    '/queue/stats',
    {
      schema: {
        tags,
        summary:
          'Thống kê xếp hàng: thời gian chờ, thời gian phục vụ theo lĩnh vực, quầy, giờ; số lượt mỗi ngày; vắng mặt',
        querystring: StatsQuery,
        response: { 200: StatsView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception', 'leader', 'admin'], 'xem thống kê xếp hàng');
      return database.read((db) => stats(db, actor, clock.now(), req.query));
    },
  );
}
