import { z } from 'zod';
import type { App } from '../../app';
import { requireRole } from '../auth/auth.plugin';
import { Explanation } from '../calendar/calendar.schema';
import { visibleDossier } from './access';
import { DossierList, DossierListQuery, DossierView, WorklistCounts } from './dossiers.schema';
import { STAFF, tags } from './dossier-routes.shared';
import { sentMessages } from './messages';
import { explainDossierDue, getDossier } from './read/view';
import { listDossiers, worklistCounts } from './read/worklists';

/** Reading dossiers in the agency's scope: worklists and their counts, one dossier, its due date, its messages. */
export function dossierReadRoutes(app: App): void {
  const { database, clock } = app.deps;
  const calendars = app.calendar;

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
}
