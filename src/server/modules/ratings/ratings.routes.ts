import { z } from 'zod';
import { RatingInput, RatingsSummary } from '../../../domain/payment/rating';
import type { App } from '../../app';
import { publicLookup } from '../../rate-limit';
import { AppError, errors } from '../../errors';
import { requireRole, requireUser } from '../auth/auth.plugin';
import { RateLimit } from '../auth/rate-limit';
import { checkCode } from '../payments/payments.routes';
import { accessibleDossier, dossierByCode } from '../payments/payments.service';
import { localMidnight } from '../../../domain/dossier/lifecycle';
import { RatingState } from './ratings.schema';
import { phoneTail, rate, ratingsSummary, stateOf } from './ratings.service';

const tags = ['Đánh giá hài lòng'];

/**
 * The applicant's satisfaction rating of a returned dossier (SIPAS elements, 1–5 each, optional
 * comment), once per dossier: online by the applicant who submitted it, or at the counter's kiosk
 * without login by the dossier code and the last four digits of the phone number on the dossier.
 */
export async function ratingsRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  const guesses = new RateLimit(app.rateStore, 'rating-code', 5, 15 * 60_000);
  const idParams = z.object({ id: z.uuid() });
  const codeParams = z.object({ code: z.string().min(5).max(60) });

  app.get(
    '/dossiers/:id/rating',
    {
      schema: {
        tags,
        summary: 'Đánh giá của người nộp cho hồ sơ (nếu có)',
        params: idParams,
        response: { 200: RatingState },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      return database.read(async (db) =>
        stateOf(db, await accessibleDossier(db, actor, req.params.id), true),
      );
    },
  );

  app.post(
    '/dossiers/:id/rating',
    {
      schema: {
        tags,
        summary: 'Người nộp đánh giá mức độ hài lòng sau khi nhận kết quả (một lần cho mỗi hồ sơ)',
        params: idParams,
        body: RatingInput,
        response: { 201: RatingState },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ['citizen'], 'đánh giá hồ sơ');
      const now = clock.now();
      await database.tx(async (db) =>
        rate(db, await accessibleDossier(db, actor, req.params.id, true), actor.id, req.body, now),
      );
      const state = await database.read(async (db) =>
        stateOf(db, await accessibleDossier(db, actor, req.params.id), true),
      );
      return reply.status(201).send(state);
    },
  );

  app.get(
    '/public/dossiers/:code/rating',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Hồ sơ đã mở đánh giá hay đã được đánh giá chưa (không lộ nội dung đánh giá)',
        params: codeParams,
        response: { 200: RatingState },
      },
    },
    async (req) => {
      const code = checkCode(req.params.code);
      return database.read(async (db) => stateOf(db, await dossierByCode(db, code), false));
    },
  );

  app.post(
    '/public/dossiers/:code/rating',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Đánh giá tại quầy / kiosk không cần đăng nhập: mã hồ sơ + 4 số cuối điện thoại người nộp',
        params: codeParams,
        body: RatingInput.extend({
          phoneLast4: z
            .string()
            .regex(/^\d{4}$/, 'Hãy nhập đúng 4 chữ số cuối của số điện thoại đã khai trong hồ sơ.'),
        }),
        response: { 201: RatingState },
      },
    },
    async (req, reply) => {
      const code = checkCode(req.params.code);
      const now = clock.now();
      const wait = await guesses.retryAfter(code, now.getTime());
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Nhập sai quá nhiều lần; thử lại sau ${Math.ceil(wait / 60_000)} phút hoặc nhờ cán bộ một cửa hỗ trợ.`,
        );
      }
      const { phoneLast4, ...input } = req.body;
      const wrong = await database.tx(async (db) => {
        const d = await dossierByCode(db, code, true);
        const tail = phoneTail(d);
        if (tail === null) {
          throw new AppError(
            409,
            'NO_PHONE',
            'Hồ sơ không có số điện thoại người nộp; hãy đánh giá bằng tài khoản cổng dịch vụ công hoặc phiếu đánh giá tại quầy.',
          );
        }
        if (tail !== phoneLast4) return true;
        await rate(db, d, null, input, now);
        return false;
      });
      if (wrong) {
        await guesses.fail(code, now.getTime());
        throw new AppError(
          403,
          'PHONE_MISMATCH',
          '4 chữ số cuối không khớp số điện thoại đã khai trong hồ sơ. Kiểm tra lại hoặc nhờ cán bộ một cửa hỗ trợ.',
        );
      }
      await guesses.succeed(code);
      const state = await database.read(async (db) => stateOf(db, await dossierByCode(db, code), false));
      return reply.status(201).send(state);
    },
  );

  app.get(
    '/ratings/summary',
    {
      schema: {
        tags,
        summary: 'Tổng hợp đánh giá hài lòng của các cơ quan trong phạm vi (điểm trung bình từng tiêu chí)',
        querystring: z.object({
          from: z.iso.date('Ngày bắt đầu phải có dạng YYYY-MM-DD.'),
          to: z.iso.date('Ngày kết thúc phải có dạng YYYY-MM-DD.'),
        }),
        response: { 200: RatingsSummary },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception', 'leader', 'admin'], 'xem tổng hợp đánh giá');
      if (req.query.from > req.query.to) throw errors.range();
      const from = localMidnight(req.query.from);
      const to = new Date(localMidnight(req.query.to).getTime() + 86_400_000);
      return database.read((db) => ratingsSummary(db, actor, from, to));
    },
  );
}
