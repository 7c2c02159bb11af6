import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import { dossierFiles, files } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { HTML, JPEG, PDF, PNG } from '../support/files';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const MB = 1024 * 1024;
const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};

interface Stored {
  fileId: string;
  name: string;
  mime: string;
}

/**
 * Sends a multipart upload of `total` bytes over a real socket, generated as it goes (the test holds none
 * of it), and reports how much had been written when the answer came.
 */
function streamUpload(
  port: number,
  path: string,
  cookie: string,
  total: number,
): Promise<{ status: number; body: string; connection: string | undefined; sent: number }> {
  const boundary = 'motcua-big';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-quet.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: {
        cookie,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(total),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection, sent: at }),
      );
    });
    // Writing on after the server closed its side fails; the answer already in hand is what counts.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.write(head);
    sent += head.length;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total - tail.length) {
        const n = Math.min(chunk.length, total - tail.length - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    pump();
  });
}

for (const backend of BACKENDS) {
  describe(`uploaded files on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let port: number;
    let desk: Client;
    let otherDesk: Client;
    let admin: Client;
    let citizen: Client;
    let dossierId: string;

    const post = (url: string, cookie: string, file: { filename: string; type: string; data: Buffer }) => {
      const m = multipart({}, { name: 'file', ...file });
      return s.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie } });
    };
    const toDossier = (file: { filename: string; type: string; data: Buffer }, who = desk) =>
      post(`/api/v1/dossiers/${dossierId}/files`, who.cookie!, file);

    before(async () => {
      s = await startTestServer(backend);
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      port = (s.app.server.address() as { port: number }).port;
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      otherDesk = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const p = await desk.get<{ components: { name: string; required: boolean; condition?: unknown }[] }>(
        '/api/v1/procedures/1.004194',
      );
      const components = p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
      const d = await desk.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        components,
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      dossierId = d.body.id;
    });
    after(() => s?.close());

    it('refuses a web page named .pdf and declared application/pdf, naming what is accepted, and stores nothing', async () => {
      const r = await toDossier({ filename: 'to-khai.pdf', type: 'application/pdf', data: HTML });
      assert.equal(r.statusCode, 415, r.body);
      const e = r.json<ApiError>().error;
      assert.equal(e.code, 'FILE_TYPE_NOT_ALLOWED');
      assert.match(e.message, /to-khai\.pdf.*PDF hoặc ảnh \(JPEG, PNG, WebP, TIFF\)/);
      const jpeg = await toDossier({ filename: 'anh.jpg', type: 'image/jpeg', data: HTML });
      assert.equal(jpeg.statusCode, 415);
      const list = await desk.get<Stored[]>(`/api/v1/dossiers/${dossierId}/files`);
      assert.deepEqual(list.body, []);
      for (const [url, type] of [
        ['/api/v1/files/templates', 'application/pdf'],
        ['/api/v1/decisions/import', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ] as const) {
        const t = await post(url, admin.cookie!, { filename: 'mau.pdf', type, data: HTML });
        assert.equal(t.statusCode, 415, `${url}: ${t.body}`);
        assert.equal(t.json<ApiError>().error.code, 'FILE_TYPE_NOT_ALLOWED');
      }
    });

    it('stores a real PDF as application/pdf and a photo under the type its content has', async () => {
      const r = await toDossier({
        filename: 'Tờ khai CT01.pdf',
        type: 'application/octet-stream',
        data: PDF,
      });
      assert.equal(r.statusCode, 201, r.body);
      const photo = await toDossier({ filename: 'anh-chup.png', type: 'image/png', data: JPEG });
      assert.equal(photo.statusCode, 201, photo.body);
      const list = (await desk.get<Stored[]>(`/api/v1/dossiers/${dossierId}/files`)).body;
      assert.deepEqual(
        list.map((f) => [f.name, f.mime]),
        [
          ['Tờ khai CT01.pdf', 'application/pdf'],
          ['anh-chup.png', 'image/jpeg'],
        ],
      );
    });

    it('serves a dossier file with its stored type, nosniff and a UTF-8 name; inline only for a PDF or a picture', async () => {
      const list = (await desk.get<Stored[]>(`/api/v1/dossiers/${dossierId}/files`)).body;
      const pdf = list.find((f) => f.mime === 'application/pdf')!;
      const r = await s.app.inject({
        url: `/api/v1/dossiers/${dossierId}/files/${pdf.fileId}`,
        headers: { cookie: desk.cookie! },
      });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(
        r.headers['content-disposition'],
        `inline; filename="To khai CT01.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai%20CT01.pdf`,
      );
      assert.deepEqual(r.rawPayload, PDF);
      const jpeg = list.find((f) => f.mime === 'image/jpeg')!;
      const img = await s.app.inject({
        url: `/api/v1/dossiers/${dossierId}/files/${jpeg.fileId}`,
        headers: { cookie: desk.cookie! },
      });
      assert.equal(img.headers['content-type'], 'image/jpeg');
      assert.match(String(img.headers['content-disposition']), /^inline;/);
      assert.equal(img.headers['content-security-policy'], 'sandbox');
    });

    it('serves a file stored before uploads were sniffed, whose bytes are not what it claims, as a sandboxed download', async () => {
      const user = (await desk.get<{ id: string }>('/api/v1/auth/me')).body;
      const fileId = await s.database.tx(async (db) => {
        const [f] = await db
          .insert(files)
          .values({
            name: 'cu.pdf',
            mime: 'application/pdf',
            size: HTML.length,
            sha256: 'x',
            data: HTML,
            createdAt: new Date(),
          })
          .returning({ id: files.id });
        await db.insert(dossierFiles).values({
          dossierId,
          fileId: f!.id,
          kind: 'component',
          uploadedBy: user.id ?? null,
          uploadedAt: new Date(),
        });
        return f!.id;
      });
      const r = await s.app.inject({
        url: `/api/v1/dossiers/${dossierId}/files/${fileId}`,
        headers: { cookie: desk.cookie! },
      });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/octet-stream');
      assert.match(String(r.headers['content-disposition']), /^attachment;/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['content-security-policy'], 'sandbox');
    });

    it('serves a form template as a download with nosniff', async () => {
      const up = await post('/api/v1/files/templates', admin.cookie!, {
        filename: 'Mẫu CT01.pdf',
        type: 'application/pdf',
        data: PDF,
      });
      assert.equal(up.statusCode, 201, up.body);
      const r = await s.app.inject({ url: `/api/v1/files/${up.json<{ id: string }>().id}` });
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['content-security-policy'], 'sandbox');
      assert.equal(
        r.headers['content-disposition'],
        `attachment; filename="Mau CT01.pdf"; filename*=UTF-8''M%E1%BA%ABu%20CT01.pdf`,
      );
    });

    it('refuses a file over the cap with 413, naming the limit', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(20 * MB)]);
      const r = await toDossier({ filename: 'ban-quet.pdf', type: 'application/pdf', data: big });
      assert.equal(r.statusCode, 413);
      assert.deepEqual(Object.keys(r.json()), ['error']);
      const e = r.json<ApiError>().error;
      assert.equal(e.code, 'PAYLOAD_TOO_LARGE');
      assert.match(e.message, /ban-quet\.pdf quá lớn \(tối đa 20 MB mỗi tệp\)/);
      const draft = randomUUID();
      await citizen.put(`/api/v1/drafts/${draft}`, { procedureCode: '1.004873', data: {} });
      const portal = await post(`/api/v1/drafts/${draft}/files?component=A`, citizen.cookie!, {
        filename: 'anh.jpg',
        type: 'image/jpeg',
        data: Buffer.concat([JPEG, Buffer.alloc(10 * MB)]),
      });
      assert.equal(portal.statusCode, 413);
      assert.match(portal.json<ApiError>().error.message, /tối đa 10 MB mỗi tệp/);
    });

    it('answers an upload over the cap before the body is all sent, and closes the connection', async () => {
      // What the client has sent when the answer comes is the 20 MB cap plus what the sockets' buffers took and
      // what was written while the answer travelled — a few MB on a quick machine, more on a busy one; far below
      // the 200 MB of the whole body either way.
      const total = 200 * MB;
      const r = await streamUpload(port, `/api/v1/dossiers/${dossierId}/files`, desk.cookie!, total);
      assert.equal(r.status, 413, r.body);
      assert.equal(JSON.parse(r.body).error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(r.connection, 'close');
      assert.ok(r.sent < 3 * 20 * MB, `answered after ${Math.round(r.sent / MB)} MB of ${total / MB} MB`);
    });

    it('refuses an upload to a dossier the officer may not see before reading its body (404, not 413)', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(21 * MB)]);
      const r = await toDossier({ filename: 'ban-quet.pdf', type: 'application/pdf', data: big }, otherDesk);
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json<ApiError>().error.code, 'NOT_FOUND');
      const streamed = await streamUpload(
        port,
        `/api/v1/dossiers/${dossierId}/files`,
        otherDesk.cookie!,
        50 * MB,
      );
      assert.equal(streamed.status, 404, streamed.body);
      assert.ok(streamed.sent < 20 * MB, `answered after ${Math.round(streamed.sent / MB)} MB`);
      // The citizen's routes: someone else's draft, a dossier the citizen did not hand in.
      const bigPhoto = {
        filename: 'anh.jpg',
        type: 'image/jpeg',
        data: Buffer.concat([JPEG, Buffer.alloc(11 * MB)]),
      };
      const draft = await post(`/api/v1/drafts/${randomUUID()}/files?component=A`, citizen.cookie!, bigPhoto);
      assert.equal(draft.statusCode, 404, draft.body);
      assert.equal(draft.json<ApiError>().error.code, 'DRAFT_NOT_FOUND');
      const supplement = await post(`/api/v1/my/dossiers/${dossierId}/supplement`, citizen.cookie!, bigPhoto);
      assert.equal(supplement.statusCode, 404, supplement.body);
      // Nothing was stored by any of these.
      const list = (await desk.get<Stored[]>(`/api/v1/dossiers/${dossierId}/files`)).body;
      assert.equal(list.length, 3);
    });

    it('accepts a PNG on the portal and serves the draft thumbnail inline', async () => {
      const draft = randomUUID();
      await citizen.put(`/api/v1/drafts/${draft}`, { procedureCode: '1.004873', data: {} });
      const up = await post(`/api/v1/drafts/${draft}/files?component=A`, citizen.cookie!, {
        filename: 'giay-to.png',
        type: 'image/png',
        data: PNG,
      });
      assert.equal(up.statusCode, 201, up.body);
      const f = up.json<{ files: { fileId: string; mime: string }[] }>().files[0]!;
      assert.equal(f.mime, 'image/png');
      const r = await s.app.inject({
        url: `/api/v1/drafts/${draft}/files/${f.fileId}`,
        headers: { cookie: citizen.cookie! },
      });
      assert.equal(r.headers['content-type'], 'image/png');
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.match(String(r.headers['content-disposition']), /^inline; filename="giay-to.png"/);
    });
  });
}
