import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { CommandActor } from '../../../domain/dossier/commands';
import type { Db } from '../../db/database';
import { dossierEvents, dossiers } from '../../db/schema';
import { errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';

export const actorOf = (a: AuthUser): CommandActor => ({
  id: a.id,
  name: a.fullName,
  agencyId: a.agency?.id ?? null,
  roles: a.roles,
});

/** Staff may see a dossier received by, or now held by, an agency in their scope. */
export function visible(
  scope: Set<string> | null,
  d: { agencyId: string; currentAgencyId: string | null },
): boolean {
  return inScope(scope, d.agencyId) || inScope(scope, d.currentAgencyId);
}

/**
 * The dossier row, if the caller may see it (404 otherwise, so other agencies cannot probe codes);
 * `lock` takes the row lock that serializes commands on one dossier.
 */
export async function visibleDossier(db: Db, actor: AuthUser, id: string, lock = false) {
  const q = db.select().from(dossiers).where(eq(dossiers.id, id));
  const d = (await (lock ? q.for('update') : q))[0];
  if (!d || !visible(await agencyScope(db, actor), d)) throw errors.notFound('hồ sơ');
  return d;
}

/** Dossiers a user handed in themselves (online, or for someone as a community helper): their first event is theirs. */
export const submittedByUser = (userId: string): SQL =>
  sql`exists (select 1 from ${dossierEvents} where ${dossierEvents.dossierId} = ${dossiers.id} and ${dossierEvents.seq} = 1 and ${dossierEvents.actorId} = ${userId})`;

/**
 * The ids of the dossiers a user handed in, from the partial index on first events (migration 0013). Read
 * first and on its own: joined to the dossiers ordered by date, the planner could instead walk every
 * dossier and test each one.
 */
export async function submittedIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: dossierEvents.dossierId })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.seq, 1), eq(dossierEvents.actorId, userId)));
  return rows.map((r) => r.id);
}

/** A dossier the actor handed in themselves, locked; 404 otherwise. */
export async function submittedBy(db: Db, actor: AuthUser, id: string) {
  const d = (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.id, id), submittedByUser(actor.id)))
      .for('update')
  )[0];
  if (!d) throw errors.notFound('hồ sơ');
  return d;
}

/** Dossiers received by, or now held by, an agency in the scope (the list form of `visible`). */
export function scopeCondition(scope: Set<string>): SQL {
  return or(inArray(dossiers.agencyId, [...scope]), inArray(dossiers.currentAgencyId, [...scope])) as SQL;
}
