import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface View {
  id: string;
  code: string;
  status: { code: number; name: string };
  acceptedAt: string;
  dueAt: string;
  events: { type: string; actor: string | null; data: Record<string, unknown> }[];
}

const applicant = {
  kind: 'citizen',
  fullName: 'Đặng Thị Mai',
  idNumber: '079190000123',
  phone: '0912345678',
  address: 'Phường Sài Gòn',
};

for (const backend of BACKENDS) {
  describe(`counter reception on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let officer: Client;
    let components: { name: string; received: boolean }[];
    const accept = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        payload: { procedureCode: '1.004194', applicant, components, ...extra },
        headers: { cookie: officer.cookie!, ...headers },
      });
    before(async () => {
      // Friday 20 November 2026, 15:00 — before the weekend and Vietnam Culture Day.
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00' });
      officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const p = await officer.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.004194');
      components = p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    });
    after(() => s?.close());

    it('accepts a complete dossier with its code and a due date in legal working time', async () => {
      const r = await accept();
      assert.equal(r.statusCode, 201, r.body);
      const v = r.json<View>();
      assert.equal(v.code, '000.01.30.H29-261120-0001');
      assert.deepEqual(v.status, { code: 2, name: 'Được tiếp nhận' });
      assert.equal(v.acceptedAt, '2026-11-20T15:00:00+07:00');
      // 3 working days from Friday 15:00, skipping the weekend and 24 November.
      assert.equal(v.dueAt, '2026-11-26T15:00:00+07:00');
      assert.deepEqual(
        v.events.map((e) => [e.type, e.actor]),
        [
          ['submitted', 'Nguyễn Thị Lan'],
          ['accepted', 'Nguyễn Thị Lan'],
        ],
      );
    });

    it('numbers the day’s dossiers 0001, 0002… and never twice, even when received at once', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => accept()));
      const codes = results.map((r) => r.json<View>().code).sort();
      assert.deepEqual(
        codes,
        [2, 3, 4, 5, 6, 7].map((n) => `000.01.30.H29-261120-000${n}`),
      );
    });

    it('returns the first result when a command is retried with the same idempotency key', async () => {
      const a = await accept({}, { 'idempotency-key': 'retry-test-000001' });
      const b = await accept({}, { 'idempotency-key': 'retry-test-000001' });
      assert.equal(a.json<View>().id, b.json<View>().id);
      assert.equal(a.json<View>().code, b.json<View>().code);
    });

    it('refuses an incomplete dossier, naming what is missing, and writes nothing', async () => {
      const before = await officer.get<{ total: number }>('/api/v1/dossiers');
      const r = await accept({ components: [] });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json<ApiError>().error.code, 'COMPONENTS_MISSING');
      const afterList = await officer.get<{ total: number }>('/api/v1/dossiers');
      assert.equal(afterList.body.total, before.body.total);
      const next = await accept();
      assert.match(next.json<View>().code, /-0009$/, 'no sequence number was consumed by the refusal');
    });

    it('shows anyone the progress by code with the name masked', async () => {
      const r = await new Client(s.app).get('/api/v1/public/dossiers/000.01.30.H29-261120-0001');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, {
        code: '000.01.30.H29-261120-0001',
        procedure: { code: '1.004194', name: 'Đăng ký tạm trú' },
        applicant: 'Đ*** T** M**',
        status: { code: 2, name: 'Được tiếp nhận' },
        acceptedAt: '2026-11-20T15:00:00+07:00',
        dueAt: '2026-11-26T15:00:00+07:00',
        endedAt: null,
        timeliness: null,
      });
      assert.equal(
        (await new Client(s.app).get('/api/v1/public/dossiers/000.01.30.H29-261120-9999')).status,
        404,
      );
      assert.equal((await new Client(s.app).get('/api/v1/public/dossiers/khong-phai-ma')).status, 404);
    });

    it('keeps another commune’s officers out, and finds dossiers by name without diacritics', async () => {
      const list = await officer.get<{ items: View[] }>('/api/v1/dossiers?q=dang%20thi%20mai');
      assert.ok(list.body.items.length >= 9);
      const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      assert.equal((await other.get(`/api/v1/dossiers/${list.body.items[0]!.id}`)).status, 404);
      assert.equal((await other.get<{ total: number }>('/api/v1/dossiers')).body.total, 0);
    });

    it('re-times open dossiers when an official schedule changes the year, and records it', async () => {
      const admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const r = await admin.put('/api/v1/calendar/official/2026', {
        decision: 'Lịch nghỉ năm 2026 (thử nghiệm)',
        daysOff: ['2026-11-24', '2026-11-25'],
        workingDays: [],
      });
      assert.equal(r.status, 200);
      const track = await new Client(s.app).get<{ dueAt: string }>(
        '/api/v1/public/dossiers/000.01.30.H29-261120-0001',
      );
      assert.equal(track.body.dueAt, '2026-11-27T15:00:00+07:00');
      const list = await officer.get<{ items: { id: string; code: string }[] }>(
        '/api/v1/dossiers?q=261120-0001',
      );
      const v = await officer.get<View>(`/api/v1/dossiers/${list.body.items[0]!.id}`);
      assert.deepEqual(
        v.body.events.map((e) => e.type),
        ['submitted', 'accepted', 'retimed'],
      );
      // A whole code (typed in lower case too) finds exactly that dossier.
      const exact = await officer.get<{ items: { id: string }[]; total: number }>(
        '/api/v1/dossiers?q=000.01.30.h29-261120-0001',
      );
      assert.deepEqual(
        exact.body.items.map((x) => x.id),
        [list.body.items[0]!.id],
      );
      assert.match(String(v.body.events[2]?.data.reason), /Lịch nghỉ năm 2026/);
      (s.clock as ManualClock).advance(0);
    });

    it('lets only reception officers receive', async () => {
      const specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      const r = await specialist.post<ApiError>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        components,
      });
      assert.equal(r.status, 403);
    });
  });
}
