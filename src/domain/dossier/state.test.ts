import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as calendarModule from '../calendar';
import type { DossierEvent } from './events';
import { apply, canApply, INITIAL_STATE, recomputeDue, replay } from './state';
import { DEFAULT_WORKFLOW } from './workflow';

const officer = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Nguyễn Thị Lan',
  agencyId: '00000000-0000-4000-8000-0000000000a1',
};
const leader = {
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Lê Hoàng Nam',
  agencyId: officer.agencyId,
};

const accepted: Extract<DossierEvent, { type: 'accepted' }> = {
  type: 'accepted',
  at: '2026-11-23T09:00:00+07:00',
  actor: officer,
  channel: 'counter',
  code: '000.01.30.H29-261123-0001',
  regime: '2025',
  legalTime: { amount: 1, unit: 'working-days' },
  dueAt: '2026-11-25T09:00:00+07:00',
  workflow: DEFAULT_WORKFLOW,
  supplementMode: 'restart',
};
const routed = (step: string, at: string): DossierEvent => ({
  type: 'routed',
  at,
  actor: officer,
  step,
  agencyId: officer.agencyId,
  assigneeId: null,
  note: null,
  back: false,
});

describe('dossier lifecycle', () => {
  it('derives each DVCQG status from the events of a counter dossier, accepted to returned', () => {
    const history: DossierEvent[] = [
      accepted,
      routed('specialist', '2026-11-23T09:05:00+07:00'),
      { type: 'decided', at: '2026-11-24T10:00:00+07:00', actor: leader, outcome: 'approved', comment: '' },
      { type: 'result-ready', at: '2026-11-24T10:30:00+07:00', actor: leader, documents: [] },
      {
        type: 'returned',
        at: '2026-11-25T08:00:00+07:00',
        actor: officer,
        method: 'counter',
        receiver: 'Đặng Thị Mai',
        receiverIdNumber: null,
        earlyNotice: null,
        postal: null,
      },
    ];
    const statuses: number[] = [];
    let s = INITIAL_STATE;
    for (const e of history) {
      s = apply(s, e);
      statuses.push(s.status);
    }
    assert.deepEqual(statuses, [2, 4, 4, 9, 10]);
    assert.equal(s.code, '000.01.30.H29-261123-0001');
    assert.equal(s.endedAt, '2026-11-24T10:30:00+07:00');
    assert.deepEqual(replay(history), s);
  });

  it('pauses the clock while waiting for supplements and takes the new due instant on resume', () => {
    const s = replay([
      accepted,
      {
        type: 'supplement-requested',
        at: '2026-11-23T10:00:00+07:00',
        actor: officer,
        items: ['Giấy chứng sinh'],
        reason: 'Thiếu giấy chứng sinh',
        mode: 'restart',
        remainingMinutes: 420,
      },
    ]);
    assert.equal(s.status, 5);
    assert.deepEqual(s.pauses, [{ kind: 'supplement', from: '2026-11-23T10:00:00+07:00', to: null }]);
    const resumed = apply(s, {
      type: 'supplement-received',
      at: '2026-11-26T08:00:00+07:00',
      actor: officer,
      dueAt: '2026-11-27T08:00:00+07:00',
    });
    assert.equal(resumed.status, 2);
    assert.equal(resumed.dueAt, '2026-11-27T08:00:00+07:00');
    assert.equal(resumed.pauses[0]?.to, '2026-11-26T08:00:00+07:00');
  });

  it('keeps the legal due instant after an apology and allows only one', () => {
    const s = replay([
      accepted,
      {
        type: 'apologized',
        at: '2026-11-24T09:00:00+07:00',
        actor: leader,
        reason: 'Cần xác minh',
        newAppointmentAt: '2026-11-27T09:00:00+07:00',
        timely: true,
      },
    ]);
    assert.equal(s.dueAt, '2026-11-25T09:00:00+07:00');
    assert.equal(s.appointmentAt, '2026-11-27T09:00:00+07:00');
    const again = canApply(s, {
      type: 'apologized',
      at: '2026-11-26T09:00:00+07:00',
      actor: leader,
      reason: 'x',
      newAppointmentAt: '2026-11-30T09:00:00+07:00',
      timely: true,
    });
    assert.equal(again?.code, 'APOLOGY_ALREADY_ISSUED');
  });

  it('refuses illegal transitions with a stable code and a Vietnamese message', () => {
    const s = replay([accepted]);
    const r = canApply(s, {
      type: 'returned',
      at: '2026-11-23T10:00:00+07:00',
      actor: officer,
      method: 'counter',
      receiver: null,
      receiverIdNumber: null,
      earlyNotice: null,
      postal: null,
    });
    assert.equal(r?.code, 'INVALID_TRANSITION');
    assert.match(r?.message ?? '', /Được tiếp nhận/);
    assert.equal(
      canApply(s, { type: 'result-ready', at: '2026-11-23T10:00:00+07:00', actor: officer, documents: [] })
        ?.code,
      'DECISION_REQUIRED',
    );
    assert.throws(() => replay([accepted, accepted]), /not allowed/);
  });

  it('ends processing on withdrawal and closes an open pause', () => {
    const s = replay([
      {
        type: 'submitted',
        at: '2026-11-22T20:00:00+07:00',
        actor: null,
        channel: 'online',
        agencyId: officer.agencyId,
      },
      { ...accepted, channel: 'online' },
      {
        type: 'financial-requested',
        at: '2026-11-23T10:00:00+07:00',
        actor: officer,
        amountVnd: 50000,
        description: 'Lệ phí',
        remainingMinutes: 400,
      },
      { type: 'withdrawn', at: '2026-11-23T11:00:00+07:00', actor: null, reason: 'Không có nhu cầu' },
    ]);
    assert.equal(s.status, 7);
    assert.equal(s.endedAt, '2026-11-23T11:00:00+07:00');
    assert.equal(s.pauses[0]?.to, '2026-11-23T11:00:00+07:00');
  });
});

