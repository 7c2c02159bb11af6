// Issue 18: stored files' bytes live in a file storage — local files (the default) or any S3-compatible store —
// streamed in and out, with metadata and a SHA-256 in the database; files stored in the database before are moved
// out, checked, resumably. The S3 driver is tested against a real S3-protocol server (s3rver) the test starts.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { requiredFor } from '../../src/domain/dossier/intake';
import { dossierFiles, fileGarbage, files } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import {
  collectGarbage,
  moveDatabaseFiles,
  storedSha256,
  verifyStoredFiles,
} from '../../src/server/storage/maintenance';
import {
  type FileStorage,
  openStorage,
  parseStorage,
  StorageMissingError,
} from '../../src/server/storage/storage';
import { JPEG, PDF } from '../support/files';
import { Client } from '../support/http';
import { multipart } from '../support/multipart';
import { startS3 } from '../support/s3';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const BUCKET = 'motcua-test';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytes = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('the MOTCUA_STORAGE setting', () => {
  it('defaults to a files directory under the data directory, and reads an S3 address', () => {
    assert.deepEqual(parseStorage(undefined, '/srv/data'), { kind: 'file', dir: '/srv/data/files' });
    assert.deepEqual(parseStorage('file:/mnt/scans', '/srv/data'), { kind: 'file', dir: '/mnt/scans' });
    assert.deepEqual(
      parseStorage('s3://ho-so/hcm?endpoint=https://s3.tinh.gov.vn&region=vn-south', '/srv/data'),
      {
        kind: 's3',
        bucket: 'ho-so',
        prefix: 'hcm',
        endpoint: 'https://s3.tinh.gov.vn',
        region: 'vn-south',
        forcePathStyle: true,
      },
    );
    assert.throws(() => parseStorage('file:relative/dir', '/srv'), /absolute/);
    assert.throws(() => parseStorage('s3://A_B', '/srv'), /bucket name/);
    assert.throws(() => parseStorage('ftp://x', '/srv'), /file:/);
  });
});

describe('the storage drivers', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  const dir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
  const drivers: [string, () => Promise<FileStorage>][] = [
    ['file', () => openStorage({ kind: 'file', dir })],
    [
      's3',
      () =>
        openStorage({
          kind: 's3',
          bucket: BUCKET,
          prefix: 'p',
          endpoint: s3.endpoint,
          region: 'us-east-1',
          forcePathStyle: true,
        }),
    ],
  ];
  before(async () => {
    s3 = await startS3(BUCKET);
  });
  after(async () => {
    await s3?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, open] of drivers) {
    it(`${name}: streams a file in and out whole, answers a missing one, deletes twice without a word`, async () => {
      const storage = await open();
      const key = randomUUID();
      const data = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 7)]);
      await storage.put(key, Readable.from([data.subarray(0, 1000), data.subarray(1000)]), data.length);
      assert.equal(sha(await bytes(await storage.get(key))), sha(data));
      assert.equal(await storedSha256(storage, key), sha(data));
      await storage.delete(key);
      await storage.delete(key);
      await assert.rejects(storage.get(key), StorageMissingError);
      await storage.close();
    });
  }

  it('file: leaves nothing behind when a put does not deliver the bytes it announced', async () => {
    const storage = await openStorage({ kind: 'file', dir });
    const key = randomUUID();
    await assert.rejects(storage.put(key, Readable.from([Buffer.from('short')]), 100));
    await assert.rejects(storage.get(key), StorageMissingError);
    assert.deepEqual(readdirSync(join(dir, key.slice(0, 2))), []);
  });
});

