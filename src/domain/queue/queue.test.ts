import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  announcement,
  callQueue,
  canServe,
  normalizeBookingCode,
  openCountersFor,
  peopleAhead,
  pickNext,
  queueStats,
  rankOf,
  SLOT_MINUTES,
  slotsForDay,
  type TicketFacts,
  ticketLabel,
  type WaitingTicket,
} from './queue';

const T0 = Date.parse('2026-11-23T08:00:00+07:00');
const min = (m: number) => T0 + m * 60_000;

function ticket(n: number, over: Partial<WaitingTicket> = {}): WaitingTicket {
  return {
    id: `t${n}`,
    number: n,
    fieldCode: 'HT',
    priority: false,
    kind: 'walk_in',
    status: 'waiting',
    counterId: null,
    appointmentAt: null,
    issuedAt: min(n),
    transferredAt: null,
    ...over,
  };
}

const arbTicket = fc
  .record({
    number: fc.integer({ min: 1, max: 500 }),
    field: fc.constantFrom('HT', 'CT', 'DD'),
    priority: fc.boolean(),
    booked: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
    transferredTo: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { freq: 5, nil: null }),
  })
  .map((r) =>
    ticket(r.number, {
      fieldCode: r.field,
      priority: r.priority,
      kind: r.booked === null ? 'walk_in' : 'booked',
      appointmentAt: r.booked === null ? null : min(r.booked),
      status: r.transferredTo ? 'transferred' : 'waiting',
      counterId: r.transferredTo,
      transferredAt: r.transferredTo ? min(r.number + 10) : null,
    }),
  );
const arbTickets = fc.uniqueArray(arbTicket, { selector: (t) => t.number, maxLength: 40 });
const arbCounter = fc.record({
  id: fc.constantFrom('c1', 'c2', 'c3'),
  fieldCodes: fc.subarray(['HT', 'CT', 'DD']),
});

describe('which ticket a counter calls next', () => {
  it('calls a priority ticket before earlier ordinary ones of its fields', () => {
    const waiting = [ticket(1), ticket(2), ticket(3, { priority: true })];
    assert.equal(pickNext({ id: 'c1', fieldCodes: ['HT'] }, waiting, min(10))?.number, 3);
  });

  it('serves only its own fields, and every field when it lists none', () => {
    const waiting = [ticket(1, { fieldCode: 'DD', priority: true }), ticket(2, { fieldCode: 'HT' })];
    assert.equal(pickNext({ id: 'c1', fieldCodes: ['HT'] }, waiting, min(10))?.number, 2);
    assert.equal(pickNext({ id: 'c1', fieldCodes: ['CT'] }, waiting, min(10)), null);
    assert.equal(pickNext({ id: 'c1', fieldCodes: [] }, waiting, min(10))?.number, 1);
  });

  it('calls a booked ticket at its appointment time ahead of walk-ins, not before', () => {
    const waiting = [ticket(1), ticket(2), ticket(3, { kind: 'booked', appointmentAt: min(30) })];
    const c = { id: 'c1', fieldCodes: [] };
    assert.equal(pickNext(c, waiting, min(20))?.number, 1);
    assert.equal(pickNext(c, waiting, min(30))?.number, 3);
  });

  it('gives a transferred ticket to its target counter only, before anyone else there', () => {
    const waiting = [
      ticket(1, { priority: true }),
      ticket(2, { status: 'transferred', counterId: 'c2', transferredAt: min(5) }),
    ];
    assert.equal(pickNext({ id: 'c1', fieldCodes: [] }, waiting, min(10))?.number, 1);
    assert.equal(pickNext({ id: 'c2', fieldCodes: ['CT'] }, waiting, min(10))?.number, 2);
  });

  it('never picks a ticket the counter may not serve, and finds one whenever one exists', () => {
    fc.assert(
      fc.property(arbCounter, arbTickets, fc.integer({ min: 0, max: 300 }), (c, ts, at) => {
        const next = pickNext(c, ts, min(at));
        if (next === null) assert.ok(ts.every((t) => !canServe(c, t)));
        else assert.ok(canServe(c, next));
      }),
    );
  });

  it('orders by rank, then first come first served among ordinary tickets', () => {
    fc.assert(
      fc.property(arbCounter, arbTickets, fc.integer({ min: 0, max: 300 }), (c, ts, at) => {
        const q = callQueue(c, ts, min(at));
        for (let i = 1; i < q.length; i++) {
          const a = q[i - 1]!;
          const b = q[i]!;
          assert.ok(rankOf(a, min(at)) <= rankOf(b, min(at)));
          if (
            rankOf(a, min(at)) === rankOf(b, min(at)) &&
            rankOf(a, min(at)) !== 2 &&
            rankOf(a, min(at)) !== 0
          )
            assert.ok(a.number < b.number);
          if (!a.priority && b.priority && a.status === 'waiting' && b.status === 'waiting')
            assert.fail('an ordinary ticket came before a priority one');
        }
      }),
    );
  });

  it('serves every ticket exactly once when counters keep calling until the queue is empty', () => {
    fc.assert(
      fc.property(
        arbTickets,
        fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 200 }),
        (ts, turns) => {
          const counters = [
            { id: 'c1', fieldCodes: [] },
            { id: 'c2', fieldCodes: ['HT'] },
            { id: 'c3', fieldCodes: ['CT', 'DD'] },
          ];
          let waiting = [...ts];
          const served: string[] = [];
          for (const i of [...turns, ...ts.map(() => 0), ...ts.map(() => 1), ...ts.map(() => 2)]) {
            const next = pickNext(counters[i]!, waiting, min(100));
            if (!next) continue;
            served.push(next.id);
            waiting = waiting.filter((t) => t.id !== next.id);
          }
          assert.equal(new Set(served).size, served.length, 'a ticket was served twice');
          assert.equal(served.length, ts.length, 'a ticket was never served');
        },
      ),
    );
  });

  it('counts the people ahead in the same field, priority ones included', () => {
    const waiting = [ticket(1), ticket(2, { fieldCode: 'CT' }), ticket(3), ticket(4, { priority: true })];
    assert.equal(peopleAhead(waiting[0]!, waiting, min(10)), 1);
    assert.equal(peopleAhead(waiting[2]!, waiting, min(10)), 2);
    assert.equal(peopleAhead(waiting[3]!, waiting, min(10)), 0);
    assert.equal(peopleAhead(waiting[1]!, waiting, min(10)), 0);
  });
});

