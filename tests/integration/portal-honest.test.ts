import assert from 'node:assert/strict';
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
  });
}
