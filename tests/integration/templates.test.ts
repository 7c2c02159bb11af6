import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { PDF } from '../support/files';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

for (const backend of BACKENDS) {
  describe(`form templates on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let admin: Client;
    const upload = async (data: Buffer, type: string, filename: string, cookie = admin.cookie) => {
      const m = multipart({}, { name: 'file', filename, type, data });
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/files/templates',
        payload: m.payload,
        headers: { ...m.headers, ...(cookie ? { cookie } : {}) },
      });
      return { status: r.statusCode, body: r.json() as { id: string } & ApiError };
    };
    before(async () => {
      s = await startTestServer(backend, { MOTCUA_SEED_CATALOGUE: 'false' });
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const sys = await new Client(s.app).login('quantri.hethong', DEMO_PASSWORD); // fields are national
      await sys.post('/api/v1/fields', { code: 'TEST', name: 'Thử nghiệm', sector: '' });
    });
    after(() => s?.close());

    it('stores a template, links it to a component, and lets anyone download it', async () => {
      const up = await upload(PDF, 'application/pdf', 'Tờ khai đăng ký.pdf');
      assert.equal(up.status, 201);
      const d = await admin.post<{ id: string }>('/api/v1/decisions', {
        number: '5/QĐ-TEST',
        signedOn: '2026-11-01',
        effectiveOn: '2026-11-01',
        issuer: 'UBND',
        items: [
          {
            action: 'add',
            procedureCode: '9.400001',
            content: {
              name: 'Thủ tục có mẫu đơn',
              fieldCode: 'TEST',
              level: 'commune',
              implementingAgency: 'UBND cấp xã',
              processingTime: { amount: 1, unit: 'working-days' },
              components: [
                { name: 'Tờ khai', originals: 1, copies: 0, required: true, templateFileId: up.body.id },
              ],
              channels: ['counter'],
            },
          },
        ],
      });
      assert.equal(d.status, 201);
      await admin.post(`/api/v1/decisions/${d.body.id}/publish`);
      const p = await new Client(s.app).get<{ components: { templateFileId: string }[] }>(
        '/api/v1/procedures/9.400001',
      );
      assert.equal(p.body.components[0]?.templateFileId, up.body.id);
      const file = await s.app.inject({ url: `/api/v1/files/${up.body.id}` });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(String(file.headers['content-disposition']), /T%E1%BB%9D%20khai/);
      assert.deepEqual(file.rawPayload, PDF);
    });

    it('refuses executables, anonymous uploads and links to unknown files', async () => {
      const exe = await upload(Buffer.from('MZ...'), 'application/x-msdownload', 'virus.exe');
      assert.equal(exe.status, 415);
      assert.equal(exe.body.error.code, 'FILE_TYPE_NOT_ALLOWED');
      const anon = await upload(PDF, 'application/pdf', 'a.pdf', '');
      assert.equal(anon.status, 401);
      const bad = await admin.post<ApiError>('/api/v1/decisions', {
        number: '6/QĐ-TEST',
        signedOn: '2026-11-01',
        effectiveOn: '2026-11-01',
        issuer: 'UBND',
        items: [
          {
            action: 'add',
            procedureCode: '9.400002',
            content: {
              name: 'Mẫu không tồn tại',
              fieldCode: 'TEST',
              level: 'commune',
              implementingAgency: 'UBND cấp xã',
              processingTime: { amount: 1, unit: 'working-days' },
              components: [
                {
                  name: 'Tờ khai',
                  originals: 1,
                  copies: 0,
                  required: true,
                  templateFileId: '00000000-0000-4000-8000-000000000000',
                },
              ],
            },
          },
        ],
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /Tệp mẫu/);
      assert.equal(
        (await s.app.inject({ url: '/api/v1/files/00000000-0000-4000-8000-000000000000' })).statusCode,
        404,
      );
    });
  });
}
