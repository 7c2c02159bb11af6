import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { fileGarbage, files } from '../db/schema';
import { recordMoved } from '../modules/files/store';
import type { FileStorage } from './storage';

/** The SHA-256 (hex) of a stored object, read as a stream. */
export async function storedSha256(storage: FileStorage, key: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(await storage.get(key), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
}

export interface MoveResult {
  moved: number;
  /** Rows whose bytes do not match their recorded SHA-256: left in the database, named for the operator. */
  mismatched: string[];
  remaining: number;
}

/**
 * Moves the bytes of files stored in the database before issue 18 (`files.data`) into the file storage, `batch` rows
 * at a time: each object is put under the file's id, read back and checked against the row's SHA-256, and only
 * then is the row pointed at it and its `data` emptied (in one statement that also checks the row was not moved
 * meanwhile). Resumable: stopped at any point, a run later starts with the rows still in the database; an object
 * put but not yet recorded is simply put again. A row whose bytes do not match its own SHA-256 stays where it is.
 */
export async function moveDatabaseFiles(
  database: Database,
  storage: FileStorage,
  opts: { batch?: number; limit?: number } = {},
): Promise<MoveResult> {
  const batch = opts.batch ?? 20;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const result: MoveResult = { moved: 0, mismatched: [], remaining: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  while (result.moved < limit) {
    const rows = await database.read((db) =>
      db
        .select({ id: files.id, sha256: files.sha256, size: files.size, data: files.data })
        .from(files)
        .where(and(isNull(files.storageKey), isNotNull(files.data), gt(files.id, after)))
        .orderBy(asc(files.id))
        .limit(batch),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      const data = row.data as Buffer;
      if (createHash('sha256').update(data).digest('hex') !== row.sha256) {
        result.mismatched.push(row.id);
        continue;
      }
      await storage.put(row.id, Readable.from([data]), data.length);
      if ((await storedSha256(storage, row.id)) !== row.sha256) {
        result.mismatched.push(row.id);
        continue;
      }
      await database.single((db) => recordMoved(db, row.id, row.id));
      result.moved++;
    }
  }
  result.remaining = await remainingInDatabase(database);
  return result;
}

/** Files whose bytes are still in the database. */
export async function remainingInDatabase(database: Database): Promise<number> {
  const [row] = await database.read((db) =>
    db.select({ n: sql<number>`count(*)::int` }).from(files).where(isNull(files.storageKey)),
  );
  return row?.n ?? 0;
}

export interface VerifyResult {
  checked: number;
  missing: string[];
  mismatched: string[];
}

/** Reads every stored object (or those of `ids`) and compares it with its row's SHA-256 and size. */
export async function verifyStoredFiles(
  database: Database,
  storage: FileStorage,
  ids?: readonly string[],
): Promise<VerifyResult> {
  const out: VerifyResult = { checked: 0, missing: [], mismatched: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await database.read((db) =>
      db
        .select({ id: files.id, key: files.storageKey, sha256: files.sha256 })
        .from(files)
        .where(
          and(
            isNotNull(files.storageKey),
            gt(files.id, after),
            ids ? inArray(files.id, [...ids]) : undefined,
          ),
        )
        .orderBy(asc(files.id))
        .limit(200),
    );
    if (rows.length === 0) return out;
    for (const r of rows) {
      after = r.id;
      out.checked++;
      try {
        if ((await storedSha256(storage, r.key as string)) !== r.sha256) out.mismatched.push(r.id);
      } catch {
        out.missing.push(r.id);
      }
    }
  }
}

/**
 * Deletes the stored objects no row names any more (`file_garbage`, written in the transaction that let them go),
 * then their garbage rows; those handed over before `before` only (a grace for readers that started earlier).
 */
export async function collectGarbage(
  database: Database,
  storage: FileStorage,
  before: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await database.read((db) =>
      db.select().from(fileGarbage).where(lt(fileGarbage.since, before)).limit(100),
    );
    if (rows.length === 0) return total;
    for (const r of rows) {
      await storage.delete(r.storageKey);
      await database.single((db) => db.delete(fileGarbage).where(eq(fileGarbage.storageKey, r.storageKey)));
      total++;
    }
  }
}