describe('ticket numbers and announcements', () => {
  it('prints at least three digits and speaks the plain number', () => {
    assert.equal(ticketLabel(7), '007');
    assert.equal(ticketLabel(105), '105');
    assert.equal(ticketLabel(1234), '1234');
    assert.equal(announcement(105, 2), 'Mời số 105 đến quầy số 2');
    assert.throws(() => ticketLabel(0), RangeError);
  });

  it('gives distinct labels to distinct numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        assert.equal(ticketLabel(a) === ticketLabel(b), a === b);
      }),
    );
  });

  it('reads a booking code typed in lower case, with spaces or without its prefix', () => {
    assert.equal(normalizeBookingCode(' lh-7k3p 9qxm '), 'LH-7K3P9QXM');
    assert.equal(normalizeBookingCode('7K3P9QXM'), 'LH-7K3P9QXM');
    assert.equal(normalizeBookingCode('LH-0000'), null);
    assert.equal(normalizeBookingCode('LH-7K3P9QXO'), null);
  });
});

describe('appointment slots', () => {
  const hours = [
    { start: 450, end: 690 },
    { start: 780, end: 1020 },
  ];
  const counter = (over: Partial<Parameters<typeof slotsForDay>[0]['counters'][number]> = {}) => ({
    fieldCodes: [] as string[],
    appointmentCapacity: 2,
    sessions: null,
    active: true,
    ...over,
  });

  it('offers none on a day off', () => {
    assert.deepEqual(
      slotsForDay({ working: false, fieldCode: 'HT', agencySessions: hours, counters: [counter()] }),
      [],
    );
  });

  it('cuts the office hours into whole slots and sums the capacity of the counters serving the field', () => {
    const slots = slotsForDay({
      working: true,
      fieldCode: 'HT',
      agencySessions: hours,
      counters: [
        counter(),
        counter({ fieldCodes: ['HT'], appointmentCapacity: 1, sessions: [{ start: 480, end: 600 }] }),
        counter({ fieldCodes: ['DD'], appointmentCapacity: 5 }),
        counter({ active: false, appointmentCapacity: 9 }),
        counter({ appointmentCapacity: 0 }),
      ],
    });
    assert.equal(slots[0]?.start, 450);
    assert.equal(slots[0]?.capacity, 2);
    assert.equal(slots.find((s) => s.start === 480)?.capacity, 3);
    assert.equal(slots.find((s) => s.start === 630)?.capacity, 2); // 10:30–11:00
    assert.equal(slots.find((s) => s.start === 660)?.capacity, 2); // 11:00–11:30 fits
    assert.equal(slots.length, 8 + 8);
  });

  it('keeps every slot inside some counter hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 360, max: 720 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        (start, len, cap) => {
          const s = [{ start, end: start + len }];
          const slots = slotsForDay({
            working: true,
            fieldCode: 'HT',
            agencySessions: s,
            counters: [counter({ appointmentCapacity: cap })],
          });
          assert.equal(slots.length, Math.floor(len / SLOT_MINUTES));
          for (const x of slots) assert.ok(x.start >= start && x.end <= start + len && x.capacity === cap);
        },
      ),
    );
  });
});

