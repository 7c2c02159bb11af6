import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface ByReference {
  reference: string;
  code: string | null;
  applicant: string;
  status: { code: number; name: string };
  acceptedAt: string | null;
  dueAt: string | null;
}

const SAIGON = '000.01.30.H29';

/** Every procedure of the researched seed. */
const SEEDED_CODES: string[] = (
  JSON.parse(
    readFileSync(new URL('../../src/server/db/seed/catalogue/procedures.json', import.meta.url), 'utf8'),
  ) as { procedures: { code: string }[] }
).procedures.map((p) => p.code);

/**
 * How the curators' source notes read (what the national database showed, where a wording came from, what is
 * left to check): none of it may reach a citizen.
 */
const CURATOR_NOTE = [
  /bản công bố/i,
  /CSDLQG/,
  /câu chữ/i,
  /hiển thị '/,
  /nguyên văn/i,
  /không kèm đơn vị/,
  /trình tự thực hiện[:)]/i,
  /bản thu thập/,
  /nguồn thứ cấp/,
  /cần đối chiếu/,
  /khối 1\.\d/,
  /(?<!số )\bQĐ \d/,
  /\b(Lệ phí|Phí) \1\b/i,
];

for (const backend of BACKENDS) {
  describe(`what the portal tells citizens is true (${backend})`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(backend);
    });
    after(() => s?.close());

    async function submitOnline(phone: string): Promise<string> {
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const r = await citizen.post<{ id: string; code: string | null }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        channel: 'online',
        agencyCode: SAIGON,
        applicant: { kind: 'citizen', fullName: 'Đặng Thị Mai', idNumber: '079192000123', phone },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.code, null);
      return r.body.id;
    }

    it('finds an online dossier by its temporary reference and the phone’s last four digits, before and after acceptance', async () => {
      const id = await submitOnline('0912345678');
      const reference = id.slice(0, 8).toUpperCase();
      const anyone = new Client(s.app);
      const before = await anyone.post<ByReference>('/api/v1/public/dossiers/by-reference', {
        reference: reference.toLowerCase(),
        phoneLast4: '5678',
      });
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.equal(before.body.reference, reference);
      assert.equal(before.body.code, null);
      assert.equal(before.body.status.code, 1);
      assert.equal(before.body.acceptedAt, null);
      assert.equal(before.body.applicant, 'Đ*** T** M**', 'the name is masked as on a lookup by code');
      assert.ok(!JSON.stringify(before.body).includes('0912345678'));
      assert.ok(!JSON.stringify(before.body).includes('079192000123'));

      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const accepted = await desk.post<{ code: string }>(`/api/v1/dossiers/${id}/commands`, {
        action: 'accept',
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const after = await anyone.post<ByReference>('/api/v1/public/dossiers/by-reference', {
        reference,
        phoneLast4: '5678',
      });
      assert.equal(after.status, 200);
      assert.equal(after.body.code, accepted.body.code, 'the official code replaces the temporary reference');
      assert.equal(after.body.status.code, 2);
      assert.ok(after.body.dueAt);
    });

    it('answers an unknown reference and a wrong phone alike, and stops guessing after five wrong tries', async () => {
      const id = await submitOnline('0988111222');
      const reference = id.slice(0, 8).toUpperCase();
      const anyone = new Client(s.app);
      const wrong = await anyone.post<ApiError>('/api/v1/public/dossiers/by-reference', {
        reference,
        phoneLast4: '0000',
      });
      const unknownRef = reference === 'FFFFFFFF' ? '00000000' : 'FFFFFFFF';
      const unknown = await anyone.post<ApiError>('/api/v1/public/dossiers/by-reference', {
        reference: unknownRef,
        phoneLast4: '1222',
      });
      assert.equal(wrong.status, 404);
      assert.equal(unknown.status, 404);
      assert.equal(wrong.body.error.code, unknown.body.error.code);
      // Without the phone digits the reference is refused at once: it is not a code.
      const bare = await anyone.get(`/api/v1/public/dossiers/${reference}`);
      assert.equal(bare.status, 404);
      for (let i = 0; i < 4; i++) {
        const r = await anyone.post('/api/v1/public/dossiers/by-reference', {
          reference,
          phoneLast4: `000${i + 1}`,
        });
        assert.equal(r.status, 404);
      }
      const right = await anyone.post<ApiError>('/api/v1/public/dossiers/by-reference', {
        reference,
        phoneLast4: '1222',
      });
      assert.equal(right.status, 429, 'five wrong tries lock the reference, right digits included');
      assert.equal(right.body.error.code, 'TOO_MANY_ATTEMPTS');
    });

    it('gives citizens every seeded procedure without the curators’ source notes, which staff still read', async () => {
      const anyone = new Client(s.app);
      const found: string[] = [];
      for (const code of SEEDED_CODES) {
        const r = await anyone.get<{ source: Record<string, unknown> | null }>(`/api/v1/procedures/${code}`);
        assert.equal(r.status, 200, code);
        const text = JSON.stringify(r.body);
        for (const rx of CURATOR_NOTE)
          if (rx.test(text)) found.push(`${code}: ${rx} in ${text.match(rx)?.[0]}`);
        assert.equal(r.body.source?.notes, undefined, `${code}: source notes withheld`);
      }
      assert.deepEqual(found, []);
      const admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const staffView = await admin.get<{ source: { notes: string } }>('/api/v1/procedures/1.001193');
      assert.match(staffView.body.source.notes, /CSDLQG/, 'the administration keeps the notes');
    });
  });
}
