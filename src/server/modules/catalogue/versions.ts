import { eq, max, type SQL, sql } from 'drizzle-orm';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import { foldVietnamese } from '../../../domain/catalogue/search';
import type { Db } from '../../db/database';
import { procedures, procedureVersions } from '../../db/schema';

/**
 * A procedure's versions: the one in effect on a day (as SQL the reads build on), and writing a new
 * procedure or a new version of one (publication decisions and the seed).
 */

/** The version of each procedure in effect on `today` (latest effective_from ≤ today). */
export function currentVersionsSql(today: string): SQL {
  return sql`
    select distinct on (v.procedure_id) v.*, p.code, p.abolished_on
    from procedure_versions v join procedures p on p.id = v.procedure_id
    where v.effective_from <= ${today}
    order by v.procedure_id, v.effective_from desc, v.version_no desc`;
}

export function searchTextOf(code: string, content: Pick<ProcedureContent, 'name'>): string {
  return `${code} ${foldVietnamese(content.name)}`;
}

interface VersionMeta {
  effectiveFrom: string;
  decisionId: string | null;
  source: unknown;
}

export async function insertProcedure(
  db: Db,
  now: Date,
  code: string,
  content: ProcedureContent,
  meta: VersionMeta,
) {
  const [p] = await db.insert(procedures).values({ code, createdAt: now }).returning();
  await addVersion(db, now, p!.id, code, content, meta);
  return p!;
}

export async function addVersion(
  db: Db,
  now: Date,
  procedureId: string,
  code: string,
  content: ProcedureContent,
  meta: VersionMeta,
) {
  const last = await db
    .select({ n: max(procedureVersions.versionNo) })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId));
  await db.insert(procedureVersions).values({
    procedureId,
    versionNo: (last[0]?.n ?? 0) + 1,
    effectiveFrom: meta.effectiveFrom,
    decisionId: meta.decisionId,
    fieldCode: content.fieldCode,
    level: content.level,
    content,
    searchText: searchTextOf(code, content),
    source: meta.source ?? null,
    createdAt: now,
  });
}
