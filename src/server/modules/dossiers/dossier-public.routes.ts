import { z } from 'zod';
import { isDossierCode } from '../../../domain/dossier/code';
import type { App } from '../../app';
import { AppError } from '../../errors';
import { publicLookup } from '../../rate-limit';
import { RateLimit } from '../auth/rate-limit';
import { PublicDossier, PublicDossierByReference, ReferenceLookup } from './dossiers.schema';
import { publicDossier, publicDossierByReference } from './read/public';

/** The public progress lookups (tra cứu công khai), without sign-in: by dossier code or by temporary reference. */
export function publicDossierRoutes(app: App): void {
  const { database, clock, config } = app.deps;

  /** Wrong phone digits for one temporary reference: 5 in 15 minutes, then that reference waits. */
  const referenceGuesses = new RateLimit(app.rateStore, 'reference', 5, 15 * 60_000);

  app.get(
    '/public/dossiers/:code',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Tra cứu tiến độ hồ sơ theo mã (không cần đăng nhập; tên người nộp được che)',
        params: z.object({ code: z.string().min(5).max(60) }),
        response: { 200: PublicDossier },
      },
    },
    async (req) => {
      if (!isDossierCode(req.params.code)) {
        throw new AppError(404, 'NOT_FOUND', `Không tìm thấy hồ sơ mã ${req.params.code}.`);
      }
      return database.read((db) => publicDossier(db, req.params.code, clock.now()));
    },
  );

  app.post(
    '/public/dossiers/by-reference',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary:
          'Tra cứu hồ sơ nộp trực tuyến theo mã tạm và 4 số cuối điện thoại người nộp (không cần đăng nhập; tên người nộp được che)',
        description:
          'Mã tạm (8 ký tự) được cấp khi nộp trực tuyến, dùng đến khi hồ sơ được tiếp nhận và có mã hồ sơ chính thức. ' +
          'Mã tạm không có và số điện thoại không khớp được trả lời như nhau (404); sai 5 lần trong 15 phút thì mã tạm đó phải chờ.',
        body: ReferenceLookup,
        response: { 200: PublicDossierByReference },
      },
    },
    async (req) => {
      const reference = req.body.reference.toUpperCase();
      const now = clock.now();
      const wait = await referenceGuesses.attempt(reference, now.getTime());
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Nhập sai quá nhiều lần; thử lại sau ${Math.ceil(wait / 60_000)} phút hoặc liên hệ bộ phận một cửa.`,
        );
      }
      const found = await database.read((db) =>
        publicDossierByReference(db, reference, req.body.phoneLast4, now),
      );
      if (!found) {
        throw new AppError(
          404,
          'NOT_FOUND',
          `Không tìm thấy hồ sơ có mã tạm ${reference} và số điện thoại kết thúc bằng ${req.body.phoneLast4}.`,
        );
      }
      await referenceGuesses.succeed(reference);
      return found;
    },
  );
}
