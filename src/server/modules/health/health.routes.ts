import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import { VERSION } from '../../version';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    '/health',
    { schema: { tags: ['Hệ thống'], summary: 'Tình trạng hệ thống', response: { 200: Health } } },
    async () => {
      const { database } = app.deps;
      await database.read((db) => db.execute(sql`select 1`));
      return { status: 'ok' as const, database: database.kind, version: VERSION };
    },
  );
}