describe('re-timing under a changed calendar', () => {
  const { HolidayCalendar, WorkingCalendar, extendedDue } = calendarModule;
  const events: DossierEvent[] = [
    accepted, // Monday 23/11 09:00, 1 working day → Wednesday 25/11 09:00 (Tuesday is a holiday)
    {
      type: 'supplement-requested',
      at: '2026-11-23T10:00:00+07:00',
      actor: officer,
      items: ['Giấy tờ'],
      reason: 'Thiếu',
      mode: 'restart',
      remainingMinutes: 420,
    },
    {
      type: 'supplement-received',
      at: '2026-11-26T08:00:00+07:00',
      actor: officer,
      dueAt: '2026-11-27T08:00:00+07:00',
    },
    {
      type: 'extended',
      at: '2026-11-26T09:00:00+07:00',
      actor: leader,
      amount: 1,
      unit: 'working-days',
      reason: 'Luật cho phép',
      dueAt: '2026-11-30T08:00:00+07:00',
    },
  ];
  it('replays restart and extension on the current calendar', () => {
    const cal = new WorkingCalendar(new HolidayCalendar());
    const due = recomputeDue(events, cal, (d, x) => extendedDue(cal, d, x));
    assert.equal(due?.toISOString(), '2026-11-30T01:00:00.000Z'); // Monday 30/11 08:00
  });
  it('moves the due instant when an official schedule adds a day off inside the clock', () => {
    const cal = new WorkingCalendar(
      new HolidayCalendar({
        schedules: [{ year: 2026, decision: 'Thử nghiệm', daysOff: ['2026-11-27'], workingDays: [] }],
      }),
    );
    const due = recomputeDue(events, cal, (d, x) => extendedDue(cal, d, x));
    assert.equal(due?.toISOString(), '2026-12-01T01:00:00.000Z'); // Friday off: Tuesday 01/12 08:00
  });
});
