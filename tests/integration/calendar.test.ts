import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Day {
  date: string;
  working: boolean;
  reason: string | null;
  name: string | null;
}

const dueUrl = (acceptedAt: string, amount: number, unit: string, agency?: string) =>
  `/api/v1/calendar/due?acceptedAt=${encodeURIComponent(acceptedAt)}&amount=${amount}&unit=${unit}${
    agency ? `&agency=${encodeURIComponent(agency)}` : ''
  }`;

for (const backend of BACKENDS) {
  describe(`working-time API on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let pub: Client;
    let admin: Client;
    before(async () => {
      s = await startTestServer(backend);
      pub = new Client(s.app);
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('answers the worked examples exactly, with +07:00 instants', async () => {
      const cases: [string, number, string, string][] = [
        ['2026-11-23T09:00:00+07:00', 1, 'working-days', '2026-11-25T09:00:00+07:00'],
        ['2026-11-20T08:00:00Z', 3, 'working-days', '2026-11-26T15:00:00+07:00'],
        ['2026-11-23T15:01:00+07:00', 0, 'working-days', '2026-11-25T17:00:00+07:00'],
        ['2026-11-23T11:00:00+07:00', 4, 'working-hours', '2026-11-23T16:30:00+07:00'],
        ['2027-02-04T14:00:00+07:00', 3, 'working-days', '2027-02-16T14:00:00+07:00'],
        ['2026-12-31T08:00:00+07:00', 15, 'calendar-days', '2027-01-15T23:59:59+07:00'],
      ];
      for (const [acceptedAt, amount, unit, expected] of cases) {
        const r = await pub.get<{ dueAt: string }>(dueUrl(acceptedAt, amount, unit));
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, { dueAt: expected }, `${acceptedAt} + ${amount} ${unit}`);
      }
    });

    it('uses an agency’s own office hours when asked', async () => {
      const list = await pub.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
      const cangio = list.body.items.find((a) => a.code === '000.03.30.H29')!;
      await admin.patch(`/api/v1/agencies/${cangio.id}`, {
        officeHours: {
          sessions: [
            { start: '07:00', end: '11:00' },
            { start: '13:30', end: '17:30' },
          ],
        },
      });
      const r = await pub.get<{ dueAt: string }>(
        dueUrl('2026-11-23T10:00:00+07:00', 4, 'working-hours', '000.03.30.H29'),
      );
      assert.equal(r.body.dueAt, '2026-11-23T16:30:00+07:00');
      const unknown = await pub.get<ApiError>(
        dueUrl('2026-11-23T10:00:00+07:00', 4, 'working-hours', '000.99.99.H29'),
      );
      assert.equal(unknown.status, 404);
    });

    it('refuses bad input with 400 and the error model', async () => {
      for (const url of [
        dueUrl('hôm nay', 1, 'working-days'),
        dueUrl('2026-11-23T09:00:00+07:00', -1, 'working-days'),
        dueUrl('2026-11-23T09:00:00+07:00', 1, 'weeks'),
        '/api/v1/calendar/due?amount=1&unit=working-days',
        '/api/v1/calendar/days?from=2026-01-01&to=2030-01-01',
        '/api/v1/calendar/days?from=2026-12-01&to=2026-01-01',
      ]) {
        const r = await pub.get<ApiError>(url);
        assert.equal(r.status, 400, url);
        assert.ok(r.body.error.code && r.body.error.message, url);
      }
    });

    it('lists days with their reasons and names', async () => {
      const r = await pub.get<{ days: Day[] }>('/api/v1/calendar/days?from=2026-11-21&to=2026-11-25');
      assert.deepEqual(r.body.days, [
        { date: '2026-11-21', working: false, reason: 'weekend', name: null },
        { date: '2026-11-22', working: false, reason: 'weekend', name: null },
        { date: '2026-11-23', working: true, reason: null, name: null },
        { date: '2026-11-24', working: false, reason: 'holiday', name: 'Ngày Văn hóa Việt Nam' },
        { date: '2026-11-25', working: true, reason: null, name: null },
      ]);
    });

    it('explains a due date in Vietnamese', async () => {
      const r = await pub.get<{ summary: string; skipped: Day[] }>(
        '/api/v1/calendar/explain?acceptedAt=2026-11-23T09:00:00%2B07:00&amount=1&unit=working-days',
      );
      assert.equal(r.status, 200);
      assert.match(r.body.summary, /Ngày Văn hóa Việt Nam/);
      assert.equal(r.body.skipped[0]?.date, '2026-11-24');
    });

    it('lets an administrator enter a year’s official schedule, which replaces the defaults, and remove it', async () => {
      const body = {
        decision: 'Lịch nghỉ Tết 2027 (thử nghiệm)',
        daysOff: [
          '2027-02-04',
          '2027-02-05',
          '2027-02-06',
          '2027-02-07',
          '2027-02-08',
          '2027-02-09',
          '2027-02-10',
        ],
        workingDays: ['2027-02-20'],
      };
      assert.equal((await pub.put('/api/v1/calendar/official/2027', body)).status, 401);
      const officer = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      assert.equal((await officer.put('/api/v1/calendar/official/2027', body)).status, 403);
      const wrongYear = await admin.put<ApiError>('/api/v1/calendar/official/2027', {
        ...body,
        workingDays: ['2026-02-20'],
      });
      assert.equal(wrongYear.status, 400);
      const r = await admin.put<{ year: number }>('/api/v1/calendar/official/2027', body);
      assert.equal(r.status, 200);
      assert.equal(r.body.year, 2027);
      const d = await pub.get<{ days: Day[] }>('/api/v1/calendar/days?from=2027-02-03&to=2027-02-12');
      const reasons = Object.fromEntries(d.body.days.map((x) => [x.date, x.reason]));
      assert.equal(reasons['2027-02-04'], 'official');
      assert.equal(reasons['2027-02-11'], null); // no longer a compensatory day
      // Wed 3 Feb 14:00 + 3 working days: 3 h, then 11 and 12 Feb (11 Feb is now a working day), 5 h on the 15th.
      const due = await pub.get<{ dueAt: string }>(dueUrl('2027-02-03T14:00:00+07:00', 3, 'working-days'));
      assert.equal(due.body.dueAt, '2027-02-15T14:00:00+07:00');
      const makeUp = await pub.get<{ days: Day[] }>('/api/v1/calendar/days?from=2027-02-20&to=2027-02-20');
      assert.deepEqual(makeUp.body.days[0]?.reason, 'make-up');
      const del = await admin.call('DELETE', '/api/v1/calendar/official/2027');
      assert.equal(del.status, 200);
      const back = await pub.get<{ dueAt: string }>(dueUrl('2027-02-04T14:00:00+07:00', 3, 'working-days'));
      assert.equal(back.body.dueAt, '2027-02-16T14:00:00+07:00');
      const d2 = await pub.get<{ days: Day[] }>('/api/v1/calendar/days?from=2027-02-11&to=2027-02-11');
      assert.equal(d2.body.days[0]?.reason, 'compensatory');
    });
  });
}

for (const backend of BACKENDS) {
  describe(`an agency’s same-day cut-off on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    before(async () => {
      // Monday 23 November 2026, 15:30: after the default 15:00 cut-off.
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-23T15:30:00+07:00' });
    });
    after(() => s?.close());

    it('re-times a same-day dossier when the ward moves its cut-off to 16:00, and records why', async () => {
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.001193');
      const components = p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
      const received = await desk.post<{ id: string; dueAt: string }>('/api/v1/dossiers', {
        procedureCode: '1.001193',
        applicant: { kind: 'citizen', fullName: 'Lê Thị Hoa', idNumber: '079190004321', phone: '0903111222' },
        components,
      });
      assert.equal(received.status, 201, JSON.stringify(received.body));
      // Birth registration is "trong ngày": after 15:00 it is due at 17:00 of the next working day
      // (24 November 2026 is Vietnam Culture Day).
      assert.equal(received.body.dueAt, '2026-11-25T17:00:00+07:00');

      const agencies = await admin.get<{ items: { id: string; code: string; officeHours: unknown }[] }>(
        '/api/v1/agencies',
      );
      const ward = agencies.body.items.find((a) => a.code === '000.01.30.H29')!;
      const bad = await admin.patch<ApiError>(`/api/v1/agencies/${ward.id}`, {
        officeHours: { ...(ward.officeHours as object), sameDayCutoff: '18:00' },
      });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body.error), /giờ chốt nhận hồ sơ/i);
      const ok = await admin.patch<{ officeHours: { sameDayCutoff?: string } }>(
        `/api/v1/agencies/${ward.id}`,
        {
          officeHours: { ...(ward.officeHours as object), sameDayCutoff: '16:00' },
        },
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.officeHours.sameDayCutoff, '16:00');

      const v = await desk.get<{ dueAt: string; events: { type: string; data: Record<string, unknown> }[] }>(
        `/api/v1/dossiers/${received.body.id}`,
      );
      assert.equal(v.body.dueAt, '2026-11-23T17:00:00+07:00');
      const retimed = v.body.events.find((e) => e.type === 'retimed');
      assert.match(String(retimed?.data.reason), /giờ chốt nhận hồ sơ giải quyết trong ngày/);
      // The calendar API answers with the ward's cut-off too.
      const due = await new Client(s.app).get<{ dueAt: string }>(
        dueUrl('2026-11-23T15:45:00+07:00', 0, 'working-days', '000.01.30.H29'),
      );
      assert.equal(due.body.dueAt, '2026-11-23T17:00:00+07:00');
    });
  });
}

