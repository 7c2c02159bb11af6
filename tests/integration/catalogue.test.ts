import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Summary {
  code: string;
  name: string;
  processingTimeText: string;
  field: { code: string; name: string };
}
interface Detail extends Summary {
  status: string;
  version: { versionNo: number; effectiveFrom: string; decision: { number: string } | null };
  upcoming: { versionNo: number }[];
  fees: { amountVnd: number | null }[];
  components: { name: string }[];
  agencies: { name: string; committedTime: unknown }[];
}

const content = (name: string, amount: number, extra: Record<string, unknown> = {}) => ({
  name,
  fieldCode: 'TEST-HT',
  level: 'commune',
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  processingTime: { amount, unit: 'working-days' },
  components: [{ name: 'Tờ khai', originals: 1, copies: 0, required: true }],
  channels: ['counter', 'online'],
  onlineLevel: 'partial',
  ...extra,
});

for (const backend of BACKENDS) {
  describe(`procedure catalogue on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let admin: Client;
    let pub: Client;
    before(async () => {
      s = await startTestServer(backend, {
        MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
        MOTCUA_SEED_CATALOGUE: 'false',
      });
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      pub = new Client(s.app);
      // Fields are the national list: the system administrator adds them (issue 16).
      const sys = await new Client(s.app).login('quantri.hethong', DEMO_PASSWORD);
      const f = await sys.post('/api/v1/fields', {
        code: 'TEST-HT',
        name: 'Hộ tịch (thử nghiệm)',
        sector: 'Tư pháp',
      });
      assert.equal(f.status, 201);
      const d = await admin.post<{ id: string }>('/api/v1/decisions', {
        number: '100/QĐ-TEST',
        signedOn: '2026-11-01',
        effectiveOn: '2026-11-10',
        issuer: 'Chủ tịch UBND Thành phố Hồ Chí Minh',
        items: [
          {
            action: 'add',
            procedureCode: '9.000001',
            content: content('Xác nhận tình trạng hôn nhân (thử nghiệm)', 3),
          },
          { action: 'add', procedureCode: '9.000002', content: content('Đăng ký khai tử (thử nghiệm)', 0) },
          {
            action: 'add',
            procedureCode: '9.000003',
            content: content('Đăng ký lại khai tử (thử nghiệm)', 5),
          },
        ],
      });
      assert.equal(d.status, 201);
      const p = await admin.post(`/api/v1/decisions/${d.body.id}/publish`);
      assert.equal(p.status, 200);
    });
    after(() => s?.close());

    it('finds a procedure by its name typed without diacritics or capitals', async () => {
      const r = await pub.get<{ items: Summary[]; total: number }>(
        `/api/v1/procedures?q=${encodeURIComponent('XAC NHAN tinh trang hon nhan')}`,
      );
      assert.equal(r.status, 200);
      assert.equal(r.body.items[0]?.code, '9.000001');
      assert.equal(r.body.items[0]?.processingTimeText, '03 ngày làm việc');
      assert.deepEqual(r.body.items[0]?.field, { code: 'TEST-HT', name: 'Hộ tịch (thử nghiệm)' });
    });

    it('ranks the closest name first and finds by national code', async () => {
      const r = await pub.get<{ items: Summary[] }>(
        `/api/v1/procedures?q=${encodeURIComponent('dang ky khai tu')}`,
      );
      assert.deepEqual(
        r.body.items.slice(0, 2).map((i) => i.code),
        ['9.000002', '9.000003'],
      );
      const byCode = await pub.get<{ items: Summary[] }>('/api/v1/procedures?q=9.000003');
      assert.equal(byCode.body.items[0]?.code, '9.000003');
    });

    it('tolerates a small misspelling', async () => {
      const r = await pub.get<{ items: Summary[] }>(
        `/api/v1/procedures?q=${encodeURIComponent('tinh trang hon nhn')}`,
      );
      assert.equal(r.body.items[0]?.code, '9.000001');
    });

    it('shows a procedure in full with the decision that published it', async () => {
      const r = await pub.get<Detail>('/api/v1/procedures/9.000002');
      assert.equal(r.status, 200);
      assert.equal(r.body.processingTimeText, 'Trong ngày');
      assert.equal(r.body.version.versionNo, 1);
      assert.equal(r.body.version.decision?.number, '100/QĐ-TEST');
      assert.equal(r.body.status, 'active');
      assert.equal((await pub.get<ApiError>('/api/v1/procedures/9.999999')).status, 404);
    });

    it('refuses a decision with a bad item and writes nothing of it', async () => {
      const r = await admin.post<ApiError>('/api/v1/decisions', {
        number: '101/QĐ-TEST',
        signedOn: '2026-11-20',
        effectiveOn: '2026-11-25',
        issuer: 'UBND',
        items: [
          { action: 'amend', procedureCode: '9.000001', content: content('Sửa hợp lệ', 2) },
          { action: 'abolish', procedureCode: '9.123456' },
          { action: 'add', procedureCode: '9.000002', content: content('Trùng', 1) },
        ],
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'DECISION_INVALID');
      const items = (r.body.error.details as { item: number }[]).map((p) => p.item);
      assert.deepEqual(items, [2, 3]);
      const list = await admin.get<{ items: { number: string }[] }>('/api/v1/decisions');
      assert.ok(!list.body.items.some((d) => d.number === '101/QĐ-TEST'));
    });

    it('amends one procedure and abolishes another from the decision’s effective date', async () => {
      const d = await admin.post<{ id: string }>('/api/v1/decisions', {
        number: '200/QĐ-TEST',
        signedOn: '2026-11-20',
        effectiveOn: '2026-12-01',
        issuer: 'Chủ tịch UBND Thành phố Hồ Chí Minh',
        items: [
          {
            action: 'amend',
            procedureCode: '9.000001',
            content: content('Xác nhận tình trạng hôn nhân (thử nghiệm)', 2, {
              fees: [{ kind: 'lệ phí', name: 'Cấp giấy xác nhận', amountVnd: 5000 }],
            }),
          },
          { action: 'abolish', procedureCode: '9.000003' },
        ],
      });
      assert.equal(d.status, 201);
      assert.equal((await admin.post(`/api/v1/decisions/${d.body.id}/publish`)).status, 200);
      const again = await admin.post<ApiError>(`/api/v1/decisions/${d.body.id}/publish`);
      assert.equal(again.status, 409);

      // Before 1 December the old version still applies and the abolished one is still found.
      const before = await pub.get<Detail>('/api/v1/procedures/9.000001');
      assert.equal(before.body.processingTimeText, '03 ngày làm việc');
      assert.deepEqual(
        before.body.upcoming.map((u) => u.versionNo),
        [2],
      );
      (s.clock as ManualClock).set(new Date('2026-12-01T08:00:00+07:00'));
      const afterAmend = await pub.get<Detail>('/api/v1/procedures/9.000001');
      assert.equal(afterAmend.body.processingTimeText, '02 ngày làm việc');
      assert.equal(afterAmend.body.fees[0]?.amountVnd, 5000);
      assert.equal(afterAmend.body.version.decision?.number, '200/QĐ-TEST');
      const search = await pub.get<{ items: Summary[] }>(
        `/api/v1/procedures?q=${encodeURIComponent('khai tu')}`,
      );
      assert.deepEqual(
        search.body.items.map((i) => i.code),
        ['9.000002'],
      );
      const abolished = await pub.get<Detail>('/api/v1/procedures/9.000003');
      assert.equal(abolished.body.status, 'abolished');

      const cmp = await pub.get<{ changes: { field: string; before: string; after: string }[] }>(
        '/api/v1/procedures/9.000001/compare?from=1&to=2',
      );
      assert.deepEqual(
        cmp.body.changes.map((c) => c.field),
        ['processingTime', 'fees'],
      );
      const versions = await pub.get<{ items: { versionNo: number }[] }>(
        '/api/v1/procedures/9.000001/versions',
      );
      assert.deepEqual(
        versions.body.items.map((v) => v.versionNo),
        [2, 1],
      );
    });

    it('lets an agency adopt procedures with a shorter committed time, never a longer one', async () => {
      const agencies = await pub.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
      const saigon = agencies.body.items.find((a) => a.code === '000.01.30.H29')!;
      await admin.login('quantri', DEMO_PASSWORD); // the clock moved past the session's lifetime
      const longer = await admin.put<ApiError>(`/api/v1/agencies/${saigon.id}/procedures`, {
        items: [{ procedureCode: '9.000001', committedTime: { amount: 3, unit: 'working-days' } }],
      });
      assert.equal(longer.status, 400);
      assert.equal(longer.body.error.code, 'ADOPTION_INVALID');
      const ok = await admin.put<{ items: unknown[] }>(`/api/v1/agencies/${saigon.id}/procedures`, {
        items: [
          { procedureCode: '9.000001', committedTime: { amount: 12, unit: 'working-hours' } },
          { procedureCode: '9.000002' },
        ],
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.items.length, 2);
      const filtered = await pub.get<{ items: Summary[] }>(`/api/v1/procedures?agency=${saigon.id}`);
      assert.equal(filtered.status, 200, JSON.stringify(filtered.body));
      assert.deepEqual(filtered.body.items.map((i) => i.code).sort(), ['9.000001', '9.000002']);
      const detail = await pub.get<Detail>('/api/v1/procedures/9.000001');
      assert.deepEqual(detail.body.agencies[0]?.committedTime, { amount: 12, unit: 'working-hours' });
      const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      assert.equal(
        (await officer.put(`/api/v1/agencies/${saigon.id}/procedures`, { items: [] })).status,
        403,
      );
    });
  });
}
