import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isoToDay } from '../calendar/local';
import type { DossierEvent } from '../dossier/events';
import { DEFAULT_WORKFLOW } from '../dossier/workflow';
import { classifyForPeriod, dossierDeltas, type PeriodFigure } from './classify';
import {
  addFigures,
  emptyTotals,
  figures,
  inCell,
  type Totals,
  totalsFromDeltas,
  totalsFromFigures,
} from './report';

const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const desk = { id: '00000000-0000-4000-8000-000000000001', name: 'Nguyễn Thị Lan', agencyId: AGENCY };
const specialist = { id: '00000000-0000-4000-8000-000000000003', name: 'Trần Văn Bình', agencyId: AGENCY };
const leader = { id: '00000000-0000-4000-8000-000000000002', name: 'Lê Hoàng Nam', agencyId: AGENCY };

const accepted = (
  at: string,
  dueAt: string,
  channel: 'counter' | 'online' | 'postal' = 'counter',
): DossierEvent => ({
  type: 'accepted',
  at,
  actor: desk,
  channel,
  code: 'X',
  regime: '2025',
  legalTime: { amount: 1, unit: 'working-days' },
  dueAt,
  workflow: DEFAULT_WORKFLOW,
  supplementMode: 'restart',
});
const routed = (at: string, assigneeId: string | null): DossierEvent => ({
  type: 'routed',
  at,
  actor: desk,
  step: 'tham-dinh',
  agencyId: AGENCY,
  assigneeId,
  note: null,
  back: false,
});
const resultReady = (at: string, documents: string[] = []): DossierEvent => ({
  type: 'result-ready',
  at,
  actor: leader,
  documents,
});
const period = (from: string, to: string) => [isoToDay(from), isoToDay(to)] as const;

function reportOf(events: DossierEvent[], from: string, to: string) {
  const [f, t] = period(from, to);
  return figures(addFigures(emptyTotals(), classifyForPeriod(events, f, t)));
}

