import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const SAIGON = '000.01.30.H29';

interface Ticket {
  id: string;
  number: number;
  label: string;
  fieldCode: string;
  priority: boolean;
  kind: string;
  status: string;
  ahead: number | null;
  counter: { id: string; number: number } | null;
  dossierCode: string | null;
  appointmentAt: string | null;
}
interface Counter {
  id: string;
  number: number;
  state: string;
  fieldCodes: string[];
  officer: { fullName: string } | null;
  current: Ticket | null;
  waiting: number;
}
interface Board {
  lastEventId: number;
  counters: { number: number; serving: { label: string } | null }[];
  lastCalls: { text: string; label: string; counterNumber: number }[];
  fields: { code: string; waiting: number }[];
}

/** Reads Server-Sent Events from a listening server until `count` `state` events arrived. */
function readStates(url: string, count: number, onFirst?: () => void): Promise<Board[]> {
  return new Promise((resolve, reject) => {
    const states: Board[] = [];
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: state') && data) {
            states.push(JSON.parse(data.slice(6)));
            if (states.length === 1) onFirst?.();
            if (states.length === count) {
              req.destroy();
              resolve(states);
            }
          }
          i = buf.indexOf('\n\n');
        }
      });
    });
    req.on('error', (e) => {
      if (states.length < count) reject(e);
    });
    req.end();
  });
}

