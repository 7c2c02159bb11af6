import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { toLocalIso } from '../../../../domain/calendar';
import type { Db } from '../../../db/database';
import {
  auditLog,
  dossierEvents,
  dossierFiles,
  dossierNames,
  dossiers,
  files,
  procedures,
  procedureVersions,
} from '../../../db/schema';
import { agencyScope } from '../../agencies/scope';
import type { AuthUser } from '../../auth/auth.service';
import { statusOf } from '../../../../domain/dossier/status';

/**
 * Dossiers whose applicant's folded name, from the start of its 1st, 2nd or 3rd word, begins with `folded`
 * (letters and single spaces) and that an agency of `scope` received or holds (null: all): their ids and
 * creation times, from the name indexes alone.
 */
export function dossiersNamed(folded: string, scope: Set<string> | null): SQL {
  const pattern = `${folded}%`;
  const ids = scope === null ? null : [...scope];
  const scoped =
    ids === null
      ? sql``
      : sql` and (${inArray(dossierNames.agencyId, ids)} or ${inArray(dossierNames.currentAgencyId, ids)})`;
  return sql.join(
    [dossierNames.fromWord1, dossierNames.fromWord2, dossierNames.fromWord3].map(
      (w) =>
        sql`select ${dossierNames.dossierId} as dossier_id, ${dossierNames.createdAt} as created_at from ${dossierNames} where ${w} like ${pattern}${scoped}`,
    ),
    sql` union `,
  );
}

/**
 * A returning applicant (người nộp đã từng nộp hồ sơ), found by ID number among the dossiers the caller
 * may see: the latest details they gave and their earlier dossiers, to prefill the counter form.
 */
export async function findApplicant(db: Db, actor: AuthUser, idNumber: string) {
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) return null;
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        sql`${dossiers.applicant}->>'idNumber' = ${idNumber}`,
        scope === null ? undefined : inArray(dossiers.agencyId, [...scope]),
      ),
    )
    .orderBy(desc(dossiers.createdAt))
    .limit(20);
  if (rows.length === 0) return null;
  // Their digitised documents (scans and results), which may be reused instead of rescanned (Decree 45/2020).
  const documents = await db
    .select({
      fileId: dossierFiles.fileId,
      kind: dossierFiles.kind,
      component: dossierFiles.component,
      name: files.name,
      code: dossiers.code,
    })
    .from(dossierFiles)
    .innerJoin(files, eq(files.id, dossierFiles.fileId))
    .innerJoin(dossiers, eq(dossiers.id, dossierFiles.dossierId))
    .where(
      inArray(
        dossierFiles.dossierId,
        rows.map((r) => r.d.id),
      ),
    )
    .orderBy(desc(dossierFiles.uploadedAt))
    .limit(50);
  return {
    documents: [...new Map(documents.map((x) => [x.fileId, x])).values()],
    applicant: rows[0]!.d.applicant,
    dossiers: rows.map(({ d, name }) => ({
      id: d.id,
      code: d.code,
      procedureName: name,
      status: statusOf(d.status),
      createdAt: toLocalIso(d.createdAt),
    })),
  };
}

/** The procedures this officer received most in the last 90 days (the desk's quick list). */
export async function frequentProcedures(db: Db, actor: AuthUser, now: Date) {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .select({
      code: procedures.code,
      name: sql<string>`max(${procedureVersions.content}->>'name')`,
      n: sql<number>`count(*)::int`,
    })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        eq(dossierEvents.type, 'submitted'),
        eq(dossierEvents.actorId, actor.id),
        sql`${dossierEvents.at} >= ${since.toISOString()}`,
      ),
    )
    .groupBy(procedures.code)
    .orderBy(sql`count(*) desc`, procedures.code)
    .limit(8);
  return rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.n) }));
}

/** `findApplicant`, the lookup logged (Decree 13/2023: looking up a person's data is logged). */
export async function lookupApplicant(db: Db, actor: AuthUser, now: Date, idNumber: string) {
  const r = await findApplicant(db, actor, idNumber);
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'applicant.lookup',
    entity: 'applicant',
    entityId: idNumber,
    data: { found: r !== null },
  });
  return r;
}
