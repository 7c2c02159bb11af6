/** What the statistics route groups share: the refresh-then-scope step, tags, roles and the period query. */
import { z } from 'zod';
import type { Period, reportScope } from '../scope';

/** What the statistics route groups share (built once in `stats.routes.ts`). */
export interface StatsRoutes {
  /** Today's local day. */
  today: () => number;
  /** Brings the rollups up to date, then checks the period and the caller's scope (the agency and its subtree). */
  prepare: (
    user: Parameters<typeof reportScope>[1],
    q: z.infer<typeof PeriodQuery>,
  ) => Promise<{ p: Period; scope: Awaited<ReturnType<typeof reportScope>> }>;
}

export const tags = ['Thống kê, báo cáo'];
export const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;
export const IsoDate = z.iso.date('Ngày phải có dạng YYYY-MM-DD.');

export const PeriodQuery = z.object({
  agencyId: z.uuid().optional(),
  from: IsoDate,
  to: IsoDate,
});
