import { eq } from 'drizzle-orm';
import { timeliness, toLocalIso } from '../../../../domain/calendar';
import { maskName } from '../../../../domain/dossier/applicant';
import type { Db } from '../../../db/database';
import { dossiers, procedures, procedureVersions } from '../../../db/schema';
import { errors } from '../../../errors';
import type { PublicDossier } from '../dossiers.schema';
import { statusOf } from '../../../../domain/dossier/status';

/** What anyone may see of a dossier from its code: progress, no personal data beyond a masked name. */
export async function publicDossier(db: Db, code: string, now: Date): Promise<PublicDossier> {
  const row = (
    await db
      .select({ d: dossiers, v: procedureVersions, p: procedures })
      .from(dossiers)
      .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .where(eq(dossiers.code, code.trim().toUpperCase()))
  )[0];
  if (!row) throw errors.notFound(`hồ sơ mã ${code}`);
  const d = row.d;
  return {
    code: d.code!,
    procedure: { code: row.p.code, name: row.v.content.name },
    applicant: maskName(d.applicantName),
    status: statusOf(d.status),
    acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
    dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
    endedAt: d.endedAt ? toLocalIso(d.endedAt) : null,
    timeliness: d.dueAt ? timeliness(d.dueAt, d.endedAt, now) : null,
  };
}
