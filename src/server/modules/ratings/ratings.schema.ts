import { z } from 'zod';
import { RatingScores } from '../../../domain/payment/rating';

export const RatingView = z.object({
  scores: RatingScores,
  comment: z.string().nullable(),
  createdAt: z.string(),
  channel: z.enum(['portal', 'kiosk']),
});
/** Whether a dossier may be rated, and its rating. */
export const RatingState = z.object({
  /** The result was returned: the applicant may rate (once). */
  canRate: z.boolean(),
  rated: z.boolean(),
  /** Why rating is not open yet, in Vietnamese. */
  reason: z.string().nullable(),
  rating: RatingView.nullable(),
});
export type RatingState = z.infer<typeof RatingState>;
