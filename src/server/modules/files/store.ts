import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { auditLog, dossierFiles, files } from '../../db/schema';
import type { AuthUser } from '../auth/auth.service';
import type { Upload } from './uploads';

/**
 * Stores uploaded files (checked and hashed by `readUploads`), in order; returns their ids. The one writer of
 * `files` rows: where the bytes live (a database row today, object storage for a province: issue 18) is decided
 * here only.
 */
export async function storeFiles(
  db: Db,
  uploads: readonly Pick<Upload, 'name' | 'mime' | 'data' | 'sha256'>[],
  by: { userId: string; now: Date; public?: boolean },
): Promise<{ id: string; name: string; mime: string; size: number }[]> {
  if (uploads.length === 0) return [];
  return db
    .insert(files)
    .values(
      uploads.map((u) => ({
        name: u.name,
        mime: u.mime,
        size: u.data.length,
        sha256: u.sha256,
        public: by.public ?? false,
        data: u.data,
        createdBy: by.userId,
        createdAt: by.now,
      })),
    )
    .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size });
}

/** Deletes these files, those `userId` uploaded that no dossier uses (a draft's files when it is dropped). */
export async function dropUnusedFiles(db: Db, fileIds: readonly string[], userId: string): Promise<void> {
  if (fileIds.length === 0) return;
  await db
    .delete(files)
    .where(
      and(
        inArray(files.id, [...fileIds]),
        eq(files.createdBy, userId),
        notExists(db.select().from(dossierFiles).where(eq(dossierFiles.fileId, files.id))),
      ),
    );
}

/** Stores an uploaded form template (public) and audits it. */
export async function storeTemplate(db: Db, actor: AuthUser, now: Date, file: Upload) {
  const [f] = await storeFiles(db, [file], { userId: actor.id, now, public: true });
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'file.uploaded',
    entity: 'file',
    entityId: f!.id,
    data: { name: f!.name, size: f!.size },
  });
  return f!;
}

/** A stored file by its id (public or not: the caller decides). */
export async function fileById(db: Db, id: string) {
  return (await db.select().from(files).where(eq(files.id, id)))[0];
}
