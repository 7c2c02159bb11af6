import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { auditLog, files } from '../../db/schema';
import type { AuthUser } from '../auth/auth.service';
import type { Upload } from './uploads';

/** Stores an uploaded form template (public) and audits it. */
export async function storeTemplate(db: Db, actor: AuthUser, now: Date, file: Upload) {
  const [f] = await db
    .insert(files)
    .values({
      name: file.name,
      mime: file.mime,
      size: file.data.length,
      sha256: file.sha256,
      public: true,
      data: file.data,
      createdBy: actor.id,
      createdAt: now,
    })
    .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size });
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
