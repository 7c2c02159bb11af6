import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HolidayCalendar, localDayOf, WorkingCalendar } from '../calendar';
import { controlSlip } from './control-slip';
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
    dueAt: '2026-11-30T01:00:00.000Z',
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
    at: '2026-11-30T08:00:00.000Z',
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
