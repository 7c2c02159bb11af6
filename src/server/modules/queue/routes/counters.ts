import { z } from 'zod';
import type { App } from '../../../app';
import { requireRole } from '../../auth/auth.plugin';
import {
  closeCounter,
  createCounter,
  listCounters,
  myCounter,
  openCounter,
  updateCounter,
} from '../counters';
import { CounterInput, CounterPatch, CounterView } from '../queue.schema';
import { counterViews } from '../read/views';
import { DESK, idParams, type QueueRoutes, tags } from './context';

/** Staff: counters (the administrator's settings; the officer opens and closes one). */
export function counterRoutes(app: App, { command, counterView }: QueueRoutes): void {
  const { database, clock } = app.deps;

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
}
