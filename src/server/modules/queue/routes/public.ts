import type { App } from '../../../app';
import { MEDIA } from '../../../openapi';
import { QueueHub } from '../queue.hub';
import { BoardState, CheckInInput, IssueTicketInput, TicketView } from '../queue.schema';
import { boardState } from '../read/board';
import { agencyByCode, getTicket } from '../shared';
import { checkIn, issueTicket } from '../tickets';
import { codeParams, idParams, type QueueRoutes, tags } from './context';

/** Public: the display board and its stream, the kiosk (tickets, check-in), following a ticket. */
export function publicRoutes(app: App, { hub, kioskLimit, limited, view }: QueueRoutes): void {
  const { database, clock } = app.deps;

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
      await limited(kioskLimit, req.ip, 'Lấy số');
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
      await limited(kioskLimit, req.ip, 'Lấy số');
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
}
