import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import { idempotencyKeys } from '../../db/schema';
import { AppError } from '../../errors';
import { requireRole } from '../auth/auth.plugin';
import {
  CounterIntake,
  DossierListItem,
  DossierListQuery,
  DossierView,
  PublicDossier,
} from './dossiers.schema';
import {
  acceptAtCounter,
  explainDossierDue,
  getDossier,
  listDossiers,
  publicDossier,
} from './dossiers.service';

const tags = ['Hồ sơ'];
const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;

export async function dossiersRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const calendars = app.calendar;

  app.post(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Tiếp nhận hồ sơ trực tiếp (đủ thành phần): cấp mã hồ sơ và ngày hẹn trả',
        description: 'Header `Idempotency-Key` tùy chọn: gửi lại cùng khóa sẽ nhận lại đúng kết quả lần đầu.',
        body: CounterIntake,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        response: { 201: DossierView },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ['reception'], 'tiếp nhận hồ sơ');
      const key = req.headers['idempotency-key'];
      const now = clock.now();
      const id = await database.tx(async (db) => {
        if (key) {
          const seen = (
            await db
              .select()
              .from(idempotencyKeys)
              .where(eq(idempotencyKeys.key, `${actor.id}:${key}`))
          )[0];
          if (seen) return (seen.response as { id: string }).id;
        }
        const created = await acceptAtCounter(db, calendars, actor, now, req.body);
        if (key) {
          await db.insert(idempotencyKeys).values({
            key: `${actor.id}:${key}`,
            userId: actor.id,
            response: { id: created },
            createdAt: now,
          });
        }
        return created;
      });
      const view = await database.read((db) => getDossier(db, calendars, actor, id, now));
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Danh sách hồ sơ trong phạm vi cơ quan',
        querystring: DossierListQuery,
        response: { 200: z.object({ items: z.array(DossierListItem), total: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem hồ sơ');
      return database.read((db) => listDossiers(db, actor, clock.now(), req.query));
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
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Tra cứu tiến độ hồ sơ theo mã (không cần đăng nhập; tên người nộp được che)',
        params: z.object({ code: z.string().min(5).max(60) }),
        response: { 200: PublicDossier },
      },
    },
    async (req) => {
      if (!/^\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4,}$/.test(req.params.code.trim())) {
        throw new AppError(404, 'NOT_FOUND', `Không tìm thấy hồ sơ mã ${req.params.code}.`);
      }
      return database.read((db) => publicDossier(db, req.params.code, clock.now()));
    },
  );
}
