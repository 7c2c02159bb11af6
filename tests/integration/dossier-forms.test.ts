import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/forms', import.meta.url));
const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};
const tools = has('pdftoppm') && has('pdftotext') && has('pdfinfo') && has('tesseract');
// In CI the tools are installed by .ci/run: missing tools fail the run instead of skipping the check.
const skip = tools
  ? false
  : process.env.CI === 'true'
    ? false
    : 'poppler-utils and tesseract-ocr-vie are not installed';

/** Text of a PDF (layout kept) and its page size in points. */
function inspect(pdf: Buffer, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
  try {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // Reading order, whitespace folded: phrases wrapped inside table cells stay whole.
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-r',
      '150',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(ARTIFACTS, name),
    ]);
    const ocr = execFileSync('tesseract', [join(ARTIFACTS, `${name}.png`), '-', '-l', 'vie']).toString();
    return {
      width: Number(size?.[1]),
      height: Number(size?.[2]),
      pages,
      text,
      ocr: ocr.replace(/\s+/g, ' '),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('printed forms', { skip }, () => {
  let s: TestServer;
  let desk: Client;
  let specialist: Client;
  let leader: Client;
  let id = '';
  let code = '';
  const pdf = async (c: Client, form: string) => {
    const r = await s.app.inject({
      url: `/api/v1/dossiers/${id}/forms/${form}`,
      headers: { cookie: c.cookie! },
    });
    return r;
  };
  const cmd = async (c: Client, body: Record<string, unknown>) => {
    const r = await c.post<ApiError>(`/api/v1/dossiers/${id}/commands`, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };

  before(async () => {
    s = await startTestServer('pglite', {
      MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
      MOTCUA_SESSION_HOURS: '720',
    });
    desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
    specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
    leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    const r = await desk.post<{ id: string; code: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant: {
        kind: 'citizen',
        fullName: 'Nguyễn Thị Hồng Nhung',
        idNumber: '079190001234',
        phone: '0912345678',
        address: '12 Lê Lợi, Phường Sài Gòn',
      },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    id = r.body.id;
    code = r.body.code;
  });
  after(() => s?.close());

  it('prints the receipt and appointment slip on A5, numbered Mẫu số 01, in readable Vietnamese', async () => {
    const r = await pdf(desk, 'receipt.pdf');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    const p = inspect(r.rawPayload, 'receipt');
    assert.equal(p.pages, 1, 'the slip fits on one A5 page');
    assert.ok(
      Math.abs(p.width - 419.53) < 1 && Math.abs(p.height - 595.28) < 1,
      `A5 portrait (${p.width}×${p.height})`,
    );
    for (const phrase of [
      'Mẫu số 01',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Nguyễn Thị Hồng Nhung',
      code,
      '09 giờ 00 phút, ngày 23/11/2026',
      '09 giờ 00 phút, ngày 27/11/2026',
      'Đăng ký tạm trú',
    ]) {
      assert.ok(p.text.includes(phrase), `the PDF text has "${phrase}"`);
    }
    // Rendered to an image and read back: the diacritics are drawn, not only encoded.
    const seen = ['CỘNG HÒA', 'Độc lập', 'HẸN TRẢ KẾT QUẢ', 'Nguyễn Thị Hồng Nhung', 'Thời gian'].filter(
      (w) => p.ocr.includes(w),
    );
    assert.ok(seen.length >= 3, `OCR read ${seen.join(', ')} in: ${p.ocr.slice(0, 300)}`);
  });

  it('prints the apology with the new appointment, and the control slip with each hand-over', async () => {
    await cmd(desk, { action: 'forward' });
    await cmd(specialist, { action: 'claim' });
    (s.clock as ManualClock).set(new Date('2026-11-26T08:00:00+07:00'));
    await cmd(specialist, {
      action: 'apologize',
      reason: 'Cần xác minh nơi cư trú với Công an phường',
      newAppointmentAt: '2026-12-01T09:00:00+07:00',
    });
    const apology = inspect((await pdf(desk, 'apology.pdf')).rawPayload, 'apology');
    for (const phrase of [
      'Mẫu số 04',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN',
      '09 giờ 00 phút, ngày 01/12/2026',
      'Cần xác minh nơi cư trú',
    ]) {
      assert.ok(apology.text.includes(phrase), `the apology has "${phrase}"`);
    }
    await cmd(specialist, { action: 'forward' });
    await cmd(leader, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
    const slip = inspect((await pdf(desk, 'control-slip.pdf')).rawPayload, 'control-slip');
    for (const phrase of [
      'Mẫu số 06',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Chuyên viên thẩm định',
      'Lãnh đạo phê duyệt',
      'Trần Văn Minh',
    ]) {
      assert.ok(slip.text.includes(phrase), `the control slip has "${phrase}"`);
    }
    assert.match(slip.text, /Trước hạn|Đúng hạn|Quá hạn/);
  });

  it('prints supplement and refusal slips, and refuses a form the dossier has no data for', async () => {
    const r = await desk.post<{ id: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant: { kind: 'citizen', fullName: 'Lê Văn Tám' },
      components: [],
      decision: 'supplement',
      supplement: { items: ['Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'], reason: 'Hồ sơ thiếu tờ khai' },
    });
    const form = await s.app.inject({
      url: `/api/v1/dossiers/${r.body.id}/forms/supplement-request.pdf`,
      headers: { cookie: desk.cookie! },
    });
    const p = inspect(form.rawPayload, 'supplement-request');
    for (const phrase of [
      'Mẫu số 02',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Tờ khai thay đổi thông tin cư trú',
      'Lê Văn Tám',
    ]) {
      assert.ok(p.text.includes(phrase), `the supplement slip has "${phrase}"`);
    }
    const none = await s.app.inject({
      url: `/api/v1/dossiers/${r.body.id}/forms/receipt.pdf`,
      headers: { cookie: desk.cookie! },
    });
    assert.equal(none.statusCode, 409);
    assert.equal(none.json<ApiError>().error.code, 'FORM_NOT_APPLICABLE');
    const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
    const denied = await s.app.inject({
      url: `/api/v1/dossiers/${id}/forms/receipt.pdf`,
      headers: { cookie: other.cookie! },
    });
    assert.equal(denied.statusCode, 404);
  });

  it('prints the register on A4 landscape, numbered Mẫu số 07 under the 2025 regime', async () => {
    const r = await s.app.inject({
      url: '/api/v1/dossiers/register.pdf?from=2026-11-23&to=2026-11-30',
      headers: { cookie: desk.cookie! },
    });
    assert.equal(r.statusCode, 200, r.body);
    const p = inspect(r.rawPayload, 'register');
    assert.ok(p.width > p.height && Math.abs(p.width - 841.89) < 1, `A4 landscape (${p.width}×${p.height})`);
    for (const phrase of ['Mẫu số 07', 'SỔ THEO DÕI HỒ SƠ', code, 'Nguyễn Thị Hồng Nhung']) {
      assert.ok(p.text.includes(phrase), `the register has "${phrase}" in: ${p.text.slice(0, 600)}`);
    }
  });
});
