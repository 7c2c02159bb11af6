import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HolidayCalendar, localDayOf, WorkingCalendar } from '../calendar';
import { controlSlip, stepDeadlines } from './control-slip';
import type { DossierEvent } from './events';
import { DEFAULT_WORKFLOW } from './workflow';

const cal = new WorkingCalendar(new HolidayCalendar());
const desk = { id: '00000000-0000-4000-8000-000000000001', name: 'Nguyễn Thị Lan', agencyId: null };
const specialist = { id: '00000000-0000-4000-8000-000000000002', name: 'Trần Văn Minh', agencyId: null };
const leader = { id: '00000000-0000-4000-8000-000000000003', name: 'Lê Hoàng Nam', agencyId: null };
const agency = '00000000-0000-4000-8000-0000000000a1';

// 5 working days from Monday 23/11/2026 08:00; Tuesday 24/11 is Vietnam Culture Day.
const events: DossierEvent[] = [
  { type: 'submitted', at: '2026-11-23T01:00:00.000Z', actor: desk, channel: 'counter', agencyId: agency },
  {
    type: 'accepted',
    at: '2026-11-23T01:00:00.000Z',
    actor: desk,
    channel: 'counter',
    code: '000.01.30.H29-261123-0001',
    regime: '2025',
    legalTime: { amount: 5, unit: 'working-days' },
    dueAt: '2026-12-01T01:00:00.000Z', // cal.dueAt: 5 working days, the holiday skipped
    workflow: DEFAULT_WORKFLOW,
    supplementMode: 'restart',
  },
  {
    type: 'routed',
    at: '2026-11-23T02:00:00.000Z',
    actor: desk,
    step: 'tham-dinh',
    agencyId: agency,
    assigneeId: null,
    note: null,
    back: false,
  },
  { type: 'claimed', at: '2026-11-23T03:00:00.000Z', actor: specialist, assigneeId: specialist.id },
  // The specialist's 60 % (plus half the desk's 10 %) ends on Friday 27/11: forwarding on Monday is late.
  {
    type: 'routed',
    at: '2026-11-30T00:30:00.000Z',
    actor: specialist,
    step: 'phe-duyet',
    agencyId: agency,
    assigneeId: null,
    note: 'Trình ký',
    back: false,
  },
  { type: 'decided', at: '2026-11-30T00:45:00.000Z', actor: leader, outcome: 'approved', comment: '' },
  { type: 'result-ready', at: '2026-11-30T00:50:00.000Z', actor: leader, documents: [] },
  {
    type: 'returned',
    at: '2026-12-01T02:00:00.000Z', // an hour after the due instant
    actor: desk,
    method: 'counter',
    receiver: 'Đặng Thị Mai',
    receiverIdNumber: null,
    earlyNotice: null,
    postal: null,
  },
];

describe('control slip', () => {
  it('lists every hand-over with the time and each step judged against its share of the legal time', () => {
    const { rows, stepName } = controlSlip(events, cal, localDayOf);
    assert.deepEqual(
      rows.map((r) => [stepName(r.from.step), stepName(r.to.step), r.result]),
      [
        ['Bộ phận tiếp nhận và trả kết quả', 'Chuyên viên thẩm định', 'on-time'],
        ['Chuyên viên thẩm định', 'Lãnh đạo phê duyệt', 'late'],
        ['Lãnh đạo phê duyệt', 'Bộ phận tiếp nhận và trả kết quả', 'on-time'],
        ['Bộ phận tiếp nhận và trả kết quả', 'Tổ chức, cá nhân nhận kết quả', 'late'],
      ],
    );
    assert.equal(rows[0]?.to.assignee, 'Trần Văn Minh');
    assert.equal(rows[3]?.to.assignee, 'Đặng Thị Mai');
  });
});

describe('control slip of a same-day procedure (issue 25)', () => {
  // A birth registration ("Trong ngày", 0 working days) received Monday 23/11/2026 at 08:00 and handled in minutes.
  const accepted = new Date('2026-11-23T01:00:00.000Z');
  const dueAt = cal.dueAt(accepted, { amount: 0, unit: 'working-days' });
  const minute = (n: number) => new Date(accepted.getTime() + n * 60_000).toISOString();
  const sameDay: DossierEvent[] = [
    { type: 'submitted', at: minute(0), actor: desk, channel: 'counter', agencyId: agency },
    {
      type: 'accepted',
      at: minute(0),
      actor: desk,
      channel: 'counter',
      code: '000.01.30.H29-261123-0002',
      regime: '2025',
      legalTime: { amount: 0, unit: 'working-days' },
      dueAt: dueAt.toISOString(),
      workflow: DEFAULT_WORKFLOW,
      supplementMode: 'restart',
    },
    {
      type: 'routed',
      at: minute(1),
      actor: desk,
      step: 'tham-dinh',
      agencyId: agency,
      assigneeId: null,
      note: null,
      back: false,
    },
    {
      type: 'routed',
      at: minute(2),
      actor: specialist,
      step: 'phe-duyet',
      agencyId: agency,
      assigneeId: null,
      note: null,
      back: false,
    },
    { type: 'decided', at: minute(3), actor: leader, outcome: 'approved', comment: '' },
    { type: 'result-ready', at: minute(3), actor: leader, documents: [] },
    {
      type: 'returned',
      at: minute(5),
      actor: desk,
      method: 'counter',
      receiver: 'Đặng Thị Mai',
      receiverIdNumber: null,
      earlyNotice: null,
      postal: null,
    },
  ];

  it('judges a same-day dossier handled in minutes on time at every hand-over', () => {
    const { rows } = controlSlip(sameDay, cal, localDayOf);
    assert.deepEqual(
      rows.map((r) => r.result),
      ['on-time', 'on-time', 'on-time', 'on-time'],
    );
  });

  it('shares the rest of the day between the steps, each deadline after reception and none after the due instant', () => {
    const d = stepDeadlines(cal, accepted, dueAt, DEFAULT_WORKFLOW);
    const times = [...d.values()].map((t) => t.getTime());
    assert.ok(
      dueAt.getTime() > accepted.getTime(),
      'a same-day dossier received at 08:00 is due later that day',
    );
    for (const t of times) {
      assert.ok(t > accepted.getTime(), 'no step is due at the instant of reception');
      assert.ok(t <= dueAt.getTime());
    }
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(d.get('tra-ket-qua')?.getTime(), dueAt.getTime());
  });
});
