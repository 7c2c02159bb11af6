import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { toLocalIso } from '../../../domain/calendar';
import { type RatingInput, RatingScores, summarizeRatings } from '../../../domain/payment/rating';
import type { Db } from '../../db/database';
import { auditLog, type dossiers, ratings } from '../../db/schema';
import { errors } from '../../errors';
import { agencyScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { RatingState } from './ratings.schema';

const RETURNED = 10;

type DossierRow = typeof dossiers.$inferSelect;

export async function stateOf(db: Db, d: DossierRow, reveal: boolean): Promise<RatingState> {
  const r = (await db.select().from(ratings).where(eq(ratings.dossierId, d.id)))[0];
  const returned = d.status === RETURNED;
  return {
    canRate: returned && !r,
    rated: !!r,
    reason: r
      ? 'Hồ sơ này đã được đánh giá.'
      : returned
        ? null
        : 'Chỉ đánh giá được sau khi hồ sơ đã trả kết quả.',
    rating:
      r && reveal
        ? {
            scores: RatingScores.parse(r.scores),
            comment: r.comment,
            createdAt: toLocalIso(r.createdAt),
            channel: r.userId ? 'portal' : 'kiosk',
          }
        : null,
  };
}

export async function rate(db: Db, d: DossierRow, userId: string | null, input: RatingInput, now: Date) {
  if (d.status !== RETURNED) {
    throw errors.conflict('NOT_RETURNED', 'Chỉ đánh giá được sau khi hồ sơ đã trả kết quả.');
  }
  const inserted = await db
    .insert(ratings)
    .values({
      dossierId: d.id,
      userId,
      agencyId: d.agencyId,
      scores: input.scores,
      comment: input.comment || null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: ratings.dossierId });
  if (inserted.length === 0)
    throw errors.conflict('ALREADY_RATED', 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.');
  await db.insert(auditLog).values({
    at: now,
    actorId: userId,
    action: 'rating.created',
    entity: 'dossier',
    entityId: d.id,
    data: { scores: input.scores, channel: userId ? 'portal' : 'kiosk' },
  });
}

/** The last four digits of the applicant's phone, as recorded on the dossier; null if none. */
export function phoneTail(d: DossierRow): string | null {
  const phone = typeof d.applicant.phone === 'string' ? d.applicant.phone.replace(/\D/g, '') : '';
  return phone.length >= 4 ? phone.slice(-4) : null;
}

/** The ratings given in [from, to) within the actor's scope, summarized. */
export async function ratingsSummary(db: Db, actor: AuthUser, from: Date, to: Date) {
  const scope = await agencyScope(db, actor);
  const where = [gte(ratings.createdAt, from), lt(ratings.createdAt, to)];
  if (scope !== null)
    where.push(inArray(ratings.agencyId, scope.size ? [...scope] : ['00000000-0000-0000-0000-000000000000']));
  const rows = await db
    .select({ scores: ratings.scores })
    .from(ratings)
    .where(and(...where));
  return summarizeRatings(rows.map((r) => RatingScores.parse(r.scores)));
}
