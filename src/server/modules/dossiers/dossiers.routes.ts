import { z } from 'zod';
import { DossierCommand } from '../../../domain/dossier/commands';
import type { App } from '../../app';
import type { Db } from '../../db/database';
import { once } from '../../idempotency';
import { requireRole } from '../auth/auth.plugin';
import { eligibleAssignees, runCommand } from './commands';
import { dossierCounterRoutes } from './dossier-counter.routes';
import { publicDossierRoutes } from './dossier-public.routes';
import { dossierReadRoutes } from './dossier-read.routes';
import { dossierRegisterRoutes } from './dossier-register.routes';
import { STAFF, tags } from './dossier-routes.shared';
import { Assignee, DossierIntake, DossierView } from './dossiers.schema';
import { receive } from './intake';
import { type DossierRow, dossierView, getDossier } from './read/view';

/**
 * The dossier API: here receiving a dossier, the commands that process it and the officers it may be assigned to;
 * then, in this order (the order of the OpenAPI document), the register, the counter's helpers, the reads and
 * the public lookups, each group in its own `dossier-*.routes.ts`.
 */
export async function dossiersRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const calendars = app.calendar;

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

  dossierRegisterRoutes(app);
  dossierCounterRoutes(app);
  dossierReadRoutes(app);
  publicDossierRoutes(app);
}
