import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { auditLog, dossierFiles, files } from '../../db/schema';
import { errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { storeFiles } from '../files/store';
import type { StoredUpload } from '../files/uploads';

/** Stores scans or result documents as files of a dossier, and audits the upload. */
export async function attachFiles(
  db: Db,
  actor: AuthUser,
  now: Date,
  dossierId: string,
  uploads: readonly StoredUpload[],
  kind: 'component' | 'result',
  component: string | null,
): Promise<void> {
  for (const u of uploads) {
    const [f] = await storeFiles(db, [u], { userId: actor.id, now });
    await db.insert(dossierFiles).values({
      dossierId,
      fileId: f!.id,
      kind,
      component,
      uploadedBy: actor.id,
      uploadedAt: now,
    });
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.files-uploaded',
    entity: 'dossier',
    entityId: dossierId,
    data: { kind, names: uploads.map((u) => u.name) },
  });
}

/** One file of a dossier, its reading logged (Decree 13/2023: every access to personal data is logged). */
export async function readDossierFile(db: Db, actor: AuthUser, now: Date, dossierId: string, fileId: string) {
  const row = (
    await db
      .select({ f: files })
      .from(dossierFiles)
      .innerJoin(files, eq(files.id, dossierFiles.fileId))
      .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.fileId, fileId)))
  )[0];
  if (!row) throw errors.notFound('tệp');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.file-read',
    entity: 'dossier',
    entityId: dossierId,
    data: { fileId },
  });
  return row.f;
}
