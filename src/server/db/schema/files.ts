/** Stored files and the objects no row names any more. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, ts } from './columns';
import { users } from './identity';

/**
 * Stored files: form templates, the citizens' photos and scans, result documents. `public` files (form templates)
 * can be downloaded by anyone; others only by those who may see their dossier or draft. The bytes live in the file
 * storage under `storage_key` (issue 18: local files or S3, storage/); `data` holds the bytes of files stored before
 * that, until the move job (storage/move.ts) has copied them out, checked their SHA-256 and emptied it.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    public: boolean('public').notNull().default(false),
    data: bytea('data'),
    storageKey: text('storage_key'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  // The files still held in `data`, for the move job: empty once every file is in the storage.
  (t) => [index('files_in_database_idx').on(t.id).where(sql`${t.storageKey} is null`)],
);

/**
 * Stored objects no row names any more (a dropped draft's files, an upload whose request failed), written in the
 * transaction that let them go; the collect job (storage/collect.ts) deletes the objects, then the rows.
 */
export const fileGarbage = pgTable('file_garbage', {
  storageKey: text('storage_key').primaryKey(),
  since: ts('since').notNull(),
});
