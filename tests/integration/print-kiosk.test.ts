import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type FormInput, renderForm } from '../../src/server/modules/dossier-forms/forms';
import { Client } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};
const popplerSkip =
  has('pdftotext') && has('pdfinfo')
    ? false
    : process.env.CI === 'true'
      ? false
      : 'poppler-utils is not installed';

/** Page count and per-page layout text of a PDF (pdftotext -layout). */
function layout(pdf: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-print-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    return { pages, text, lines: text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A typical dossier: a long procedure name, five components, a ward under a city. */
const base = {
  regime: '2025' as const,
  agency: {
    name: 'Ủy ban nhân dân phường Sài Gòn',
    superiorName: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    place: 'Phường Sài Gòn',
  },
  printedAt: '2026-11-23T02:00:00Z',
  code: 'H29.01-261123-0001',
  trackingUrl: 'https://motcua.example.vn/tra-cuu/H29.01-261123-0001',
  procedure: {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh đối với trường hợp hộ kinh doanh có địa điểm kinh doanh tại nhiều nơi và thay đổi nội dung đăng ký',
  },
  applicant: {
    name: 'Nguyễn Thị Hồng Nhung',
    address: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    phone: '0912345678',
    email: 'nhung@example.vn',
  },
  officer: { name: 'Trần Văn Tiếp Nhận', phone: '0281234567' },
};
const components = [
  'Giấy đề nghị đăng ký hộ kinh doanh (Mẫu Phụ lục III-1)',
  'Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh',
  'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
  'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh',
  'Bản sao hợp đồng thuê địa điểm kinh doanh hoặc giấy tờ chứng minh quyền sử dụng địa điểm',
];
const received = '2026-11-23T02:00:00Z';
const due = '2026-11-26T02:00:00Z';
const forms: { name: string; input: FormInput }[] = [
  {
    name: 'Mẫu 01 (receipt and appointment)',
    input: {
      kind: 'receipt',
      data: {
        ...base,
        components: components.map((name, i) => ({ name, originals: 1, copies: i === 1 ? 1 : 0 })),
        sets: 1,
        legalTimeText: '3 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',
        receivedAt: received,
        appointmentAt: due,
        returnAt: 'Bộ phận Tiếp nhận và Trả kết quả phường Sài Gòn',
      },
    },
  },
  {
    name: 'Mẫu 02 (supplement request)',
    input: {
      kind: 'supplementRequest',
      data: {
        ...base,
        items: components.slice(0, 3),
        reason: 'Giấy đề nghị thiếu chữ ký của chủ hộ kinh doanh',
      },
    },
  },
  {
    name: 'Mẫu 03 (refusal)',
    input: { kind: 'refusal', data: { ...base, reason: 'Thủ tục không thuộc thẩm quyền của phường' } },
  },
  {
    name: 'Mẫu 04 (apology)',
    input: {
      kind: 'apology',
      data: {
        ...base,
        receivedAt: received,
        appointmentAt: due,
        newAppointmentAt: '2026-11-30T02:00:00Z',
        reason: 'Cần xác minh thêm địa điểm kinh doanh với cơ quan thuế',
        signer: 'Lê Văn Lãnh Đạo',
      },
    },
  },
  {
    name: 'Mẫu 05 (stop notice)',
    input: {
      kind: 'stopNotice',
      data: { ...base, reason: 'Người nộp đề nghị dừng', signer: 'Lê Văn Lãnh Đạo' },
    },
  },
  {
    name: 'Mẫu 06 (control slip)',
    input: {
      kind: 'controlSlip',
      data: {
        ...base,
        receivedAt: received,
        appointmentAt: due,
        processingAgencies: ['Phòng Kinh tế'],
        rows: [
          {
            from: 'Bộ phận Một cửa',
            to: 'Phòng Kinh tế',
            at: '2026-11-23T03:00:00Z',
            result: 'Đúng hạn',
            note: '',
          },
        ],
      },
    },
  },
];

describe('printed slips for a typical dossier', { skip: popplerSkip }, () => {
  for (const f of forms) {
    it(`${f.name} fits on one A5 page with the national motto on a single line`, async () => {
      const p = layout(await renderForm(f.input));
      assert.equal(p.pages, 1, p.text);
      assert.ok(
        p.lines.some((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')),
        `the motto is broken across lines:\n${p.text}`,
      );
    });
  }

  it('keeps both signatures of Mẫu 01 with the appointment it confirms', async () => {
    const p = layout(await renderForm(forms[0]!.input));
    const page1 = p.text.split('\f')[0]!;
    for (const phrase of ['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Trần Văn Tiếp Nhận', '26/11/2026']) {
      assert.ok(page1.includes(phrase), `${phrase} is not on page 1`);
    }
  });
});

const SAIGON = '000.01.30.H29';
interface Ticket {
  id: string;
  label: string;
  ahead: number | null;
  openCounters: number | null;
}
interface Board {
  counters: { id: string; number: number; state: string }[];
  fields: { code: string; waiting: number; openCounters: number }[];
}

describe('kiosk tickets while the counters are closed', () => {
  let s: TestServer;
  before(async () => {
    // Monday 23 November 2026, 07:20: the desk opens at 07:30, nobody is at a counter yet.
    s = await startTestServer('pglite', { MOTCUA_CLOCK_START: '2026-11-23T07:20:00+07:00' });
  });
  after(() => s?.close());

  it('says no counter is open for a field, on the board and on the ticket, until an officer opens one', async () => {
    const kiosk = new Client(s.app);
    const board = await kiosk.get<Board>(`/api/v1/queue/agencies/${SAIGON}/board`);
    assert.ok(board.body.counters.every((c) => c.state === 'closed'));
    assert.equal(board.body.fields.find((f) => f.code === 'HT')?.openCounters, 0);

    const t = await kiosk.post<Ticket>(`/api/v1/queue/agencies/${SAIGON}/tickets`, { fieldCode: 'HT' });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    assert.equal(t.body.ahead, 0);
    assert.equal(t.body.openCounters, 0, 'nobody is there to serve it');

    // The officer of counter 1 (Hộ tịch – Chứng thực) opens it.
    const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
    const one = board.body.counters.find((c) => c.number === 1)!;
    const opened = await officer.post<{ state: string }>(`/api/v1/queue/counters/${one.id}/open`);
    assert.equal(opened.body.state, 'open', JSON.stringify(opened.body));

    const followed = await kiosk.get<Ticket>(`/api/v1/queue/tickets/${t.body.id}`);
    assert.equal(followed.body.openCounters, 1);
    const after = await kiosk.get<Board>(`/api/v1/queue/agencies/${SAIGON}/board`);
    assert.equal(after.body.fields.find((f) => f.code === 'HT')?.openCounters, 1);
    // Counter 1 does not take land matters (Đất đai), and counter 2 (every field) is still closed.
    const other = after.body.fields.find((f) => !['HT', 'CT'].includes(f.code));
    if (other) assert.equal(other.openCounters, 0);
  });
});