for (const backend of BACKENDS) {
  describe(`a dossier's time limit from its procedure, channel and agency on ${backend}`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let s: TestServer;
    let desk: Client;
    let admin: Client;
    const ward = '000.01.30.H29';
    const applicant = {
      kind: 'citizen',
      fullName: 'Trần Văn Hạn',
      idNumber: '079190007777',
      phone: '0903777888',
    };
    const required = async (code: string) => {
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>(`/api/v1/procedures/${code}`);
      return p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    };
    before(async () => {
      // Monday 23 November 2026, 15:30: after the ward's default 15:00 cut-off.
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-23T15:30:00+07:00' });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('lets a procedure’s own same-day cut-off win over the ward’s 15:00', async () => {
      const current = await admin.get<Record<string, unknown> & { processingTime: Record<string, unknown> }>(
        '/api/v1/procedures/2.000815',
      );
      const d = await admin.post<{ id: string }>('/api/v1/decisions', {
        number: '300/QĐ-TEST',
        signedOn: '2026-11-20',
        effectiveOn: '2026-11-23',
        issuer: 'Chủ tịch UBND Thành phố Hồ Chí Minh',
        items: [
          {
            action: 'amend',
            procedureCode: '2.000815',
            content: {
              ...current.body,
              processingTime: { ...current.body.processingTime, sameDayCutoff: '16:00' },
            },
          },
        ],
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal((await admin.post(`/api/v1/decisions/${d.body.id}/publish`, {})).status, 200);
      const received = await desk.post<{ id: string; dueAt: string; legalTime: { amount: number } }>(
        '/api/v1/dossiers',
        { procedureCode: '2.000815', applicant, components: await required('2.000815') },
      );
      assert.equal(received.status, 201, JSON.stringify(received.body));
      assert.equal(
        received.body.dueAt,
        '2026-11-23T17:00:00+07:00',
        'received 15:30, before the procedure’s 16:00',
      );
      const why = await desk.get<{ summary: string }>(`/api/v1/dossiers/${received.body.id}/due-explanation`);
      assert.match(why.body.summary, /nhận đến 16:00.*riêng của thủ tục/);
      // Another same-day procedure without its own cut-off keeps the ward's rule.
      const birth = await desk.post<{ dueAt: string }>('/api/v1/dossiers', {
        procedureCode: '1.001193',
        applicant,
        components: await required('1.001193'),
      });
      assert.equal(birth.body.dueAt, '2026-11-25T17:00:00+07:00');
    });

    it('counts against the ward’s shorter committed time', async () => {
      const wardId = (
        await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies')
      ).body.items.find((a) => a.code === ward)!.id;
      const adopted = await admin.get<{ items: { procedureCode: string; committedTime: unknown }[] }>(
        `/api/v1/agencies/${wardId}/procedures`,
      );
      const items = adopted.body.items.map((i) => ({
        procedureCode: i.procedureCode,
        committedTime: i.committedTime,
      }));
      const marriage = items.find((i) => i.procedureCode === '1.004873');
      assert.ok(marriage, 'the ward implements marriage-status confirmation');
      marriage.committedTime = { amount: 2, unit: 'working-days' };
      const put = await admin.put(`/api/v1/agencies/${wardId}/procedures`, { items });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const r = await desk.post<{ dueAt: string; legalTime: { amount: number; text: string } }>(
        '/api/v1/dossiers',
        {
          procedureCode: '1.004873',
          applicant,
          components: await required('1.004873'),
        },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      // 2 working days = 16 h from Monday 15:30 (Tuesday is Culture Day): Thursday 15:30, not Friday.
      assert.equal(r.body.dueAt, '2026-11-26T15:30:00+07:00');
      assert.equal(r.body.legalTime.text, '02 ngày làm việc');
    });

    it('counts an online land dossier against the online time (25 days), not the counter’s 35', async () => {
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const sub = await citizen.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.012818',
        channel: 'online',
        agencyCode: ward,
        applicant,
        components: await required('1.012818'),
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      const accepted = await desk.post<{ dueAt: string; legalTime: { amount: number } }>(
        `/api/v1/dossiers/${sub.body.id}/commands`,
        { action: 'accept' },
      );
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.legalTime.amount, 25);
      const expected = await new Client(s.app).get<{ dueAt: string }>(
        dueUrl('2026-11-23T15:30:00+07:00', 25, 'working-days', ward),
      );
      assert.equal(accepted.body.dueAt, expected.body.dueAt);
    });
  });
}