describe('processing report: one dossier in a period', () => {
  // Accepted Monday 23/11/2026 09:00 with 1 working day: due Wednesday 25/11 09:00 (24/11 is Culture Day).
  const acc = accepted('2026-11-23T09:00:00+07:00', '2026-11-25T09:00:00+07:00');

  it('counts a result ready on a day before the due date as received at the counter and resolved early', () => {
    const r = reportOf(
      [acc, routed('2026-11-23T09:05:00+07:00', specialist.id), resultReady('2026-11-24T10:30:00+07:00')],
      '2026-11-01',
      '2026-12-01',
    );
    assert.equal(r.receivedCounter, 1);
    assert.equal(r.resolvedEarly, 1);
    assert.equal(r.resolved, 1);
    assert.equal(r.carriedOver, 0);
    assert.equal(r.inProgress, 0);
    assert.equal(r.finished, 1);
    assert.equal(r.averageDays, Math.round(((25.5 * 60) / 1440) * 100) / 100);
    assert.equal(r.onTimeRate, 1);
  });

  it('counts a result ready on the due date before the due hour as on time, after it as late', () => {
    const onTime = reportOf([acc, resultReady('2026-11-25T08:59:00+07:00')], '2026-11-01', '2026-12-01');
    assert.equal(onTime.resolvedOnTime, 1);
    const late = reportOf([acc, resultReady('2026-11-25T09:01:00+07:00')], '2026-11-01', '2026-12-01');
    assert.equal(late.resolvedLate, 1);
    assert.equal(late.onTimeRate, 0);
  });

  it('keeps an open dossier within time until the day its due instant passes, then overdue', () => {
    const open = [acc, routed('2026-11-23T09:05:00+07:00', specialist.id)];
    // End of 24/11: due 25/11 09:00 not passed.
    assert.equal(reportOf(open, '2026-11-23', '2026-11-25').inProgressWithinTime, 1);
    // End of 25/11: passed.
    const r = reportOf(open, '2026-11-23', '2026-11-26');
    assert.equal(r.inProgressOverdue, 1);
    assert.equal(r.inProgressWithinTime, 0);
    assert.equal(r.onTime766, 0);
  });

  it('carries an open dossier over into the next period and resolves it there', () => {
    const r = reportOf([acc, resultReady('2026-12-02T10:00:00+07:00')], '2026-12-01', '2027-01-01');
    assert.equal(r.carriedOver, 1);
    assert.equal(r.received, 0);
    assert.equal(r.resolvedLate, 1);
    assert.equal(r.toHandle, 1);
  });

  it('counts a dossier waiting for a supplement requested in time as paused in time (766: on time)', () => {
    const events: DossierEvent[] = [
      acc,
      {
        type: 'supplement-requested',
        at: '2026-11-24T10:00:00+07:00',
        actor: specialist,
        items: ['Giấy tờ'],
        reason: 'Thiếu',
        mode: 'restart',
        remainingMinutes: 240,
      },
    ];
    const r = reportOf(events, '2026-11-01', '2026-12-01');
    assert.equal(r.pausedInTime, 1);
    assert.equal(
      r.inProgressOverdue,
      0,
      'the clock is stopped: not overdue although the old due date passed',
    );
    assert.equal(r.onTime766, 1);
    assert.equal(r.supplementRequested, 1);
  });

  it('judges a dossier resumed after a supplement against its new due instant', () => {
    const events: DossierEvent[] = [
      acc,
      {
        type: 'supplement-requested',
        at: '2026-11-23T10:00:00+07:00',
        actor: specialist,
        items: ['Giấy tờ'],
        reason: 'Thiếu',
        mode: 'restart',
        remainingMinutes: 420,
      },
      {
        type: 'supplement-received',
        at: '2026-11-30T08:00:00+07:00',
        actor: desk,
        dueAt: '2026-12-01T08:00:00+07:00',
      },
      resultReady('2026-11-30T16:00:00+07:00'),
    ];
    const r = reportOf(events, '2026-11-01', '2026-12-01');
    assert.equal(r.resolvedEarly, 1);
    // 7 h processed minus nothing… : accepted 23/11 09:00 → result 30/11 16:00, waiting 23/11 10:00 → 30/11 08:00.
    assert.equal(r.finished, 1);
  });

  it('counts refusal at reception and withdrawal before acceptance without receiving the dossier', () => {
    const submitted: DossierEvent = {
      type: 'submitted',
      at: '2026-11-20T20:00:00+07:00',
      actor: null,
      channel: 'online',
      agencyId: AGENCY,
    };
    const refused = reportOf(
      [
        submitted,
        { type: 'refused', at: '2026-11-23T08:00:00+07:00', actor: desk, reason: 'Không thuộc thẩm quyền' },
      ],
      '2026-11-01',
      '2026-12-01',
    );
    assert.equal(refused.refused, 1);
    assert.equal(refused.received, 0);
    assert.equal(refused.resolved, 0);
    const withdrawn = reportOf(
      [submitted, { type: 'withdrawn', at: '2026-11-21T08:00:00+07:00', actor: null, reason: 'Nộp nhầm' }],
      '2026-11-01',
      '2026-12-01',
    );
    assert.equal(withdrawn.withdrawn, 1);
    assert.equal(withdrawn.resolved, 0);
  });

  it('counts a withdrawal after acceptance as withdrawn and resolved (an end of processing for 766)', () => {
    const r = reportOf(
      [acc, { type: 'withdrawn', at: '2026-11-23T15:00:00+07:00', actor: desk, reason: 'Công dân rút' }],
      '2026-11-01',
      '2026-12-01',
    );
    assert.equal(r.withdrawn, 1);
    assert.equal(r.resolvedEarly, 1);
  });

  it('attributes received figures to the accepting officer and the rest to the specialist handling it', () => {
    const [f, t] = period('2026-11-01', '2026-12-01');
    const figs = classifyForPeriod(
      [
        acc,
        routed('2026-11-23T09:05:00+07:00', specialist.id),
        resultReady('2026-11-24T10:30:00+07:00', ['f']),
      ],
      f,
      t,
    );
    const by = (m: PeriodFigure['metric']) => figs.find((x) => x.metric === m)?.officerId;
    assert.equal(by('received_counter'), desk.id);
    assert.equal(by('resolved_early'), specialist.id);
    assert.equal(by('finished_eresult'), specialist.id);
    assert.ok(inCell('resolvedEarly', figs));
    assert.ok(!inCell('resolvedLate', figs));
  });
});

// ─── Property: the rollup deltas add up to the direct classification for any period ─────────────

const OFFICERS = [
  specialist.id,
  '00000000-0000-4000-8000-000000000004',
  '00000000-0000-4000-8000-000000000005',
];
const BASE = new Date('2026-01-05T08:00:00+07:00').getTime();

type Op =
  | { kind: 'route'; officer: number }
  | { kind: 'claim'; officer: number }
  | { kind: 'supplement' }
  | { kind: 'financial' }
  | { kind: 'extend'; hours: number }
  | { kind: 'end'; how: 'result-ready' | 'withdrawn' | 'stopped' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('route' as const), officer: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('claim' as const), officer: fc.integer({ min: 0, max: 2 }) }),
  fc.constant({ kind: 'supplement' as const }),
  fc.constant({ kind: 'financial' as const }),
  fc.record({ kind: fc.constant('extend' as const), hours: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('end' as const),
    how: fc.constantFrom('result-ready', 'withdrawn', 'stopped') as fc.Arbitrary<
      'result-ready' | 'withdrawn' | 'stopped'
    >,
  }),
);

