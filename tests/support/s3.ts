import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** The credentials of the test's S3-protocol server (s3rver's own), as the usual AWS variables. */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/**
 * A real S3-protocol server (s3rver) on a free port, with `bucket` made; the AWS variables set in this process as
 * an operator would (S3_CREDENTIALS, for child processes). Never a mock of the SDK (issue 18).
 */
export async function startS3(
  bucket: string,
): Promise<{ endpoint: string; client: S3Client; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const { port } = await server.run();
  Object.assign(process.env, S3_CREDENTIALS);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
