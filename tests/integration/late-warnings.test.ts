import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { outbox } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { sweepLateWarnings } from '../../src/server/modules/dossiers/jobs/warnings';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface View {
  id: string;
  dueAt: string;
  workflow: { steps: { key: string; quotaPercent: number; deadline: string | null }[] };
  events: { type: string; data: Record<string, unknown> }[];
}

for (const backend of BACKENDS) {
  describe(`late-dossier warnings on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let specialist: Client;
    let leader: Client;
    let id: string;
    const setNow = (iso: string) => (s.clock as ManualClock).set(new Date(iso));
    const sweep = () => sweepLateWarnings(s.database, s.app.calendar, s.clock.now());
    const view = async () => (await leader.get<View>(`/api/v1/dossiers/${id}`)).body;
    const atRisk = async (c: Client) => {
      const r = await c.get<{ items: { id: string }[] }>('/api/v1/dossiers?list=at-risk');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items.map((x) => x.id);
    };

    before(async () => {
      s = await startTestServer(backend, {
        MOTCUA_CLOCK_START: '2026-11-23T15:30:00+07:00',
        MOTCUA_SESSION_HOURS: '720',
      });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
      // The specialist's work phone, for the SMS copy of the warning.
      const admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const staff = await admin.get<{ items: { id: string; username: string }[] }>('/api/v1/users?limit=200');
      const minh = staff.body.items.find((u) => u.username === 'chuyenvien')!;
      assert.equal((await admin.patch(`/api/v1/users/${minh.id}`, { phone: '0908100002' })).status, 200);
      // Marriage-status confirmation, 3 working days, accepted Monday 23 November 15:30 (24th is Culture Day).
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.004873');
      const r = await desk.post<View>('/api/v1/dossiers', {
        procedureCode: '1.004873',
        applicant: {
          kind: 'citizen',
          fullName: 'Phan Thị Trễ',
          idNumber: '079190008888',
          phone: '0903888999',
        },
        components: p.body.components
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.dueAt, '2026-11-27T15:30:00+07:00');
      id = r.body.id;
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/commands`, { action: 'forward' })).status, 200);
      assert.equal(
        (await specialist.post(`/api/v1/dossiers/${id}/commands`, { action: 'claim' })).status,
        200,
      );
    });
    after(() => s?.close());

    it('gives each workflow step its own deadline from its share of the legal time', async () => {
      const steps = (await view()).workflow.steps;
      const deadlines = steps.map((x) => x.deadline!);
      assert.ok(deadlines.every(Boolean), JSON.stringify(steps));
      assert.deepEqual([...deadlines].sort(), deadlines, 'in order');
      assert.ok(
        deadlines.at(-1)! < '2026-11-27T15:30:00+07:00',
        'the desk keeps a share to return the result',
      );
    });

    it('says nothing while more than two working days remain', async () => {
      setNow('2026-11-25T15:00:00+07:00');
      assert.equal(await sweep(), 0);
      assert.ok(!(await atRisk(leader)).includes(id));
    });

    it('warns the specialist holding it and the ward’s leader once, a working day before the apology limit', async () => {
      setNow('2026-11-25T16:00:00+07:00');
      assert.equal(await sweep(), 1);
      assert.equal(await sweep(), 0, 'each warning goes out once');
      const warned = (await view()).events.filter((e) => e.type === 'warned');
      assert.equal(warned.length, 1);
      assert.equal(warned[0]!.data.level, 'apology-due');
      assert.equal(warned[0]!.data.apologyBy, '2026-11-26T15:30:00+07:00');
      assert.deepEqual(
        (warned[0]!.data.recipients as { name: string; role: string }[]).map((r) => [r.name, r.role]).sort(),
        [
          ['Lê Hoàng Nam', 'leader'],
          ['Trần Văn Minh', 'specialist'],
        ],
      );
      const sms = await s.database.read((db) =>
        db
          .select()
          .from(outbox)
          .where(and(eq(outbox.dossierId, id), eq(outbox.topic, 'staff.apology-due'))),
      );
      assert.equal(sms.length, 1, 'only the officer with a phone or e-mail gets a message');
      assert.equal(sms[0]!.recipient.phone, '0908100002');
      assert.match(sms[0]!.message, /trước 15:30 ngày 26\/11\/2026/);
      // In the desk: the "needs an apology" tab for the specialist and the leader.
      assert.ok((await atRisk(specialist)).includes(id));
      assert.ok((await atRisk(leader)).includes(id));
      const counts = await leader.get<{ counts: Record<string, number> }>('/api/v1/dossiers/worklists');
      assert.ok((counts.body.counts['at-risk'] ?? 0) >= 1, JSON.stringify(counts.body));
    });

    it('warns again once the limit has passed without an apology, and stops after the apology', async () => {
      setNow('2026-11-26T16:00:00+07:00');
      assert.equal(await sweep(), 1);
      assert.deepEqual(
        (await view()).events.filter((e) => e.type === 'warned').map((e) => e.data.level),
        ['apology-due', 'apology-late'],
      );
      const apology = await specialist.post<View>(`/api/v1/dossiers/${id}/commands`, {
        action: 'apologize',
        reason: 'Cần xác minh thêm thông tin tại nơi cư trú trước đây',
        newAppointmentAt: '2026-12-02T16:00:00+07:00',
      });
      assert.equal(apology.status, 200, JSON.stringify(apology.body));
      setNow('2026-11-27T09:00:00+07:00');
      assert.equal(await sweep(), 0);
      assert.ok(!(await atRisk(leader)).includes(id));
    });
  });
}
