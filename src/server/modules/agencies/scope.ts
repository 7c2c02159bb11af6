import { subtreeIds } from '../../../domain/agency/agency';
import { adminLevel } from '../../../domain/identity/permissions';
import type { Db } from '../../db/database';
import { agencies } from '../../db/schema';
import type { AuthUser } from '../auth/auth.service';

/**
 * The agencies a staff user may see and manage: their own agency and everything below it (a
 * province officer sees the province's communes). The system administrator (`sysadmin`, with or
 * without an agency) sees everything: `null` means "no restriction".
 */
export async function agencyScope(db: Db, user: AuthUser): Promise<Set<string> | null> {
  if (adminLevel(user) === 'system') return null;
  if (!user.agency) return new Set();
  const all = await db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies);
  return scopeIn(all, user);
}

/** `agencyScope` over an agency tree the caller has already read. */
export function scopeIn(
  tree: readonly { id: string; parentId: string | null }[],
  user: AuthUser,
): Set<string> | null {
  if (adminLevel(user) === 'system') return null;
  if (!user.agency) return new Set();
  return new Set(subtreeIds(tree, user.agency.id));
}

export function inScope(scope: Set<string> | null, agencyId: string | null): boolean {
  if (scope === null) return true;
  return agencyId !== null && scope.has(agencyId);
}
