import { z } from 'zod';
import type { App } from '../../app';
import { errors } from '../../errors';
import { MEDIA } from '../../openapi';
import { requireRole } from '../auth/auth.plugin';
import { STAFF, tags } from './dossier-routes.shared';
import { RegisterRow, registerRows, registerXlsx } from './register';

/** The agency's dossier register (sổ theo dõi hồ sơ, Mẫu 06/07) for a range of days, on screen and as .xlsx. */
export function dossierRegisterRoutes(app: App): void {
  const { reports } = app.deps;

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
}
