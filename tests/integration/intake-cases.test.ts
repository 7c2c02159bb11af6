import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { procedureCases } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

// 1.003677, khai báo tạm vắng: its papers are alternatives (điểm a, b or điểm c, d khoản 1 Điều 31 Luật Cư trú).
const ABSENCE = '1.003677';
const SAIGON = '000.01.30.H29';
const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Hải',
  idNumber: '079090001234',
  phone: '0903123456',
  address: 'Phường Sài Gòn',
};

interface View {
  id: string;
  case: string | null;
  status: { code: number };
  events: { type: string }[];
}
type Component = { name: string; required: boolean; condition: string | null; case: string | null };

for (const backend of BACKENDS) {
  describe(`cases (trường hợp) at intake on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let officer: Client;
    let citizen: Client;
    let components: Component[];
    let cases: string[];
    const ofCase = (c: string) => components.filter((x) => x.case === c);
    const intake = (body: Record<string, unknown>) =>
      officer.post<View & ApiError>('/api/v1/dossiers', { procedureCode: ABSENCE, applicant, ...body });

    before(async () => {
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-12-07T09:00:00+07:00' });
      officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      components = (await officer.get<{ components: Component[] }>(`/api/v1/procedures/${ABSENCE}`)).body
        .components;
      cases = procedureCases({ components });
    });
    after(() => s?.close());

    it('the seeded procedure names two cases, and each paper its case', () => {
      assert.equal(cases.length, 2);
      assert.match(cases[0]!, /truy cứu trách nhiệm hình sự/);
      assert.match(cases[1]!, /12 tháng/);
      assert.deepEqual(
        components.map((c) => c.case),
        [cases[0], cases[0], cases[1]],
      );
    });

    it('the counter cannot accept without a case, nor with one the procedure does not have', async () => {
      const all = components.map((c) => ({ name: c.name, received: true }));
      const none = await intake({ components: all });
      assert.equal(none.status, 422);
      assert.equal(none.body.error.code, 'CASE_REQUIRED');
      assert.match(none.body.error.message, /hãy chọn trường hợp của hồ sơ/);
      const unknown = await intake({ components: all, case: 'Đi du lịch' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.code, 'CASE_UNKNOWN');
      assert.match(unknown.body.error.message, /không có trường hợp “Đi du lịch”/);
    });

    it("accepting asks for the chosen case's papers only, and the dossier keeps the case", async () => {
      const [first, second] = ofCase(cases[0]!);
      const short = await intake({ case: cases[0], components: [{ name: first!.name, received: true }] });
      assert.equal(short.status, 400);
      assert.equal(short.body.error.code, 'COMPONENTS_MISSING');
      assert.deepEqual(short.body.error.details, [second!.name]);
      const ok = await intake({
        case: cases[0],
        components: ofCase(cases[0]!).map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.case, cases[0]);
      assert.equal(ok.body.status.code, 2);
      const read = await officer.get<View>(`/api/v1/dossiers/${ok.body.id}`);
      assert.equal(read.body.case, cases[0], 'read back the same');
      const other = await intake({
        case: cases[1],
        components: ofCase(cases[1]!).map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(other.status, 201, JSON.stringify(other.body));
      assert.equal(other.body.case, cases[1]);
    });

    it('a supplement request may come before the case is known; a refusal too', async () => {
      const r = await intake({
        decision: 'supplement',
        supplement: { items: ['Văn bản đồng ý của cơ quan quản lý'], reason: 'Chưa đủ giấy tờ' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.case, null);
    });

    it('a procedure without cases takes none, and accepts as before', async () => {
      const refused = await officer.post<ApiError>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        decision: 'refuse',
        refusal: { reason: 'Không thuộc thẩm quyền' },
        case: cases[0],
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'CASE_UNKNOWN');
      const plain = await officer.post<View>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        decision: 'refuse',
        refusal: { reason: 'Không thuộc thẩm quyền' },
      });
      assert.equal(plain.status, 201);
      assert.equal(plain.body.case, null);
    });

    it('an online draft is submitted with its case, and refused without one', async () => {
      const id = randomUUID();
      const submit = (key: string) =>
        s.app.inject({
          method: 'POST',
          url: `/api/v1/drafts/${id}/submit`,
          headers: { cookie: citizen.cookie!, 'idempotency-key': key },
        });
      const save = (data: Record<string, unknown>) =>
        citizen.put(`/api/v1/drafts/${id}`, { procedureCode: ABSENCE, agencyCode: SAIGON, data });
      const base = { applicant, formData: {}, delivery: { method: 'online' } };
      await save(base);
      const without = await submit(`cases-${id}-1`);
      assert.equal(without.statusCode, 422, without.body);
      assert.equal(without.json<ApiError>().error.code, 'CASE_REQUIRED');
      assert.equal((await citizen.get(`/api/v1/drafts/${id}`)).status, 200, 'the draft is kept');
      await save({ ...base, case: cases[1] });
      const sent = await submit(`cases-${id}-2`);
      assert.equal(sent.statusCode, 201, sent.body);
      const d = sent.json<{ dossier: View }>().dossier;
      assert.equal(d.case, cases[1]);
      assert.equal(d.status.code, 1);
    });

    it('the post hands in with a case too', async () => {
      const postal = await new Client(s.app).login('buudien', DEMO_PASSWORD);
      const r = await postal.post<ApiError>('/api/v1/dossiers', {
        procedureCode: '2.000575',
        channel: 'postal',
        applicant,
      });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'CASE_REQUIRED');
    });
  });
}
