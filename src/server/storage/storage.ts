import type { Readable } from 'node:stream';

/**
 * Where the bytes of stored files live (issue 18, decision 0015): one interface, two drivers — local files under the
 * data directory (`file:`, the embedded default, nothing to install) and any S3-compatible object store (`s3://`,
 * MinIO, Ceph, a provider's cloud). The database keeps each file's metadata, its SHA-256 and its key here; bytes
 * stream in and out, never whole in memory.
 */
export interface FileStorage {
  /** `file:/srv/motcua/data/files`, `s3://bucket (endpoint)`: for logs and the operator. */
  readonly description: string;
  /** Stores `body` (exactly `size` bytes) under `key`; a reader never sees a partly written object. */
  put(key: string, body: Readable, size: number): Promise<void>;
  /** The object's bytes; `StorageMissingError` when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export class StorageMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored object under ${key}`);
  }
}

/** MOTCUA_STORAGE, parsed: `file:` (under the data directory), `file:/a/dir`, or `s3://bucket?endpoint=…&region=…`. */
export type StorageConfig =
  | { kind: 'file'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
    };

/** Reads MOTCUA_STORAGE; `dataDir` holds the default `files` directory. Throws a message naming what is wrong. */
export function parseStorage(value: string | undefined, dataDir: string): StorageConfig {
  const v = (value ?? '').trim();
  if (v === '' || v === 'file:' || v === 'file://') return { kind: 'file', dir: `${dataDir}/files` };
  if (v.startsWith('file:')) {
    const dir = v.replace(/^file:(\/\/)?/, '');
    if (!dir.startsWith('/'))
      throw new Error('a file: storage needs an absolute directory, e.g. file:/srv/motcua/files');
    return { kind: 'file', dir };
  }
  if (v.startsWith('s3://')) {
    const url = new URL(v);
    const bucket = url.hostname;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      throw new Error(`"${bucket}" is not an S3 bucket name`);
    const endpoint = url.searchParams.get('endpoint') ?? undefined;
    if (endpoint && !/^https?:\/\//.test(endpoint)) throw new Error('endpoint= must be an http(s) URL');
    return {
      kind: 's3',
      bucket,
      prefix: url.pathname.replace(/^\/+|\/+$/g, ''),
      endpoint,
      region: url.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
      // MinIO and Ceph answer on one host name: path-style addressing unless told otherwise.
      forcePathStyle: (url.searchParams.get('pathStyle') ?? (endpoint ? 'true' : 'false')) === 'true',
    };
  }
  throw new Error('use file: (the default), file:/a/directory or s3://bucket?endpoint=…&region=…');
}

/** Opens the configured driver (the S3 client is loaded only when asked for). */
export async function openStorage(config: StorageConfig): Promise<FileStorage> {
  if (config.kind === 'file') {
    const { FileDriver } = await import('./file-driver');
    return new FileDriver(config.dir);
  }
  const { S3Driver } = await import('./s3-driver');
  return new S3Driver(config);
}
