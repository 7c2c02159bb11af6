import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type FileStorage, type StorageConfig, StorageMissingError } from './storage';

/**
 * An S3-compatible object store (`s3://bucket/prefix?endpoint=…&region=…`): MinIO, Ceph's radosgw, a provider's
 * cloud. Credentials come from the usual AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or a profile / an
 * instance role). Objects are written whole with their length known (the upload was staged first), so a reader
 * never sees part of one. Checksums are sent only where the store requires them: several S3-compatible stores
 * refuse the SDK's newer trailing checksums, and every file's SHA-256 is kept and checked by motcua itself.
 */
export class S3Driver implements FileStorage {
  readonly description: string;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(config: Extract<StorageConfig, { kind: 's3' }>) {
    this.#bucket = config.bucket;
    this.#prefix = config.prefix ? `${config.prefix}/` : '';
    this.description = `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
    this.#client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  #key(key: string): string {
    return `${this.#prefix}${key}`;
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: this.#key(key), Body: body, ContentLength: size }),
    );
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      return out.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404)) {
        throw new StorageMissingError(key);
      }
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
