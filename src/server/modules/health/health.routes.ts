import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../../app';
import { VERSION } from '../../version';
import { requireRole } from '../auth/auth.plugin';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

const instant = z.string().nullable().describe('ISO 8601');

/** One periodic job's state in this app instance (jobs/runner.ts `JobStatus`). */
export const JobState = z.object({
  name: z.string().describe('Tên tác vụ, ví dụ stats.rollups'),
  everyMs: z.number().int().describe('Khoảng cách giữa hai lần chạy (ms)'),
  singleton: z.boolean().describe('Chỉ chạy ở một máy chủ của cụm (khi có khóa dùng chung)'),
  running: z.boolean(),
  runs: z.number().int().describe('Số lần đã chạy xong (thành công hoặc lỗi)'),
  failures: z.number().int().describe('Số lần lỗi'),
  skipped: z.number().int().describe('Số lượt bỏ qua vì máy chủ khác đang giữ tác vụ'),
  lastStartedAt: instant,
  lastFinishedAt: instant,
  lastDurationMs: z.number().int().nullable(),
  lastSucceededAt: instant,
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
});

export const JobsHealth = z.object({
  started: z.boolean().describe('Các tác vụ định kỳ đang được hẹn giờ (tắt ở các kịch bản chạy một lần)'),
  jobs: z.array(JobState),
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

  app.get(
    '/health/jobs',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng các tác vụ định kỳ của máy chủ này: số lần chạy, số lần lỗi, lỗi gần nhất',
        response: { 200: JobsHealth },
      },
    },
    async (req) => {
      requireRole(req, ['admin'], 'xem tình trạng các tác vụ định kỳ');
      return { started: app.jobs.started, jobs: app.jobs.status() };
    },
  );
}