/** A random legal history: optional online submission, acceptance or refusal, then steps with gaps. */
const historyArb = fc
  .record({
    online: fc.boolean(),
    refuse: fc.integer({ min: 0, max: 9 }),
    startHours: fc.integer({ min: 0, max: 24 * 60 }),
    dueHours: fc.integer({ min: 0, max: 24 * 20 }),
    ops: fc.array(fc.tuple(opArb, fc.integer({ min: 0, max: 24 * 12 })), { maxLength: 8 }),
  })
  .map(({ online, refuse, startHours, dueHours, ops }) => {
    let t = BASE + startHours * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const events: DossierEvent[] = [];
    if (online) {
      events.push({ type: 'submitted', at: iso(t), actor: null, channel: 'online', agencyId: AGENCY });
      t += 5 * 3_600_000;
    }
    if (refuse === 0) {
      events.push({ type: 'refused', at: iso(t), actor: desk, reason: 'x' });
      return events;
    }
    let due = t + dueHours * 3_600_000;
    events.push(accepted(iso(t), iso(due), online ? 'online' : 'counter'));
    let paused: 'supplement' | 'financial' | null = null;
    let supplemented = false;
    for (const [op, gap] of ops) {
      t += gap * 3_600_000;
      if (paused) {
        due = t + dueHours * 3_600_000;
        events.push(
          paused === 'supplement'
            ? { type: 'supplement-received', at: iso(t), actor: desk, dueAt: iso(due) }
            : { type: 'financial-met', at: iso(t), actor: desk, dueAt: iso(due) },
        );
        paused = null;
        t += 60_000;
      }
      if (op.kind === 'route') events.push(routed(iso(t), OFFICERS[op.officer]!));
      else if (op.kind === 'claim')
        events.push({ type: 'claimed', at: iso(t), actor: desk, assigneeId: OFFICERS[op.officer]! });
      else if (op.kind === 'supplement' && !supplemented) {
        supplemented = true;
        paused = 'supplement';
        events.push({
          type: 'supplement-requested',
          at: iso(t),
          actor: desk,
          items: ['a'],
          reason: 'b',
          mode: 'restart',
          remainingMinutes: 0,
        });
      } else if (op.kind === 'financial') {
        paused = 'financial';
        events.push({
          type: 'financial-requested',
          at: iso(t),
          actor: desk,
          amountVnd: 1,
          description: 'x',
          remainingMinutes: 0,
        });
      } else if (op.kind === 'extend') {
        due += op.hours * 3_600_000;
        events.push({
          type: 'extended',
          at: iso(t),
          actor: leader,
          amount: op.hours,
          unit: 'working-hours',
          reason: 'x',
          dueAt: iso(due),
        });
      } else if (op.kind === 'end') {
        if (op.how === 'result-ready' && paused) continue;
        if (op.how === 'result-ready')
          events.push({ type: 'decided', at: iso(t), actor: leader, outcome: 'approved', comment: '' });
        events.push(
          op.how === 'result-ready'
            ? resultReady(iso(t))
            : { type: op.how, at: iso(t), actor: desk, reason: 'x' },
        );
        break;
      }
    }
    return events;
  });

const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 120 }))
  .map(([a, len]) => [isoToDay('2025-12-20') + a, isoToDay('2025-12-20') + a + len] as const);

function normalise(m: Map<string, Totals>): Record<string, Totals> {
  const zero = JSON.stringify(emptyTotals());
  return Object.fromEntries(
    [...m].filter(([, t]) => JSON.stringify(t) !== zero).sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe('processing report: rollup deltas agree with the direct classification', () => {
  it('gives the same figures per officer for any history and any period', () => {
    fc.assert(
      fc.property(historyArb, periodArb, (events, [from, to]) => {
        const direct = totalsFromFigures(classifyForPeriod(events, from, to));
        const rolled = totalsFromDeltas(dossierDeltas(events), from, to);
        assert.deepEqual(normalise(rolled), normalise(direct));
      }),
      { numRuns: 2000 },
    );
  });

  it('balances: carried over + received = resolved + in progress at the end', () => {
    fc.assert(
      fc.property(historyArb, periodArb, (events, [from, to]) => {
        const r = figures(addFigures(emptyTotals(), classifyForPeriod(events, from, to)));
        assert.equal(r.carriedOver + r.received, r.resolved + r.inProgress);
      }),
      { numRuns: 1000 },
    );
  });

  it('adds up over consecutive periods: the end of one is the carry-over of the next', () => {
    fc.assert(
      fc.property(historyArb, periodArb, fc.integer({ min: 1, max: 60 }), (events, [from, to], len) => {
        const a = figures(addFigures(emptyTotals(), classifyForPeriod(events, from, to)));
        const b = figures(addFigures(emptyTotals(), classifyForPeriod(events, to, to + len)));
        assert.equal(a.inProgress, b.carriedOver);
      }),
      { numRuns: 500 },
    );
  });
});
