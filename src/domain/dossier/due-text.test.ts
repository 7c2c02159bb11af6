import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueMovedSentence } from './due-text';
import type { DossierEvent } from './events';

const actor = { id: null, name: 'Cán bộ', agencyId: null };
const accepted = new Date('2026-11-23T09:00:00+07:00');

describe('why the current due date moved', () => {
  it('names only what happened: an extension is not blamed on a pause, and the date is in Vietnamese', () => {
    const events = [
      {
        type: 'extended',
        at: '2026-11-24T10:00:00+07:00',
        actor,
        amount: 2,
        unit: 'working-days',
        reason: 'Cần xác minh',
        dueAt: '2026-11-27T09:00:00+07:00',
      },
    ] as unknown as DossierEvent[];
    const s = dueMovedSentence(events, accepted, new Date('2026-11-27T09:00:00+07:00'));
    assert.equal(
      s,
      ' Ngày hẹn trả hiện tại là 09:00 ngày 27/11/2026 do gia hạn thời gian giải quyết (xem quá trình xử lý).',
    );
    assert.doesNotMatch(s, /tạm dừng|\d{4}-\d{2}-\d{2}/);
  });

  it('names a pause for a supplement when the legal time was paused, not restarted', () => {
    const events = [
      {
        type: 'supplement-requested',
        at: '2026-11-24T10:00:00+07:00',
        actor,
        items: ['Bản sao giấy khai sinh'],
        reason: 'Thiếu',
        mode: 'pause',
        remainingMinutes: 300,
      },
      {
        type: 'supplement-received',
        at: '2026-11-26T08:00:00+07:00',
        actor,
        dueAt: '2026-11-27T08:00:00+07:00',
      },
    ] as unknown as DossierEvent[];
    assert.match(
      dueMovedSentence(events, accepted, new Date('2026-11-27T08:00:00+07:00')),
      /do tạm dừng tính thời gian chờ bổ sung hồ sơ \(/,
    );
  });
});
