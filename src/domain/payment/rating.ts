import { z } from 'zod';

/**
 * The applicant's rating of how a dossier was served, on the five SIPAS elements (Bộ Nội vụ's
 * satisfaction index): access to the service, the procedure, the officers, the result, and the
 * receiving and handling of feedback. Each 1–5 (rất không hài lòng … rất hài lòng).
 */
export const RATING_CRITERIA = ['access', 'procedure', 'officers', 'result', 'feedback'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export const RATING_CRITERIA_VI: Record<RatingCriterion, string> = {
  access: 'Tiếp cận dịch vụ',
  procedure: 'Thủ tục hành chính',
  officers: 'Công chức giải quyết',
  result: 'Kết quả giải quyết',
  feedback: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
};

export const RATING_LEVELS_VI = [
  'Rất không hài lòng',
  'Không hài lòng',
  'Bình thường',
  'Hài lòng',
  'Rất hài lòng',
] as const;

const Score = z
  .number({ error: 'Hãy chọn mức đánh giá từ 1 đến 5.' })
  .int('Mức đánh giá là số nguyên từ 1 đến 5.')
  .min(1, 'Mức đánh giá thấp nhất là 1.')
  .max(5, 'Mức đánh giá cao nhất là 5.');

export const RatingScores = z.strictObject({
  access: Score,
  procedure: Score,
  officers: Score,
  result: Score,
  feedback: Score,
});
export type RatingScores = z.infer<typeof RatingScores>;

export const RatingInput = z.strictObject({
  scores: RatingScores,
  comment: z.string().trim().max(2000, 'Góp ý tối đa 2.000 ký tự.').optional(),
});
export type RatingInput = z.infer<typeof RatingInput>;

/** Average per criterion (1 decimal) and the share of ratings at 4–5 on every criterion (null without ratings). */
export const RatingsSummary = z.object({
  count: z.number().int(),
  averages: z.record(z.enum(RATING_CRITERIA), z.number().nullable()),
  satisfiedShare: z.number().nullable(),
});
export type RatingsSummary = z.infer<typeof RatingsSummary>;

/** Average per criterion (1 decimal) and the share of ratings at 4–5 on every criterion. */
export function summarizeRatings(all: readonly RatingScores[]): RatingsSummary {
  const averages = {} as Record<RatingCriterion, number | null>;
  for (const c of RATING_CRITERIA) {
    averages[c] = all.length ? Math.round((all.reduce((s, r) => s + r[c], 0) / all.length) * 10) / 10 : null;
  }
  const satisfied = all.filter((r) => RATING_CRITERIA.every((c) => r[c] >= 4)).length;
  return {
    count: all.length,
    averages,
    satisfiedShare: all.length ? Math.round((satisfied / all.length) * 1000) / 1000 : null,
  };
}
