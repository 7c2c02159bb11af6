import { z } from 'zod';
import { DivisionList } from '../../../domain/geo/division';
import type { App } from '../../app';
import { errors } from '../../errors';
import { divisions } from './divisions.data';

const tags = ['Đơn vị hành chính'];
const ProvinceParams = z.object({
  code: z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số, ví dụ 79 (Thành phố Hồ Chí Minh).'),
});

/** Public lists for address pickers: provinces, and the communes of one province. */
export async function divisionsRoutes(app: App): Promise<void> {
  app.get(
    '/provinces',
    {
      schema: { tags, summary: 'Danh sách tỉnh, thành phố (từ 01/07/2025)', response: { 200: DivisionList } },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: divisions().provinces };
    },
  );
  app.get(
    '/provinces/:code/communes',
    {
      schema: {
        tags,
        summary: 'Danh sách xã, phường, đặc khu của một tỉnh, thành phố',
        params: ProvinceParams,
        response: { 200: DivisionList },
      },
    },
    async (req, reply) => {
      const list = divisions().communesOf.get(req.params.code);
      if (!list) throw errors.notFound(`tỉnh, thành phố mã ${req.params.code}`);
      reply.header('cache-control', 'public, max-age=86400');
      return { items: list };
    },
  );
}
