import { subtreeIds } from '../../../domain/agency/agency';
import type { Db } from '../../db/database';
import { agencies } from '../../db/schema';
import type { AuthUser } from '../auth/auth.service';

/**
 * The agencies a staff user may see and manage: their own agency and everything below it (a
 * province officer sees the province's communes). A user without an agency holding the admin role
 * is the system administrator and sees everything: `null` means "no restriction".
 */
export async function agencyScope(db: Db, user: AuthUser): Promise<Set<string> | null> {
  if (!user.agency) return user.roles.includes('admin') ? null : new Set();
  const all = await db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies);
  return new Set(subtreeIds(all, user.agency.id));
}

export function inScope(scope: Set<string> | null, agencyId: string | null): boolean {
  if (scope === null) return true;
  return agencyId !== null && scope.has(agencyId);
}