for (const backend of BACKENDS) {
  describe(`queue turns at the desk on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let admin: Client;
    let kiosk: Client;
    let a: Client; // tiepnhan (Phường Sài Gòn)
    let b: Client; // a second reception officer of Phường Sài Gòn
    let counters: Counter[];
    let saigonId: string;
    const clock = () => s.clock as ManualClock;
    const issue = (fieldCode: string, priority = false) =>
      kiosk.post<Ticket>(`/api/v1/queue/agencies/${SAIGON}/tickets`, { fieldCode, priority });

    before(async () => {
      // Monday 23 November 2026, 08:00; Tuesday 24 November is a day off (Vietnam Culture Day).
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-23T08:00:00+07:00' });
      admin = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      kiosk = new Client(s.app);
      a = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const agencies = await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
      saigonId = agencies.body.items.find((x) => x.code === SAIGON)!.id;
      const u = await admin.post('/api/v1/users', {
        username: 'tiepnhan2',
        fullName: 'Lê Văn Quầy Hai',
        password: DEMO_PASSWORD,
        roles: ['reception'],
        agencyId: saigonId,
      });
      assert.equal(u.status, 201, JSON.stringify(u.body));
      b = await new Client(s.app).login('tiepnhan2', DEMO_PASSWORD);
      counters = (await a.get<{ items: Counter[] }>('/api/v1/queue/counters')).body.items;
    });
    after(() => s?.close());

    it('seeds two counters at Phường Sài Gòn, closed until an officer opens them', () => {
      assert.deepEqual(
        counters.map((c) => [c.number, c.state, c.fieldCodes]),
        [
          [1, 'closed', ['HT', 'CT']],
          [2, 'closed', []],
        ],
      );
    });

    it('lets administrators manage counters with checked input, and nobody else', async () => {
      const bad = await admin.post<ApiError>('/api/v1/queue/counters', {
        agencyId: saigonId,
        number: 0,
        name: '',
        fieldCodes: ['HT'],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'VALIDATION_ERROR');
      const dup = await admin.post<ApiError>('/api/v1/queue/counters', {
        agencyId: saigonId,
        number: 2,
        name: 'Trùng',
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'COUNTER_NUMBER_TAKEN');
      const unknown = await admin.post<ApiError>('/api/v1/queue/counters', {
        agencyId: saigonId,
        number: 3,
        name: 'Quầy 3',
        fieldCodes: ['KHONGCO'],
      });
      assert.equal(unknown.body.error.code, 'UNKNOWN_FIELD');
      const byOfficer = await a.post<ApiError>('/api/v1/queue/counters', {
        agencyId: saigonId,
        number: 3,
        name: 'Quầy 3',
      });
      assert.equal(byOfficer.status, 403);
      const c = await admin.post<Counter>('/api/v1/queue/counters', {
        agencyId: saigonId,
        number: 3,
        name: 'Quầy đất đai',
        fieldCodes: ['DD'],
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const off = await admin.patch<Counter & { active: boolean }>(`/api/v1/queue/counters/${c.body.id}`, {
        active: false,
      });
      assert.equal(off.body.active, false);
    });

    it('numbers tickets once per agency per day, never twice, even when kiosks press at the same instant', async () => {
      const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => issue(i % 2 ? 'HT' : 'CT')));
      for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
      const numbers = rs.map((r) => r.body.number).sort((x, y) => x - y);
      assert.deepEqual(
        numbers,
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      assert.equal(rs.find((r) => r.body.number === 7)?.body.label, '007');
      const wrong = await issue('KHONGCO');
      assert.equal(wrong.status, 409);
      assert.equal((wrong.body as unknown as ApiError).error.code, 'FIELD_NOT_SERVED');
      const bad = await kiosk.post<ApiError>(`/api/v1/queue/agencies/${SAIGON}/tickets`, {
        fieldCode: 'HT',
        extra: 1,
      });
      assert.equal(bad.status, 400);
    });

    it('lets only the reception officers of the agency open a counter, one each', async () => {
      const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const r = await other.post<ApiError>(`/api/v1/queue/counters/${counters[0]!.id}/open`);
      assert.equal(r.status, 403);
      const calledClosed = await a.post<ApiError>(`/api/v1/queue/counters/${counters[0]!.id}/call-next`);
      assert.equal(calledClosed.body.error.code, 'NOT_ON_DUTY');
      assert.equal(
        (await a.post<Counter>(`/api/v1/queue/counters/${counters[0]!.id}/open`)).body.state,
        'open',
      );
      const taken = await b.post<ApiError>(`/api/v1/queue/counters/${counters[0]!.id}/open`);
      assert.equal(taken.body.error.code, 'COUNTER_TAKEN');
      const second = await a.post<ApiError>(`/api/v1/queue/counters/${counters[1]!.id}/open`);
      assert.equal(second.body.error.code, 'ALREADY_AT_COUNTER');
      const opened = await b.post<Counter>(`/api/v1/queue/counters/${counters[1]!.id}/open`);
      assert.equal(opened.body.officer?.fullName, 'Lê Văn Quầy Hai');
    });

    it('never gives the same ticket to two counters calling at the same time, and serves each ticket once', async () => {
      const seen: string[] = [];
      for (;;) {
        const [x, y] = await Promise.all([
          a.post<{ ticket: Ticket | null }>(`/api/v1/queue/counters/${counters[0]!.id}/call-next`),
          b.post<{ ticket: Ticket | null }>(`/api/v1/queue/counters/${counters[1]!.id}/call-next`),
        ]);
        assert.equal(x.status, 200, JSON.stringify(x.body));
        assert.equal(y.status, 200, JSON.stringify(y.body));
        if (x.body.ticket && y.body.ticket) assert.notEqual(x.body.ticket.id, y.body.ticket.id);
        for (const t of [x.body.ticket, y.body.ticket]) if (t) seen.push(t.id);
        if (!x.body.ticket && !y.body.ticket) break;
      }
      assert.equal(seen.length, 12);
      assert.equal(new Set(seen).size, 12, 'a ticket was called twice');
    });

    it('calls a priority ticket first, then in order; recalls, skips the absent and transfers', async () => {
      const t1 = (await issue('HT')).body;
      const t2 = (await issue('HT')).body;
      const p = (await issue('HT', true)).body;
      assert.equal(p.ahead, 0);
      const t2now = (await kiosk.get<Ticket>(`/api/v1/queue/tickets/${t2.id}`)).body;
      assert.equal(t2now.ahead, 2); // the priority ticket and t1
      const first = await a.post<{ ticket: Ticket }>(`/api/v1/queue/counters/${counters[0]!.id}/call-next`);
      assert.equal(first.body.ticket.id, p.id);
      assert.equal(first.body.ticket.counter?.number, 1);
      const re = await a.post<Ticket>(`/api/v1/queue/tickets/${p.id}/recall`);
      assert.equal(re.status, 200);
      const notMine = await b.post<ApiError>(`/api/v1/queue/tickets/${p.id}/skip`);
      assert.equal(notMine.body.error.code, 'NOT_ON_DUTY');
      const skipped = await a.post<Ticket>(`/api/v1/queue/tickets/${p.id}/skip`);
      assert.equal(skipped.body.status, 'no_show');
      const second = await a.post<{ ticket: Ticket }>(`/api/v1/queue/counters/${counters[0]!.id}/call-next`);
      assert.equal(second.body.ticket.id, t1.id);
      const moved = await a.post<Ticket>(`/api/v1/queue/tickets/${t1.id}/transfer`, {
        counterId: counters[1]!.id,
      });
      assert.equal(moved.body.status, 'transferred');
      // Counter 2 takes the transfer before t2, which waited longer in the hall.
      const atTwo = await b.post<{ ticket: Ticket }>(`/api/v1/queue/counters/${counters[1]!.id}/call-next`);
      assert.equal(atTwo.body.ticket.id, t1.id);
      const board = await kiosk.get<Board>(`/api/v1/queue/agencies/${SAIGON}/board`);
      assert.deepEqual(
        board.body.counters.map((c) => [c.number, c.serving?.label ?? null]),
        [
          [1, null],
          [2, t1.label],
        ],
      );
      assert.equal(board.body.lastCalls[0]?.text, `Mời số ${t1.number} đến quầy số 2`);
      assert.equal(board.body.fields.find((f) => f.code === 'HT')?.waiting, 1);
    });

    it('records the dossier received from a ticket, with its code', async () => {
      const cur = (await b.get<{ counter: Counter }>('/api/v1/queue/my-counter')).body.counter;
      const ticket = cur.current!;
      const proc = await b.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.004194');
      const d = await b.post<{ id: string; code: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant: {
          kind: 'citizen',
          fullName: 'Đặng Thị Mai',
          phone: '0912345678',
          address: 'Phường Sài Gòn',
        },
        components: proc.body.components
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const linked = await b.post<Ticket>(`/api/v1/queue/tickets/${ticket.id}/dossier`, {
        dossierId: d.body.id,
      });
      assert.equal(linked.status, 200, JSON.stringify(linked.body));
      assert.equal(linked.body.dossierCode, d.body.code);
      assert.equal(linked.body.status, 'serving');
      const busy = await b.post<ApiError>(`/api/v1/queue/counters/${counters[1]!.id}/close`);
      assert.equal(busy.body.error.code, 'COUNTER_BUSY');
      await b.post(`/api/v1/queue/tickets/${ticket.id}/done`);
      assert.equal(
        (await b.post<Counter>(`/api/v1/queue/counters/${counters[1]!.id}/close`)).body.state,
        'closed',
      );
    });

    it('pushes the board state over Server-Sent Events: all of it on connecting, again after each change', async () => {
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = s.app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const states = await readStates(
        `http://127.0.0.1:${port}/api/v1/queue/agencies/${SAIGON}/stream`,
        2,
        () => {
          void a.post(`/api/v1/queue/counters/${counters[0]!.id}/call-next`);
        },
      );
      assert.ok(states[1]!.lastEventId > states[0]!.lastEventId);
      assert.equal(states[1]!.lastCalls[0]?.counterNumber, 1);
    });

    it('offers appointment slots from the counters hours and capacity, none on a day off, never overbooked', async () => {
      const slots = await kiosk.get<{
        days: { day: string; working: boolean; slots: { start: string; capacity: number; left: number }[] }[];
      }>(`/api/v1/queue/agencies/${SAIGON}/slots?field=HT&days=3`);
      assert.equal(slots.status, 200, JSON.stringify(slots.body));
      const [mon, tue, wed] = slots.body.days;
      assert.equal(tue?.day, '2026-11-24');
      assert.equal(tue?.working, false);
      assert.deepEqual(tue?.slots, []);
      assert.ok(
        mon!.slots.every((x) => x.start > '2026-11-23T08:00'),
        'past slots are not offered today',
      );
      const slot = wed!.slots.find((x) => x.start === '2026-11-25T08:00:00+07:00')!;
      assert.equal(slot.capacity, 3); // counter 1 takes 2, counter 2 takes 1
      const tries = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          new Client(s.app).post<{ code: string } & ApiError>(`/api/v1/queue/agencies/${SAIGON}/bookings`, {
            fieldCode: 'HT',
            slotStart: slot.start,
            name: `Người hẹn ${i + 1}`,
            phone: `091234567${i}`,
          }),
        ),
      );
      assert.equal(tries.filter((r) => r.status === 201).length, 3);
      assert.ok(tries.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SLOT_FULL'));
      const holiday = await kiosk.post<ApiError>(`/api/v1/queue/agencies/${SAIGON}/bookings`, {
        fieldCode: 'HT',
        slotStart: '2026-11-24T08:00:00+07:00',
        name: 'Người hẹn',
        phone: '0912345678',
      });
      assert.equal(holiday.body.error.code, 'DAY_OFF');
      const booking = tries.find((r) => r.status === 201)!.body;
      // Whoever holds the code (guessed or overheard) sees the appointment, the name and phone masked.
      const held = await new Client(s.app).get<{ name: string; phone: string }>(
        `/api/v1/queue/bookings/${booking.code}`,
      );
      assert.equal(held.status, 200);
      assert.match(held.body.name, /^N\*+ h\*+ \d\*+$/);
      assert.match(held.body.phone, /^0912•••67\d$/);
      const early = await kiosk.post<ApiError>(`/api/v1/queue/agencies/${SAIGON}/check-in`, {
        bookingCode: booking.code,
      });
      assert.equal(early.body.error.code, 'BOOKING_NOT_TODAY');

      // Wednesday 07:50: the booked citizen scans the QR at the kiosk.
      clock().set(new Date('2026-11-25T07:50:00+07:00'));
      const walkIn = (await issue('HT')).body;
      assert.equal(walkIn.number, 1, 'numbering starts again each day');
      const t = await kiosk.post<Ticket>(`/api/v1/queue/agencies/${SAIGON}/check-in`, {
        bookingCode: booking.code.toLowerCase(),
      });
      assert.equal(t.status, 201, JSON.stringify(t.body));
      assert.equal(t.body.kind, 'booked');
      assert.equal(t.body.appointmentAt, '2026-11-25T08:00:00+07:00');
      const again = await kiosk.post<ApiError>(`/api/v1/queue/agencies/${SAIGON}/check-in`, {
        bookingCode: booking.code,
      });
      assert.equal(again.body.error.code, 'BOOKING_USED');
      // At 08:00 the appointment is called before the earlier walk-in.
      clock().set(new Date('2026-11-25T08:00:00+07:00'));
      a = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD); // the session of Monday has expired
      const called = await a.post<{ ticket: Ticket }>(`/api/v1/queue/counters/${counters[0]!.id}/call-next`);
      assert.equal(called.body.ticket.id, t.body.id);
    });

    it('reports waiting and service times, tickets per day and no-shows', async () => {
      const st = await a.get<{
        total: { tickets: number; noShows: number; served: number };
        byField: { fieldCode: string; tickets: number }[];
        byDay: { day: string; tickets: number }[];
        byCounter: { counterNumber: number }[];
      }>('/api/v1/queue/stats?from=2026-11-23&to=2026-11-25');
      assert.equal(st.status, 200, JSON.stringify(st.body));
      assert.equal(st.body.total.noShows, 1);
      assert.deepEqual(
        st.body.byDay.map((d) => [d.day, d.tickets]),
        [
          ['2026-11-23', 15],
          ['2026-11-25', 2],
        ],
      );
      assert.ok(st.body.byCounter.some((c) => c.counterNumber === 2));
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      assert.equal((await citizen.get('/api/v1/queue/stats')).status, 403);
      const bad = await a.get<ApiError>('/api/v1/queue/stats?from=2026-11-25&to=2026-11-23');
      assert.equal(bad.body.error.code, 'RANGE_INVALID');
    });
  });
}
