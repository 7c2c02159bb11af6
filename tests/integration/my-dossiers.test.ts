import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

// A 1×1 PNG: the phone photo of the missing paper.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

interface Mine {
  id: string;
  status: { code: number; name: string };
  dueAt: string | null;
  paused: boolean;
  timeline: { at: string; text: string }[];
  supplement: { items: string[]; reason: string } | null;
  files: { name: string; component: string }[];
}

for (const backend of BACKENDS) {
  describe(`the applicant's own dossiers on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let citizen: Client;
    let desk: Client;
    let specialist: Client;
    let id: string;
    const setNow = (iso: string) => (s.clock as ManualClock).set(new Date(iso));
    const upload = (
      dossierId: string,
      file: { filename: string; type: string; data: Buffer },
      note = 'Hợp đồng thuê nhà mới',
    ) => {
      const body = multipart({ note }, { name: 'files', ...file });
      return s.app.inject({
        method: 'POST',
        url: `/api/v1/my/dossiers/${dossierId}/supplement`,
        payload: body.payload,
        headers: { ...body.headers, cookie: citizen.cookie },
      });
    };

    before(async () => {
      s = await startTestServer(backend, { MOTCUA_SESSION_HOURS: '720' });
      citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      setNow('2026-11-23T09:00:00+07:00');
      const sub = await citizen.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        channel: 'online',
        agencyCode: '000.01.30.H29',
        applicant: {
          kind: 'citizen',
          fullName: 'Đặng Thị Mai',
          idNumber: '079190001111',
          phone: '0912345678',
        },
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      id = sub.body.id;
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/commands`, { action: 'accept' })).status, 200);
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/commands`, { action: 'forward' })).status, 200);
      setNow('2026-11-25T10:00:00+07:00');
      const asked = await specialist.post(`/api/v1/dossiers/${id}/commands`, {
        action: 'request-supplement',
        items: ['Giấy tờ chứng minh chỗ ở hợp pháp (bản sao có chứng thực)'],
        reason: 'Hợp đồng thuê nhà đã hết hạn',
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
    });
    after(() => s?.close());

    it('lists what the citizen handed in, flagging the one waiting for them', async () => {
      const r = await citizen.get<{
        items: { id: string; needsSupplement: boolean; status: { code: number } }[];
      }>('/api/v1/my/dossiers');
      assert.equal(r.status, 200);
      const mine = r.body.items.find((x) => x.id === id);
      assert.ok(mine);
      assert.equal(mine.needsSupplement, true);
      assert.equal(mine.status.code, 5);
      assert.equal((await desk.get('/api/v1/my/dossiers')).status, 403, 'officers use the desk');
    });

    it('tells the applicant in plain words what is missing, without internal steps', async () => {
      const r = await citizen.get<Mine>(`/api/v1/my/dossiers/${id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.supplement?.items, [
        'Giấy tờ chứng minh chỗ ở hợp pháp (bản sao có chứng thực)',
      ]);
      assert.equal(r.body.paused, true);
      const texts = r.body.timeline.map((t) => t.text);
      assert.match(texts[0]!, /nộp trực tuyến/);
      assert.match(
        texts[1]!,
        /được tiếp nhận, mã hồ sơ 000\.01\.30\.H29-261123-\d{4}\. Hẹn trả kết quả 09:00 ngày 27\/11\/2026/,
      );
      assert.match(texts.at(-1)!, /Cần bổ sung.*Hợp đồng thuê nhà đã hết hạn/);
      assert.ok(!texts.some((t) => /Trần Văn Minh|chuyenvien/.test(t)), 'no officer names');
      assert.equal(
        (await citizen.get(`/api/v1/my/dossiers/00000000-0000-4000-8000-000000000000`)).status,
        404,
      );
    });

    it('refuses a file that is not a photo or PDF, and writes nothing', async () => {
      const r = await upload(id, {
        filename: 'virus.exe',
        type: 'application/x-msdownload',
        data: Buffer.from('MZ'),
      });
      assert.equal(r.statusCode, 415);
      assert.equal((await citizen.get<Mine>(`/api/v1/my/dossiers/${id}`)).body.status.code, 5);
    });

    it('resumes the clock when the applicant uploads the supplement (restart: full legal time from now)', async () => {
      setNow('2026-11-30T14:00:00+07:00');
      const r = await upload(id, { filename: 'hop-dong-thue-nha.png', type: 'image/png', data: PNG });
      assert.equal(r.statusCode, 200, r.body);
      const view = r.json() as Mine;
      assert.deepEqual(view.status, { code: 4, name: 'Đang xử lý' });
      assert.equal(view.supplement, null);
      // Tạm trú: 3 working days from Monday 30/11 14:00.
      assert.equal(view.dueAt, '2026-12-03T14:00:00+07:00');
      assert.deepEqual(
        view.files.map((f) => [f.name, f.component]),
        [['hop-dong-thue-nha.png', 'Hồ sơ bổ sung']],
      );
      assert.match(
        view.timeline.at(-1)!.text,
        /Đã nhận hồ sơ bổ sung\. Hẹn trả kết quả 14:00 ngày 03\/12\/2026/,
      );
      // The desk sees who sent it and the file on the dossier.
      const staff = await desk.get<{
        events: { type: string; actor: string | null }[];
        files: { name: string }[];
      }>(`/api/v1/dossiers/${id}`);
      assert.equal(staff.body.events.at(-1)?.type, 'supplement-received');
      assert.equal(staff.body.events.at(-1)?.actor, 'Đặng Thị Mai');
      assert.ok(staff.body.files.some((f) => f.name === 'hop-dong-thue-nha.png'));
    });

    it('says there is nothing to supplement once it is no longer asked for', async () => {
      const r = await upload(id, { filename: 'them.png', type: 'image/png', data: PNG });
      assert.equal(r.statusCode, 409);
      assert.equal((r.json() as ApiError).error.code, 'NO_SUPPLEMENT_REQUESTED');
    });
  });
}
