import { z } from 'zod';
import type { App } from '../../../app';
import { once } from '../../../idempotency';
import { requireRole } from '../../auth/auth.plugin';
import { LinkDossierInput, StatsQuery, StatsView, TicketView, TransferInput } from '../queue.schema';
import { stats } from '../read/stats';
import { counterById, getTicket } from '../shared';
import { callNext, finish, linkDossier, recall, serve, skip, transfer } from '../tickets';
import { DESK, idemHeaders, idParams, type QueueRoutes, tags } from './context';

/** Staff: calling, serving, transferring tickets, linking the dossier received; the queue's statistics. */
export function ticketRoutes(app: App, { hub, command, view }: QueueRoutes): void {
  const { database, clock } = app.deps;

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
        const c = await counterById(db, req.params.id);
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
