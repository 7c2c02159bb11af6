import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, dossierFiles, files, users } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { JPEG } from '../support/files';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Draft {
  id: string;
  procedureCode: string;
  agencyCode: string | null;
  data: Record<string, unknown>;
  files: { fileId: string; component: string; name: string; mime: string; size: number }[];
}
interface Submitted {
  dossier: {
    id: string;
    code: string | null;
    channel: string;
    status: { code: number; name: string };
    submitter: Record<string, unknown> | null;
    formData: Record<string, unknown>;
    files: { fileId: string; component: string | null }[];
    events: { type: string; data: Record<string, unknown> }[];
  };
}

const SAIGON = '000.01.30.H29';
const address = {
  detail: '8 Nguyễn Huệ',
  provinceCode: '79',
  provinceName: 'Thành phố Hồ Chí Minh',
  communeCode: '26734',
  communeName: 'Phường Sài Gòn',
};
/** Tờ khai cấp Giấy xác nhận tình trạng hôn nhân, filled. */
const formData = {
  nguoiYeuCauHoTen: 'Lê Thị Hoa',
  quanHe: 'Bản thân',
  hoTen: 'Lê Thị Hoa',
  ngaySinh: '1990-08-15',
  gioiTinh: 'Nữ',
  danToc: 'Kinh',
  quocTich: 'Việt Nam',
  soDinhDanh: '079190004321',
  noiCuTru: address,
  tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai',
  mucDich: 'Để đăng ký kết hôn',
};
const applicant = { kind: 'citizen', fullName: 'Lê Thị Hoa', idNumber: '079190004321', phone: '0909765432' };