for (const backend of BACKENDS) {
  describe(`stored files on S3 on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let s3: Awaited<ReturnType<typeof startS3>>;
    let desk: Client;
    let citizen: Client;
    let dossierId: string;
    const prefix = `${backend}-${randomUUID().slice(0, 8)}`;
    const objectExists = async (key: string) => {
      try {
        await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefix}/${key}` }));
        return true;
      } catch {
        return false;
      }
    };
    const post = (
      url: string,
      cookie: string,
      ...file: { filename: string; type: string; data: Buffer }[]
    ) => {
      const m = multipart({}, ...file.map((f) => ({ name: 'file', ...f })));
      return s.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie } });
    };

    before(async () => {
      s3 = await startS3(BUCKET);
      s = await startTestServer(backend, {
        MOTCUA_STORAGE: `s3://${BUCKET}/${prefix}?endpoint=${s3.endpoint}&region=us-east-1`,
      });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const p = await desk.get<{ components: { name: string; required: boolean; condition?: unknown }[] }>(
        '/api/v1/procedures/1.004194',
      );
      const d = await desk.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant: {
          kind: 'citizen',
          fullName: 'Trương Văn Bình',
          idNumber: '079085001234',
          phone: '0909123456',
          address: '12 Lê Lợi, Phường Sài Gòn',
        },
        components: p.body.components
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      dossierId = d.body.id;
    });
    after(async () => {
      await s?.close();
      await s3?.stop();
    });

    it('puts a scan into the bucket with its SHA-256 in the database, and serves the same bytes', async () => {
      const scan = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 1)]);
      const up = await post(`/api/v1/dossiers/${dossierId}/files`, desk.cookie!, {
        filename: 'Bản quét CCCD.pdf',
        type: 'application/pdf',
        data: scan,
      });
      assert.equal(up.statusCode, 201, up.body);
      const [row] = await s.database.read((db) =>
        db
          .select({
            id: files.id,
            key: files.storageKey,
            data: files.data,
            sha256: files.sha256,
            size: files.size,
          })
          .from(files)
          .innerJoin(dossierFiles, eq(dossierFiles.fileId, files.id))
          .where(eq(dossierFiles.dossierId, dossierId)),
      );
      assert.ok(row?.key, 'the row names its object');
      assert.equal(row.data, null, 'no bytes in the database');
      assert.equal(row.sha256, sha(scan));
      assert.equal(row.size, scan.length);
      assert.ok(await objectExists(row.key), 'the object is in the bucket');
      const r = await s.app.inject({
        url: `/api/v1/dossiers/${dossierId}/files/${row.id}`,
        headers: { cookie: desk.cookie! },
      });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(Number(r.headers['content-length']), scan.length);
      assert.equal(sha(r.rawPayload), sha(scan));
      const check = await verifyStoredFiles(s.database, s.app.deps.storage, [row.id]);
      assert.deepEqual(check, { checked: 1, missing: [], mismatched: [] });
    });

    it('deletes the objects of an upload whose transaction refused it, once the request is answered', async () => {
      const draft = randomUUID();
      const put = await citizen.put(`/api/v1/drafts/${draft}`, { procedureCode: '1.004873', data: {} });
      assert.ok(put.status < 300, JSON.stringify(put.body));
      const before = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }));
      // Thirty photos fill a draft; the thirty-first is refused inside the transaction, after its bytes were put.
      const photos = Array.from({ length: 10 }, (_, i) => ({
        filename: `anh-${i}.jpg`,
        type: 'image/jpeg',
        data: JPEG,
      }));
      for (let i = 0; i < 3; i++) {
        const r = await post(`/api/v1/drafts/${draft}/files?component=A`, citizen.cookie!, ...photos);
        assert.equal(r.statusCode, 201, r.body);
      }
      const refused = await post(`/api/v1/drafts/${draft}/files?component=A`, citizen.cookie!, photos[0]!);
      assert.equal(refused.statusCode, 400, refused.body);
      const list = async () =>
        (await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }))).KeyCount ??
        0;
      const kept = (before.KeyCount ?? 0) + 30;
      // The clean-up runs after the answer is sent: wait for it, not for a fixed time.
      for (let i = 0; i < 200 && (await list()) !== kept; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await list(), kept, 'only the thirty kept photos are in the bucket');

      // A dropped draft hands its objects to the collect job, which deletes them.
      const dropped = await s.app.inject({
        method: 'DELETE',
        url: `/api/v1/drafts/${draft}`,
        headers: { cookie: citizen.cookie! },
      });
      assert.ok(dropped.statusCode < 300, dropped.body);
      const garbage = await s.database.read((db) => db.select().from(fileGarbage));
      assert.equal(garbage.length, 30);
      assert.equal(
        await collectGarbage(s.database, s.app.deps.storage, new Date(Date.now() + 1000)),
        garbage.length,
      );
      assert.equal(await list(), before.KeyCount ?? 0);
      assert.deepEqual(await s.database.read((db) => db.select().from(fileGarbage)), []);
    });

    it('moves files stored in the database into the bucket, checked, resumably; a corrupt one stays', async () => {
      const good = Buffer.concat([PDF, Buffer.from(randomUUID())]);
      const ids = await s.database.tx(async (db) =>
        db
          .insert(files)
          .values([
            {
              name: 'cu-1.pdf',
              mime: 'application/pdf',
              size: good.length,
              sha256: sha(good),
              data: good,
              createdAt: new Date(),
            },
            {
              name: 'cu-2.pdf',
              mime: 'application/pdf',
              size: good.length,
              sha256: sha(good),
              data: good,
              createdAt: new Date(),
            },
            {
              name: 'hong.pdf',
              mime: 'application/pdf',
              size: good.length,
              sha256: '0'.repeat(64),
              data: good,
              createdAt: new Date(),
            },
          ])
          .returning({ id: files.id }),
      );
      const storage = s.app.deps.storage;
      const first = await moveDatabaseFiles(s.database, storage, { batch: 1, limit: 1 });
      assert.equal(first.moved, 1, 'stopped after one: the rest waits for the next run');
      const rest = await moveDatabaseFiles(s.database, storage);
      assert.equal(rest.moved, 1);
      assert.deepEqual(rest.mismatched, [ids[2]!.id]);
      assert.equal(rest.remaining, 1, 'the corrupt file stays in the database');
      const again = await moveDatabaseFiles(s.database, storage);
      assert.equal(again.moved, 0);
      const rows = await s.database.read((db) =>
        db.select({ id: files.id, key: files.storageKey, data: files.data }).from(files),
      );
      for (const { id } of ids.slice(0, 2)) {
        const row = rows.find((r) => r.id === id)!;
        assert.equal(row.key, id);
        assert.equal(row.data, null);
        assert.ok(await objectExists(id));
      }
      assert.deepEqual(
        await verifyStoredFiles(
          s.database,
          storage,
          ids.map((i) => i.id),
        ),
        { checked: 2, missing: [], mismatched: [] },
      );
    });
  });
}

describe('stored files on the local disk by default', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('pglite');
  });
  after(() => s?.close());

  it('keeps a template under <MOTCUA_DATA_DIR>/files and serves it back', async () => {
    const admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
    const m = multipart({}, { name: 'file', filename: 'Mẫu CT01.pdf', type: 'application/pdf', data: PDF });
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/v1/files/templates',
      payload: m.payload,
      headers: { ...m.headers, cookie: admin.cookie! },
    });
    assert.equal(up.statusCode, 201, up.body);
    const id = up.json<{ id: string }>().id;
    assert.ok(existsSync(join(s.dataDir!, 'files', id.slice(0, 2), id)));
    const r = await s.app.inject({ url: `/api/v1/files/${id}` });
    assert.equal(r.statusCode, 200);
    assert.equal(sha(r.rawPayload), sha(PDF));
  });
});
