// Results handed to the postal service on a day (issue 17: every route has a response schema).
import { z } from 'zod';
import type { Same } from '../../openapi';
import type { PostalRow as PostalRowType } from './postal';

export const PostalRow = z.object({
  code: z.string(),
  procedure: z.string(),
  result: z.string(),
  applicant: z.string(),
  phone: z.string(),
  address: z.string(),
  trackingCode: z.string(),
  at: z.string().describe('Giờ Việt Nam, +07:00'),
});
export type PostalRow = z.infer<typeof PostalRow>;

/** The day's hand-overs, one group per postal courier (the officer who handed them over). */
export const PostalHandover = z.object({
  date: z.string().describe('YYYY-MM-DD'),
  groups: z.array(z.object({ courier: z.string(), officer: z.string(), rows: z.array(PostalRow) })),
});
export type PostalHandover = z.infer<typeof PostalHandover>;

true satisfies Same<PostalRow, PostalRowType>;
