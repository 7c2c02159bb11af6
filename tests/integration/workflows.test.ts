import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/** What the counter must receive for a marital-status certificate (1.004873): the declaration and the ID shown. */
const MARITAL_COUNTER_COMPONENTS = [
  { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', received: true },
  {
    name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (giấy tờ tùy thân) để chứng minh về nhân thân',
    received: true,
  },
];

interface WorkflowView {
  source: string;
  versionNo: number | null;
  workflow: { steps: { key: string; agency: unknown; decides: boolean }[] };
}
interface View {
  id: string;
  workflow: { steps: { key: string; agencyName: string }[] };
}

const threeSteps = {
  steps: [
    {
      key: 'thu-ly',
      name: 'Công chức tư pháp thụ lý',
      role: 'specialist',
      agency: 'receiving',
      quotaPercent: 40,
    },
    { key: 'tham-dinh-tinh', name: 'Sở thẩm định', role: 'specialist', agency: 'parent', quotaPercent: 40 },
    { key: 'ky', name: 'Lãnh đạo Sở ký', role: 'leader', agency: 'parent', quotaPercent: 20, decides: true },
  ],
};

for (const backend of BACKENDS) {
  describe(`procedure workflows on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let admin: Client;
    before(async () => {
      s = await startTestServer(backend);
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('shows the default workflow until an administrator configures one', async () => {
      const r = await admin.get<WorkflowView>('/api/v1/procedures/1.004873/workflow');
      assert.equal(r.status, 200);
      assert.equal(r.body.source, 'default');
      assert.deepEqual(
        r.body.workflow.steps.map((x) => x.key),
        ['tham-dinh', 'phe-duyet'],
      );
    });

    it('refuses a workflow whose last step does not decide, or whose quotas exceed the legal time', async () => {
      const bad = await admin.put<ApiError>('/api/v1/procedures/1.004873/workflow', {
        workflow: { steps: threeSteps.steps.map((x) => ({ ...x, decides: false, quotaPercent: 50 })) },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /phê duyệt|100%/);
    });

    it('applies a saved workflow to dossiers accepted from then on, and keeps it for them', async () => {
      const saved = await admin.put<WorkflowView>('/api/v1/procedures/1.004873/workflow', {
        agencyCode: '000.01.30.H29',
        workflow: threeSteps,
        note: 'Quyết định số 12/QĐ-UBND (thử nghiệm)',
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.source, 'agency');
      assert.equal(saved.body.versionNo, 1);
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const d = await desk.post<View>('/api/v1/dossiers', {
        procedureCode: '1.004873',
        applicant: { kind: 'citizen', fullName: 'Lý Thị Hoa', idNumber: '079190000777' },
        components: MARITAL_COUNTER_COMPONENTS,
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.deepEqual(
        d.body.workflow.steps.map((x) => [x.key, x.agencyName]),
        [
          ['thu-ly', 'Ủy ban nhân dân Phường Sài Gòn'],
          ['tham-dinh-tinh', 'Ủy ban nhân dân Thành phố Hồ Chí Minh'],
          ['ky', 'Ủy ban nhân dân Thành phố Hồ Chí Minh'],
        ],
      );
      // Another commune still uses the general (default) workflow.
      const other = await admin.get<WorkflowView>(
        '/api/v1/procedures/1.004873/workflow?agencyCode=000.02.30.H29',
      );
      assert.equal(other.body.source, 'default');
      // A later change does not touch the dossier already accepted.
      await admin.put('/api/v1/procedures/1.004873/workflow', {
        agencyCode: '000.01.30.H29',
        workflow: { steps: [{ ...threeSteps.steps[2], agency: 'receiving' }] },
      });
      const again = await desk.get<View>(`/api/v1/dossiers/${d.body.id}`);
      assert.equal(again.body.workflow.steps.length, 3);
      const desk2 = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      assert.equal(
        (await desk2.put('/api/v1/procedures/1.004873/workflow', { workflow: threeSteps })).status,
        403,
      );
    });
  });
}
