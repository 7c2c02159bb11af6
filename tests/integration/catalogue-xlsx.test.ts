import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const decisionFields = {
  number: '300/QĐ-TEST',
  signedOn: '2026-11-20',
  effectiveOn: '2026-11-23',
  issuer: 'Chủ tịch UBND Thành phố Hồ Chí Minh',
};

async function sheetFile(
  rows: string[][],
  fields: string[][] = [['TEST-CT', 'Chứng thực (thử nghiệm)', 'Tư pháp']],
) {
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet('Thủ tục');
  ps.addRow([
    'Mã thủ tục',
    'Tên thủ tục',
    'Mã lĩnh vực',
    'Cấp thực hiện',
    'Cơ quan thực hiện',
    'Cơ quan có thẩm quyền quyết định',
    'Thời hạn giải quyết',
    'Đơn vị thời hạn',
    'Mô tả thời hạn',
    'Phí, lệ phí',
    'Thành phần hồ sơ',
    'Yêu cầu, điều kiện',
    'Kết quả thực hiện',
    'Căn cứ pháp lý',
    'Cách thức thực hiện',
    'Mức độ dịch vụ công trực tuyến',
    'Liên thông',
  ]);
  for (const r of rows) ps.addRow(r);
  const fs = wb.addWorksheet('Lĩnh vực');
  fs.addRow(['Mã lĩnh vực', 'Tên lĩnh vực', 'Ngành']);
  for (const f of fields) fs.addRow(f);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (code: string, name: string, amount: string, fee = 'Lệ phí|Chứng thực bản sao|2000||') => [
  code,
  name,
  'TEST-CT',
  'Cấp xã',
  'Ủy ban nhân dân cấp xã',
  '',
  amount,
  'Ngày làm việc',
  'Trong ngày',
  fee,
  'Bản chính giấy tờ|1|0|Bắt buộc||\nBản sao cần chứng thực|0|1|Bắt buộc||',
  '',
  'Bản sao được chứng thực',
  'Nghị định 23/2015/NĐ-CP',
  'Trực tiếp; Bưu chính',
  'Không',
  '',
];

for (const backend of BACKENDS) {
  describe(`catalogue spreadsheets on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let admin: Client;
    const upload = async (data: Buffer, fields = decisionFields) => {
      const m = multipart(fields, { name: 'file', filename: 'danh-muc.xlsx', type: XLSX, data });
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/decisions/import',
        payload: m.payload,
        headers: { ...m.headers, cookie: admin.cookie! },
      });
      return { status: r.statusCode, body: r.json() };
    };
    before(async () => {
      s = await startTestServer(backend, { MOTCUA_SEED_CATALOGUE: 'false' }); // an empty catalogue
      // The sheets bring new fields, which only the system administrator may add (issue 16).
      admin = await new Client(s.app).login('quantri.hethong', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('reports every bad row with its column and imports nothing', async () => {
      const data = await sheetFile([
        row('9.100001', 'Chứng thực bản sao từ bản chính (thử nghiệm)', '0'),
        row('9.10000X', 'Mã sai', '0'),
        row('9.100003', 'Thời hạn sai', 'năm'),
        row('9.100004', 'Phí sai', '1', 'Tiền|Phí gì|abc||'),
      ]);
      const r = await upload(data);
      assert.equal(r.status, 400);
      assert.equal((r.body as ApiError).error.code, 'IMPORT_INVALID');
      const problems = (r.body as ApiError).error.details as { row: number; column: string }[];
      assert.deepEqual(
        problems.map((p) => [p.row, p.column]),
        [
          [3, 'Mã thủ tục'],
          [4, 'Thời hạn giải quyết'],
          [5, 'Phí, lệ phí'],
        ],
      );
      const fields = await admin.get<{ items: { code: string }[] }>('/api/v1/fields');
      assert.ok(!fields.body.items.some((f) => f.code === 'TEST-CT'), 'no field was created');
      const decisions = await admin.get<{ items: unknown[] }>('/api/v1/decisions');
      assert.equal(decisions.body.items.length, 0);
    });

    it('imports a sheet as a draft decision, publishes it, and exports what it imported', async () => {
      const r = await upload(
        await sheetFile([
          row('9.100001', 'Chứng thực bản sao từ bản chính (thử nghiệm)', '0'),
          row('9.100002', 'Chứng thực chữ ký (thử nghiệm)', '0'),
        ]),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const d = r.body as { id: string; status: string; items: { action: string }[] };
      assert.equal(d.status, 'draft');
      assert.deepEqual(
        d.items.map((i) => i.action),
        ['add', 'add'],
      );
      assert.equal((await admin.post(`/api/v1/decisions/${d.id}/publish`)).status, 200);

      const exp = await s.app.inject({ url: '/api/v1/catalogue/export.xlsx' });
      assert.equal(exp.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
      const ps = wb.getWorksheet('Thủ tục')!;
      const codes: string[] = [];
      ps.eachRow((rw, n) => {
        if (n > 1) codes.push(String(rw.getCell(1).value));
      });
      assert.deepEqual(codes, ['9.100001', '9.100002']);
      assert.equal(String(ps.getRow(2).getCell(10).value), 'Lệ phí|Chứng thực bản sao|2000||');

      // Re-importing the export with one change amends only that procedure; the optional columns
      // (own time per channel, the procedure's same-day cut-off) travel too.
      ps.getRow(3).getCell(7).value = '1';
      ps.getRow(2).getCell(18).value = 'Trực tuyến|4|Giờ làm việc';
      ps.getRow(2).getCell(19).value = '16:00';
      const again = await upload(Buffer.from(await wb.xlsx.writeBuffer()), {
        ...decisionFields,
        number: '301/QĐ-TEST',
      });
      assert.equal(again.status, 201, JSON.stringify(again.body));
      const d2 = again.body as { items: { action: string; procedureCode: string }[]; skipped: number };
      assert.deepEqual(d2.items.map((i) => [i.action, i.procedureCode]).sort(), [
        ['amend', '9.100001'],
        ['amend', '9.100002'],
      ]);
      assert.equal(d2.skipped, 0);
      const amended = (
        again.body as { items: { procedureCode: string; content: Record<string, unknown> }[] }
      ).items.find((i) => i.procedureCode === '9.100001')!;
      assert.deepEqual(amended.content.channelTimes, [
        { channel: 'online', amount: 4, unit: 'working-hours' },
      ]);
      assert.equal((amended.content.processingTime as { sameDayCutoff: string }).sameDayCutoff, '16:00');
      // A bad cut-off is reported with its column.
      ps.getRow(2).getCell(19).value = '25:00';
      const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()), {
        ...decisionFields,
        number: '302/QĐ-TEST',
      });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body), /Giờ chốt trong ngày/);
    });

    it('refuses a file that is not a spreadsheet, in Vietnamese', async () => {
      const r = await upload(Buffer.from('not a workbook'));
      assert.equal(r.status, 415);
      assert.equal((r.body as ApiError).error.code, 'FILE_TYPE_NOT_ALLOWED');
      assert.match((r.body as ApiError).error.message, /chỉ nhận bảng tính Excel \(\.xlsx\)/);
    });
  });
}
