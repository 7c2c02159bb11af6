import { and, eq, inArray, isNull, notExists } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database, Db } from '../../db/database';
import type { FileStorage } from '../../storage/storage';
import { auditLog, dossierFiles, fileGarbage, files } from '../../db/schema';
import type { AuthUser } from '../auth/auth.service';
import type { StoredUpload } from './uploads';

/**
 * Writes the rows of uploaded files (checked, hashed and put into the file storage by `receiveUploads`), in order;
 * returns their ids. The one writer of `files` rows.
 */
export async function storeFiles(
  db: Db,
  uploads: readonly StoredUpload[],
  by: { userId: string; now: Date; public?: boolean },
): Promise<{ id: string; name: string; mime: string; size: number }[]> {
  if (uploads.length === 0) return [];
  return db
    .insert(files)
    .values(
      uploads.map((u) => ({
        id: u.id,
        name: u.name,
        mime: u.mime,
        size: u.size,
        sha256: u.sha256,
        public: by.public ?? false,
        storageKey: u.key,
        createdBy: by.userId,
        createdAt: by.now,
      })),
    )
    .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size });
}

/**
 * Deletes these files, those `userId` uploaded that no dossier uses (a draft's files when it is dropped); their
 * stored objects are handed to the collect job (`file_garbage`) in the same transaction.
 */
export async function dropUnusedFiles(
  db: Db,
  fileIds: readonly string[],
  userId: string,
  now: Date,
): Promise<void> {
  if (fileIds.length === 0) return;
  const gone = await db
    .delete(files)
    .where(
      and(
        inArray(files.id, [...fileIds]),
        eq(files.createdBy, userId),
        notExists(db.select().from(dossierFiles).where(eq(dossierFiles.fileId, files.id))),
      ),
    )
    .returning({ key: files.storageKey });
  const keys = gone.flatMap((g) => (g.key ? [{ storageKey: g.key, since: now }] : []));
  if (keys.length > 0) await db.insert(fileGarbage).values(keys).onConflictDoNothing();
}

/** Stores an uploaded form template (public) and audits it. */
export async function storeTemplate(db: Db, actor: AuthUser, now: Date, file: StoredUpload) {
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

/**
 * Points a file held in the database at its copy in the storage and empties its `data` (the move job,
 * storage/maintenance.ts, after checking the copy); nothing happens when someone moved it meanwhile.
 */
export async function recordMoved(db: Db, id: string, storageKey: string): Promise<void> {
  await db
    .update(files)
    .set({ storageKey, data: null })
    .where(and(eq(files.id, id), isNull(files.storageKey)));
}

/** A stored file by its id (public or not: the caller decides). */
export async function fileById(db: Db, id: string) {
  return (await db.select().from(files).where(eq(files.id, id)))[0];
}

/**
 * Once a request that put files into the storage is answered, deletes the objects no `files` row names (its
 * transaction did not commit, or it refused the files after reading them). Failures are logged: an object left
 * behind costs space, never a wrong answer.
 */
export function collectUnstoredUploads(app: FastifyInstance, database: Database, storage: FileStorage): void {
  app.decorateRequest('storedKeys', null);
  app.addHook('onResponse', async (req) => {
    const keys = req.storedKeys;
    if (!keys?.length) return;
    try {
      const rows = await database.read((db) =>
        db.select({ key: files.storageKey }).from(files).where(inArray(files.storageKey, keys)),
      );
      const kept = new Set(rows.map((r) => r.key));
      for (const k of keys) if (!kept.has(k)) await storage.delete(k);
    } catch (err) {
      req.log.error({ err }, 'could not delete the stored objects of a failed upload');
    }
  });
}
