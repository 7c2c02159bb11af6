import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PROCEDURE_COLUMNS } from '../../src/domain/catalogue/spreadsheet';
import { auditLog } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/**
 * Who may change data shared beyond one agency (issue 16): the official calendar and the procedure
 * catalogue are the province's (its administrators, or the system administrator); the list of fields
 * is national (the system administrator only); a commune's administrator keeps its own agency's work.
 */

interface Schedule {
  year: number;
  decision: string;
  daysOff: string[];
  workingDays: string[];
}
interface Decision {
  id: string;
  number: string;
  status: string;
}
interface Field {
  code: string;
  name: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tet2027 = {
  decision: 'Thông báo lịch nghỉ Tết 2027 (thử nghiệm)',
  daysOff: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
  workingDays: ['2027-02-20'],
};
const content = (name: string, fieldCode = 'HT') => ({
  name,
  fieldCode,
  level: 'commune',
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  processingTime: { amount: 3, unit: 'working-days' },
  components: [{ name: 'Tờ khai', originals: 1, copies: 0, required: true }],
  channels: ['counter'],
  onlineLevel: 'none',
});
const decisionHead = (number: string) => ({
  number,
  signedOn: '2026-11-20',
  effectiveOn: '2026-11-23',
  issuer: 'Chủ tịch UBND Thành phố Hồ Chí Minh',
});

/** A one-procedure workbook whose procedure sits in `fieldCode`, listed on the sheet of fields. */
async function workbook(code: string, fieldCode: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet('Thủ tục');
  ps.addRow(PROCEDURE_COLUMNS.filter((c) => !('optional' in c)).map((c) => c.header));
  ps.addRow([
    code,
    'Xác nhận thử nghiệm phân quyền',
    fieldCode,
    'Cấp xã',
    'Ủy ban nhân dân cấp xã',
    '',
    '3',
    'Ngày làm việc',
    '',
    '',
    'Đơn đề nghị|1|0|Bắt buộc||',
    '',
    'Giấy xác nhận',
    'Quyết định thử nghiệm',
    'Trực tiếp',
    'Không',
    '',
  ]);
  const fs = wb.addWorksheet('Lĩnh vực');
  fs.addRow(['Mã lĩnh vực', 'Tên lĩnh vực', 'Ngành']);
  fs.addRow([fieldCode, 'Lĩnh vực thử nghiệm', 'Thử nghiệm']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const backend of BACKENDS) {
  describe(`administrators' levels on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let commune: Client; // `quantri.saigon`: admin of Phường Sài Gòn
    let province: Client; // `quantri`: admin of the city (province level)
    let system: Client; // `quantri.hethong`: sysadmin
    let saigonId: string;
    let benthanhId: string;

    const audited = async () =>
      Number((await s.database.read((db) => db.select({ n: count() }).from(auditLog)))[0]?.n);
    const importSheet = async (who: Client, data: Buffer, number: string) => {
      const m = multipart(decisionHead(number), {
        name: 'file',
        filename: 'danh-muc.xlsx',
        type: XLSX,
        data,
      });
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/decisions/import',
        payload: m.payload,
        headers: { ...m.headers, cookie: who.cookie! },
      });
      return { status: r.statusCode, body: r.json() as ApiError & Decision };
    };
    const refused = (r: { status: number; body: unknown }, who: RegExp) => {
      assert.equal(r.status, 403, JSON.stringify(r.body));
      const e = (r.body as ApiError).error;
      assert.equal(e.code, 'FORBIDDEN');
      assert.match(e.message, who);
    };
    const PROVINCE = /^Chỉ quản trị viên cấp tỉnh/;
    const SYSTEM = /^Chỉ quản trị hệ thống/;

    before(async () => {
      s = await startTestServer(backend);
      [commune, province, system] = await Promise.all([
        new Client(s.app).login('quantri.saigon', DEMO_PASSWORD),
        new Client(s.app).login('quantri', DEMO_PASSWORD),
        new Client(s.app).login('quantri.hethong', DEMO_PASSWORD),
      ]);
      const list = await province.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
      saigonId = list.body.items.find((a) => a.code === '000.01.30.H29')!.id;
      benthanhId = list.body.items.find((a) => a.code === '000.02.30.H29')!.id;
    });
    after(() => s?.close());

    it('signs in the demo administrators of the three levels, each with their own role and agency', async () => {
      const me = async (c: Client) =>
        (await c.get<{ roles: string[]; agency: { level: string } | null }>('/api/v1/auth/me')).body;
      const [c, p, y] = await Promise.all([me(commune), me(province), me(system)]);
      assert.deepEqual([c.roles, c.agency?.level], [['admin'], 'commune']);
      assert.deepEqual([p.roles, p.agency?.level], [['admin'], 'province']);
      assert.deepEqual([y.roles, y.agency?.level], [['sysadmin'], 'province']);
    });

    it('refuses the official calendar to a commune administrator, writing nothing, and lets the province set it', async () => {
      const put = await province.put<Schedule>('/api/v1/calendar/official/2027', tet2027);
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const before = await audited();
      refused(
        await commune.put('/api/v1/calendar/official/2027', { ...tet2027, decision: 'Ghi đè', daysOff: [] }),
        PROVINCE,
      );
      refused(
        await commune.put('/api/v1/calendar/official/2028', { ...tet2027, daysOff: [], workingDays: [] }),
        PROVINCE,
      );
      refused(await commune.call('DELETE', '/api/v1/calendar/official/2027'), PROVINCE);
      assert.equal(await audited(), before, 'a refused change writes nothing, not even an audit entry');
      const official = await commune.get<{ items: Schedule[] }>('/api/v1/calendar/official');
      assert.deepEqual(
        official.body.items.map((x) => [x.year, x.decision, x.daysOff.length]),
        [[2027, tet2027.decision, tet2027.daysOff.length]],
      );
      const day = await commune.get<{ days: { reason: string | null }[] }>(
        '/api/v1/calendar/days?from=2027-02-04&to=2027-02-04',
      );
      assert.equal(day.body.days[0]?.reason, 'official');
    });

    it('lets the system administrator set and remove the official calendar', async () => {
      const put = await system.put<Schedule>('/api/v1/calendar/official/2028', {
        decision: 'Thông báo lịch nghỉ 2028 (thử nghiệm)',
        daysOff: ['2028-01-24'],
        workingDays: [],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal((await system.call('DELETE', '/api/v1/calendar/official/2028')).status, 200);
      assert.equal((await province.call('DELETE', '/api/v1/calendar/official/2027')).status, 200);
    });

    it('refuses publication decisions to a commune administrator — draft, publish, delete, import — writing nothing', async () => {
      const draft = await province.post<Decision>('/api/v1/decisions', {
        ...decisionHead('10/QĐ-TINH'),
        items: [
          { action: 'add', procedureCode: '9.500001', content: content('Thủ tục của tỉnh (thử nghiệm)') },
        ],
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      const before = await audited();
      refused(
        await commune.post('/api/v1/decisions', {
          ...decisionHead('11/QĐ-XA'),
          items: [
            { action: 'add', procedureCode: '9.500002', content: content('Thủ tục tự đặt (thử nghiệm)') },
          ],
        }),
        PROVINCE,
      );
      refused(await commune.post(`/api/v1/decisions/${draft.body.id}/publish`), PROVINCE);
      refused(await commune.call('DELETE', `/api/v1/decisions/${draft.body.id}`), PROVINCE);
      refused(await importSheet(commune, await workbook('9.500003', 'HT'), '12/QĐ-XA'), PROVINCE);
      assert.equal(await audited(), before, 'a refused change writes nothing, not even an audit entry');
      const list = await commune.get<{ items: Decision[] }>('/api/v1/decisions');
      assert.equal(list.status, 200, 'a commune administrator still reads the decisions');
      assert.deepEqual(
        list.body.items.map((d) => [d.number, d.status]),
        [['10/QĐ-TINH', 'draft']],
      );
      assert.equal((await commune.get('/api/v1/procedures/9.500001')).status, 404, 'nothing was published');
      const published = await province.post<Decision>(`/api/v1/decisions/${draft.body.id}/publish`);
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.equal((await commune.get('/api/v1/procedures/9.500001')).status, 200);
    });

    it('lets the province and the system administrator import decisions in listed fields', async () => {
      const a = await importSheet(province, await workbook('9.500004', 'HT'), '13/QĐ-TINH');
      assert.equal(a.status, 201, JSON.stringify(a.body));
      const b = await importSheet(system, await workbook('9.500005', 'HT'), '14/QĐ-HT');
      assert.equal(b.status, 201, JSON.stringify(b.body));
      assert.equal((await province.call('DELETE', `/api/v1/decisions/${b.body.id}`)).status, 204);
    });

    it('refuses the national list of fields to every administrator but the system administrator', async () => {
      const fields = async () => (await province.get<{ items: Field[] }>('/api/v1/fields')).body.items;
      const ht = (await fields()).find((f) => f.code === 'HT')!;
      const before = await audited();
      for (const who of [commune, province]) {
        refused(await who.post('/api/v1/fields', { code: 'TN-PQ', name: 'Thử nghiệm', sector: '' }), SYSTEM);
        refused(await who.patch('/api/v1/fields/HT', { name: 'Đổi tên' }), SYSTEM);
      }
      assert.equal(await audited(), before, 'a refused change writes nothing, not even an audit entry');
      const now = await fields();
      assert.ok(!now.some((f) => f.code === 'TN-PQ'));
      assert.equal(now.find((f) => f.code === 'HT')?.name, ht.name);
      const created = await system.post<Field>('/api/v1/fields', {
        code: 'TN-PQ',
        name: 'Thử nghiệm phân quyền',
        sector: 'Thử nghiệm',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const renamed = await system.patch<Field>('/api/v1/fields/TN-PQ', {
        name: 'Thử nghiệm phân quyền (sửa)',
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    });

    it('does not let a province import add a field to the national list; the system administrator’s does', async () => {
      const sheet = await workbook('9.500006', 'TN-MOI');
      const r = await importSheet(province, sheet, '15/QĐ-TINH');
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'IMPORT_INVALID');
      const problems = r.body.error.details as { row: number; column: string; reason: string }[];
      assert.deepEqual(
        problems.map((p) => [p.row, p.column]),
        [[2, 'Mã lĩnh vực']],
      );
      assert.match(problems[0]!.reason, /TN-MOI.*Chỉ quản trị hệ thống/);
      const fields = await province.get<{ items: Field[] }>('/api/v1/fields');
      assert.ok(!fields.body.items.some((f) => f.code === 'TN-MOI'), 'no field was created');
      const ok = await importSheet(system, sheet, '15/QĐ-HT');
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      const after = await province.get<{ items: Field[] }>('/api/v1/fields');
      assert.ok(after.body.items.some((f) => f.code === 'TN-MOI'));
    });

    it('keeps a commune administrator’s own agency work: its procedures, workflows and users', async () => {
      const adopt = await commune.put(`/api/v1/agencies/${saigonId}/procedures`, {
        items: [{ procedureCode: '1.004873', committedTime: null }],
      });
      assert.equal(adopt.status, 200, JSON.stringify(adopt.body));
      const elsewhere = await commune.put<ApiError>(`/api/v1/agencies/${benthanhId}/procedures`, {
        items: [{ procedureCode: '1.004873', committedTime: null }],
      });
      assert.equal(elsewhere.status, 403);
      assert.equal(elsewhere.body.error.code, 'OUT_OF_SCOPE');
      const workflow = {
        steps: [
          { key: 'thu-ly', name: 'Thụ lý', role: 'specialist', agency: 'receiving', quotaPercent: 60 },
          {
            key: 'ky',
            name: 'Phê duyệt',
            role: 'leader',
            agency: 'receiving',
            quotaPercent: 20,
            decides: true,
          },
        ],
      };
      const own = await commune.put('/api/v1/procedures/1.004873/workflow', {
        agencyCode: '000.01.30.H29',
        workflow,
      });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      refused(await commune.put('/api/v1/procedures/1.004873/workflow', { workflow }), PROVINCE);
      const shared = await province.put('/api/v1/procedures/1.004873/workflow', { workflow });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      const user = await commune.post('/api/v1/users', {
        username: 'tiepnhan2.saigon',
        fullName: 'Phan Thị Ngọc',
        password: 'bat-dau-2026',
        roles: ['reception'],
        agencyId: saigonId,
      });
      assert.equal(user.status, 201, JSON.stringify(user.body));
    });

    it('keeps system administrator accounts to system administrators', async () => {
      const users = await province.get<{ items: { id: string; username: string }[] }>(
        '/api/v1/users?q=quantri.hethong',
      );
      const sys = users.body.items.find((u) => u.username === 'quantri.hethong')!;
      refused(await province.patch(`/api/v1/users/${sys.id}`, { password: 'chiem-quyen-2026' }), SYSTEM);
      refused(
        await province.post('/api/v1/users', {
          username: 'hethong.gia',
          fullName: 'Quản trị giả',
          password: 'bat-dau-2026',
          roles: ['sysadmin'],
          agencyId: saigonId,
        }),
        SYSTEM,
      );
      await new Client(s.app).login('quantri.hethong', DEMO_PASSWORD); // the password did not change
      const created = await system.post<{ agencyId: string | null }>('/api/v1/users', {
        username: 'hethong.du.phong',
        fullName: 'Hồ Quốc Bảo',
        password: 'bat-dau-2026',
        roles: ['sysadmin'],
        agencyId: null,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.agencyId, null);
      const noAgency = await system.post<ApiError>('/api/v1/users', {
        username: 'quantri.khongcoquan',
        fullName: 'Quản trị',
        password: 'bat-dau-2026',
        roles: ['admin'],
        agencyId: null,
      });
      assert.equal(noAgency.status, 400);
      assert.equal(noAgency.body.error.code, 'AGENCY_REQUIRED');
    });
  });
}
