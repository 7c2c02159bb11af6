import { and, eq, gte, lte } from 'drizzle-orm';
import { timeliness, toLocalIso } from '../../../../domain/calendar';
import { maskName } from '../../../../domain/dossier/applicant';
import { temporaryReference } from '../../../../domain/dossier/code';
import { statusOf } from '../../../../domain/dossier/status';
import type { Db } from '../../../db/database';
import { dossiers, procedures, procedureVersions } from '../../../db/schema';
import { errors } from '../../../errors';
import type { PublicDossier, PublicDossierByReference } from '../dossiers.schema';

type Row = {
  d: typeof dossiers.$inferSelect;
  v: typeof procedureVersions.$inferSelect;
  p: typeof procedures.$inferSelect;
};

function publicView(row: Row, now: Date): Omit<PublicDossier, 'code'> {
  const d = row.d;
  return {
    procedure: { code: row.p.code, name: row.v.content.name },
    applicant: maskName(d.applicantName),
    status: statusOf(d.status),
    acceptedAt: d.acceptedAt ? toLocalIso(d.acceptedAt) : null,
    dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
    endedAt: d.endedAt ? toLocalIso(d.endedAt) : null,
    timeliness: d.dueAt ? timeliness(d.dueAt, d.endedAt, now) : null,
  };
}

const joined = (db: Db) =>
  db
    .select({ d: dossiers, v: procedureVersions, p: procedures })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId));

/** What anyone may see of a dossier from its code: progress, no personal data beyond a masked name. */
export async function publicDossier(db: Db, code: string, now: Date): Promise<PublicDossier> {
  const row = (await joined(db).where(eq(dossiers.code, code.trim().toUpperCase())))[0];
  if (!row) throw errors.notFound(`hồ sơ mã ${code}`);
  return { code: row.d.code!, ...publicView(row, now) };
}

/** The last four digits of the phone number given for the applicant, or null when none was given. */
function phoneTail(d: Row['d']): string | null {
  const phone = typeof d.applicant.phone === 'string' ? d.applicant.phone.replace(/\D/g, '') : '';
  return phone.length >= 4 ? phone.slice(-4) : null;
}

/**
 * The same view from a temporary reference (the id's first 8 hex digits) and the last four digits of the
 * applicant's phone — null when no dossier has both (the caller answers an unknown reference and a wrong phone
 * alike). The reference is matched as a range of the primary key (its index), never by a text scan.
 */
export async function publicDossierByReference(
  db: Db,
  reference: string,
  phoneLast4: string,
  now: Date,
): Promise<PublicDossierByReference | null> {
  const hex = reference.trim().toLowerCase();
  const lo = `${hex}-0000-0000-0000-000000000000`;
  const hi = `${hex}-ffff-ffff-ffff-ffffffffffff`;
  const rows = await joined(db).where(and(gte(dossiers.id, lo), lte(dossiers.id, hi)));
  const row = rows.find((r) => phoneTail(r.d) === phoneLast4);
  if (!row) return null;
  return { reference: temporaryReference(row.d.id), code: row.d.code, ...publicView(row, now) };
}
