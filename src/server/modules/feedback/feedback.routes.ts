import { z } from 'zod';
import type { App } from '../../app';
import { publicLookup } from '../../rate-limit';
import { AppError, errors } from '../../errors';
import { requireRole } from '../auth/auth.plugin';
import { RateLimit } from '../auth/rate-limit';
import {
  AnswerBody,
  FeedbackInput,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackReceived,
  PublicFeedbackQuery,
  PublishBody,
} from './feedback.schema';
import {
  answerFeedback,
  feedbackByCode,
  feedbackView,
  listFeedback,
  publicFeedback,
  publishFeedback,
  receiveFeedback,
} from './feedback.service';

const tags = ['Phản ánh, kiến nghị'];
const ANSWERING = ['reception', 'leader'] as const;
const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;

/**
 * Feedback and recommendations (phản ánh, kiến nghị — Decree 20/2008/NĐ-CP): anyone sends one about a
 * procedure or a dossier to the agency; each gets a code; the desk answers it (the sender is told through
 * the outbox) and may publish the answer, which then appears on the portal.
 */
export async function feedbackRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  const senders = new RateLimit(app.rateStore, 'feedback', 10, 60 * 60_000);
  const idParams = z.object({ id: z.uuid() });

  app.post(
    '/feedback',
    {
      schema: {
        tags,
        summary:
          'Gửi phản ánh, kiến nghị về thủ tục hoặc hồ sơ (không cần đăng nhập; cần họ tên và điện thoại hoặc thư điện tử)',
        body: FeedbackInput,
        response: { 201: FeedbackReceived },
      },
    },
    async (req, reply) => {
      const user = req.auth?.user ?? null;
      const b = req.body;
      const authorName = b.authorName ?? user?.fullName;
      const phone = b.phone ?? user?.phone ?? null;
      const email = b.email ?? user?.email ?? null;
      if (!authorName) throw errors.invalid('AUTHOR_REQUIRED', 'Hãy nhập họ và tên người gửi.');
      if (!phone && !email) {
        throw errors.invalid(
          'CONTACT_REQUIRED',
          'Hãy để lại số điện thoại hoặc thư điện tử để cơ quan trả lời.',
        );
      }
      const now = clock.now();
      const wait = await senders.retryAfter(req.ip, now.getTime());
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_REQUESTS',
          `Bạn đã gửi nhiều phản ánh; thử lại sau ${Math.ceil(wait / 60_000)} phút.`,
        );
      }
      const out = await database.tx((db) => receiveFeedback(db, user, now, b, { authorName, phone, email }));
      await senders.fail(req.ip, now.getTime());
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/feedback',
    {
      schema: {
        tags,
        summary:
          'Danh sách phản ánh, kiến nghị gửi các cơ quan trong phạm vi (lọc theo trạng thái, loại, từ khóa)',
        querystring: FeedbackListQuery,
        response: { 200: z.object({ items: z.array(FeedbackItem), total: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem phản ánh, kiến nghị');
      const q = req.query;
      return database.read((db) => listFeedback(db, actor, q));
    },
  );

  app.post(
    '/feedback/:id/answer',
    {
      schema: {
        tags,
        summary:
          'Trả lời phản ánh, kiến nghị (người gửi được báo qua tin nhắn / thư điện tử); có thể công khai ngay',
        params: idParams,
        body: AnswerBody,
        response: { 200: FeedbackItem },
      },
    },
    async (req) => {
      const actor = requireRole(req, ANSWERING, 'trả lời phản ánh, kiến nghị');
      const now = clock.now();
      await database.tx((db) => answerFeedback(db, actor, now, req.params.id, req.body));
      return database.read((db) => feedbackView(db, actor, req.params.id));
    },
  );

  app.post(
    '/feedback/:id/publish',
    {
      schema: {
        tags,
        summary: 'Công khai (hoặc thôi công khai) phản ánh, kiến nghị đã trả lời trên cổng dịch vụ công',
        params: idParams,
        body: PublishBody,
        response: { 200: FeedbackItem },
      },
    },
    async (req) => {
      const actor = requireRole(req, ANSWERING, 'công khai phản ánh, kiến nghị');
      const now = clock.now();
      await database.tx((db) => publishFeedback(db, actor, now, req.params.id, req.body.published));
      return database.read((db) => feedbackView(db, actor, req.params.id));
    },
  );

  app.get(
    '/public/feedback',
    {
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Phản ánh, kiến nghị đã được trả lời và công khai (tên người gửi được che)',
        querystring: PublicFeedbackQuery,
        response: { 200: z.object({ items: z.array(FeedbackItem), total: z.number().int() }) },
      },
    },
    async (req) => {
      const q = req.query;
      return database.read((db) => publicFeedback(db, q));
    },
  );

  app.get(
    '/public/feedback/:code',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Người gửi tra cứu phản ánh, kiến nghị của mình theo mã: trạng thái và câu trả lời',
        params: z.object({ code: z.string().trim().min(5).max(40) }),
        response: { 200: FeedbackItem },
      },
    },
    async (req) => {
      return database.read((db) => feedbackByCode(db, req.params.code));
    },
  );
}
