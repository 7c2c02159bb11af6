import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileStorage, StorageMissingError } from './storage';

/**
 * Files on the local disk (`file:`): `<dir>/<first two characters of the key>/<key>`, so no directory holds more
 * than a few thousand entries. A put writes a temporary file beside the target and renames it into place (atomic
 * on one file system): a reader sees the whole file or none. Several instances may share the directory (an NFS
 * mount); a province's cluster would rather use S3.
 */
export class FileDriver implements FileStorage {
  readonly description: string;
  constructor(readonly dir: string) {
    this.description = `file:${dir}`;
  }

  #path(key: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key))
      throw new Error(`unsafe storage key ${JSON.stringify(key)}`);
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    const target = this.#path(key);
    await mkdir(dirname(target), { recursive: true });
    const part = `${target}.${randomUUID()}.part`;
    try {
      await pipeline(body, createWriteStream(part, { flags: 'wx' }));
      const written = (await stat(part)).size;
      if (written !== size) throw new Error(`stored ${written} bytes of ${size} under ${key}`);
      await rename(part, target);
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.#path(key);
    const stream = createReadStream(path);
    // Opening fails asynchronously: wait for it, so that a missing file is an answer, not a broken response.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'ENOENT' ? new StorageMissingError(key) : e),
      );
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async close(): Promise<void> {}
}