describe('queue statistics', () => {
  const facts = (over: Partial<TicketFacts>): TicketFacts => ({
    day: '2026-11-23',
    fieldCode: 'HT',
    counterId: 'c1',
    status: 'done',
    priority: false,
    kind: 'walk_in',
    issuedAt: min(0),
    calledAt: min(10),
    servingAt: min(11),
    endedAt: min(21),
    ...over,
  });

  it('measures waiting until the first call and service from its start to its end', () => {
    const s = queueStats([
      facts({}),
      facts({ calledAt: min(20), servingAt: null, endedAt: min(25) }),
      facts({ status: 'no_show', calledAt: min(30), servingAt: null, endedAt: min(31), fieldCode: 'CT' }),
      facts({ status: 'waiting', calledAt: null, servingAt: null, endedAt: null, counterId: null }),
    ]);
    assert.equal(s.total.tickets, 4);
    assert.equal(s.total.served, 2);
    assert.equal(s.total.noShows, 1);
    assert.equal(s.total.waiting, 1);
    assert.equal(s.total.avgWaitMinutes, 20);
    assert.equal(s.total.maxWaitMinutes, 30);
    assert.equal(s.total.avgServiceMinutes, 7.5);
    assert.deepEqual(
      s.byField.map((f) => [f.fieldCode, f.tickets]),
      [
        ['CT', 1],
        ['HT', 3],
      ],
    );
    assert.equal(s.byCounter[0]?.tickets, 3);
    assert.equal(s.byHour[0]?.hour, 8);
  });

  it('splits the same tickets into groups that add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            field: fc.constantFrom('HT', 'CT'),
            status: fc.constantFrom('waiting', 'done', 'no_show', 'called') as fc.Arbitrary<
              TicketFacts['status']
            >,
            at: fc.integer({ min: 0, max: 600 }),
          }),
          { maxLength: 50 },
        ),
        (rows) => {
          const ts = rows.map((r) =>
            facts({
              fieldCode: r.field,
              status: r.status,
              issuedAt: min(r.at),
              calledAt: min(r.at + 5),
              endedAt: min(r.at + 9),
              servingAt: null,
            }),
          );
          const s = queueStats(ts);
          for (const groups of [s.byField, s.byHour, s.byDay]) {
            assert.equal(
              groups.reduce((a, g) => a + g.tickets, 0),
              s.total.tickets,
            );
            assert.equal(
              groups.reduce((a, g) => a + g.noShows, 0),
              s.total.noShows,
            );
          }
        },
      ),
    );
  });
});

describe('counters open for a field', () => {
  it('counts only open counters serving the field, a counter listing no field serving every field', () => {
    const counters = [
      { state: 'closed' as const, fieldCodes: [] },
      { state: 'open' as const, fieldCodes: ['HT', 'CT'] },
      { state: 'open' as const, fieldCodes: ['DD'] },
    ];
    assert.equal(openCountersFor(counters, 'HT'), 1);
    assert.equal(openCountersFor(counters, 'CUTRU'), 0);
    assert.equal(openCountersFor([...counters, { state: 'open', fieldCodes: [] }], 'CUTRU'), 1);
  });
});