for (const backend of BACKENDS) {
  describe(`online submission drafts on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let citizen: Client;
    const inject = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      s.app.inject({
        method: method as 'GET',
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: { cookie: citizen.cookie!, ...headers },
      });
    const upload = (id: string, component: string, type = 'image/jpeg', data = JPEG) => {
      const m = multipart({}, { name: 'file', filename: 'anh-chup.jpg', type, data });
      return s.app.inject({
        method: 'POST',
        url: `/api/v1/drafts/${id}/files?component=${encodeURIComponent(component)}`,
        payload: m.payload,
        headers: { ...m.headers, cookie: citizen.cookie! },
      });
    };
    before(async () => {
      s = await startTestServer(backend);
      citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('keeps a draft on the account: saved, replaced, listed, with the upload limits', async () => {
      const id = randomUUID();
      const first = await citizen.put<Draft>(`/api/v1/drafts/${id}`, {
        procedureCode: '1.004873',
        data: { step: 1, applicant },
      });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const second = await citizen.put<Draft>(`/api/v1/drafts/${id}`, {
        procedureCode: '1.004873',
        agencyCode: SAIGON,
        data: { step: 2, applicant, formData: { hoTen: 'Lê Thị Hoa' } },
      });
      assert.equal(second.status, 200);
      const again = await citizen.get<Draft>(`/api/v1/drafts/${id}`);
      assert.equal(again.body.agencyCode, SAIGON);
      assert.deepEqual(again.body.data.formData, { hoTen: 'Lê Thị Hoa' });
      const list = await citizen.get<{
        items: { id: string }[];
        communityHelper: boolean;
        upload: { maxBytes: number; types: string[] };
      }>('/api/v1/drafts?procedureCode=1.004873');
      assert.deepEqual(
        list.body.items.map((d) => d.id),
        [id],
      );
      assert.equal(list.body.communityHelper, false);
      assert.equal(list.body.upload.maxBytes, 10 * 1024 * 1024);
      assert.ok(list.body.upload.types.includes('image/jpeg'));
      assert.equal((await inject('DELETE', `/api/v1/drafts/${id}`)).statusCode, 204);
      assert.equal((await citizen.get<ApiError>(`/api/v1/drafts/${id}`)).body.error.code, 'DRAFT_NOT_FOUND');
    });

    it("hides one citizen's drafts from staff and refuses an unknown file type", async () => {
      const id = randomUUID();
      await citizen.put(`/api/v1/drafts/${id}`, { procedureCode: '1.004873', data: {} });
      const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      assert.equal((await officer.get(`/api/v1/drafts/${id}`)).status, 403);
      const bad = await upload(id, 'Ảnh', 'application/x-msdownload', Buffer.from('MZ'));
      assert.equal(bad.statusCode, 415);
      assert.equal(bad.json<ApiError>().error.code, 'FILE_TYPE_NOT_ALLOWED');
    });

    it('submits a draft once: e-form checked, photo attached, a double tap gives one dossier, draft gone', async () => {
      const id = randomUUID();
      const key = `draft-${id}`;
      const p = await citizen.get<{ components: { name: string }[] }>('/api/v1/procedures/1.004873');
      const component = p.body.components[0]!.name;
      await citizen.put(`/api/v1/drafts/${id}`, {
        procedureCode: '1.004873',
        agencyCode: SAIGON,
        data: { applicant, formData: { ...formData, mucDich: '' }, delivery: { method: 'post', address } },
      });
      const up = await upload(id, component);
      assert.equal(up.statusCode, 201, up.body);
      assert.equal(up.json<Draft>().files.length, 1);
      // Auto-save from the client does not drop the uploaded file.
      const saved = await citizen.put<Draft>(`/api/v1/drafts/${id}`, {
        procedureCode: '1.004873',
        agencyCode: SAIGON,
        data: { applicant, formData: { ...formData, mucDich: '' }, delivery: { method: 'post', address } },
      });
      assert.equal(saved.body.files.length, 1);
      const photo = await inject('GET', `/api/v1/drafts/${id}/files/${saved.body.files[0]!.fileId}`);
      assert.equal(photo.headers['content-type'], 'image/jpeg');

      // The e-form replaces the paper declaration online: it must be filled.
      const incomplete = await inject('POST', `/api/v1/drafts/${id}/submit`, {}, { 'idempotency-key': key });
      assert.equal(incomplete.statusCode, 400);
      const err = incomplete.json<ApiError>().error;
      assert.equal(err.code, 'EFORM_INVALID');
      assert.equal(err.message, 'Tờ khai chưa hợp lệ: Mục đích sử dụng Giấy xác nhận: bắt buộc.');
      assert.equal((await citizen.get(`/api/v1/drafts/${id}`)).status, 200, 'nothing written');

      await citizen.put(`/api/v1/drafts/${id}`, {
        procedureCode: '1.004873',
        agencyCode: SAIGON,
        data: { applicant, formData, delivery: { method: 'post', address } },
      });
      const [a, b] = await Promise.all([
        inject('POST', `/api/v1/drafts/${id}/submit`, {}, { 'idempotency-key': key }),
        inject('POST', `/api/v1/drafts/${id}/submit`, {}, { 'idempotency-key': key }),
      ]);
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 201, b.body);
      const d = a.json<Submitted>().dossier;
      assert.equal(b.json<Submitted>().dossier.id, d.id);
      assert.equal(d.channel, 'online');
      assert.deepEqual(d.status, { code: 1, name: 'Mới đăng ký' });
      assert.equal(d.code, null, 'the code is given when the desk accepts');
      assert.deepEqual(d.formData.noiCuTru, address);
      assert.deepEqual(
        d.files.map((f) => f.component),
        [component],
      );
      assert.equal(d.submitter, null);
      const submitted = d.events.find((e) => e.type === 'submitted');
      assert.ok(submitted);
      // The draft is gone; another key for it finds nothing.
      assert.equal((await citizen.get(`/api/v1/drafts/${id}`)).status, 404);
      const late = await inject('POST', `/api/v1/drafts/${id}/submit`, {}, { 'idempotency-key': `${key}-2` });
      assert.equal(late.json<ApiError>().error.code, 'DRAFT_NOT_FOUND');

      // The desk sees exactly one dossier waiting for its check, with the way to return the result.
      const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const queue = await officer.get<{ items: { id: string; applicantName: string; channel: string }[] }>(
        '/api/v1/dossiers?list=check',
      );
      assert.deepEqual(
        queue.body.items.filter((x) => x.applicantName === 'Lê Thị Hoa').map((x) => x.id),
        [d.id],
      );
      // How the result is wanted is kept with the submission record (the intake has no field for it yet).
      const audit = await s.database.read((db) =>
        db.select().from(auditLog).where(eq(auditLog.entityId, d.id)),
      );
      assert.match(
        JSON.stringify(audit.map((x) => x.data)),
        /Nhận qua dịch vụ bưu chính công ích: 8 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh/,
      );
      const linked = await s.database.read((db) =>
        db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, d.id)),
      );
      assert.equal(linked.length, 1);
    });

    it('lets only a community helper submit on behalf of a citizen, recorded as the submitter', async () => {
      const body = {
        procedureCode: '1.004873',
        agencyCode: SAIGON,
        data: { applicant, formData, onBehalf: true, delivery: { method: 'online' } },
      };
      const id = randomUUID();
      await citizen.put(`/api/v1/drafts/${id}`, body);
      const refused = await inject(
        'POST',
        `/api/v1/drafts/${id}/submit`,
        {},
        { 'idempotency-key': `h-${id}` },
      );
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<ApiError>().error.code, 'NOT_COMMUNITY_HELPER');
      await s.database.tx((db) =>
        db.update(users).set({ communityHelper: true }).where(eq(users.username, 'congdan')),
      );
      const list = await citizen.get<{ communityHelper: boolean }>('/api/v1/drafts');
      assert.equal(list.body.communityHelper, true);
      const ok = await inject('POST', `/api/v1/drafts/${id}/submit`, {}, { 'idempotency-key': `h2-${id}` });
      assert.equal(ok.statusCode, 201, ok.body);
      const d = ok.json<Submitted>().dossier;
      assert.equal(d.submitter?.kind, 'helper');
      assert.notEqual(d.submitter?.fullName, applicant.fullName);
    });

    it('removes a discarded draft together with its uploaded photos', async () => {
      const id = randomUUID();
      await citizen.put(`/api/v1/drafts/${id}`, { procedureCode: '1.004873', data: {} });
      const up = (await upload(id, 'Ảnh')).json<Draft>();
      const fileId = up.files[0]!.fileId;
      assert.equal((await inject('DELETE', `/api/v1/drafts/${id}`)).statusCode, 204);
      const left = await s.database.read((db) => db.select().from(files).where(eq(files.id, fileId)));
      assert.equal(left.length, 0);
    });
  });
}
