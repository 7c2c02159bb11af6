import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MINUTES_PER_WORKING_DAY } from './local';
import { viDate, viDateTime, workingDurationText } from './text';

const parts = (s: string) => ({
  days: Number(/(\d+) ngày/.exec(s)?.[1] ?? 0),
  hours: Number(/(\d+) giờ/.exec(s)?.[1] ?? 0),
  minutes: Number(/(\d+) phút/.exec(s)?.[1] ?? 0),
});

describe('working durations in words', () => {
  it('never says 60 minutes: a remainder that rounds up carries into the hour and the day', () => {
    assert.equal(workingDurationText(2 * 480 + 7 * 60 + 59.6), '3 ngày');
    assert.equal(workingDurationText(7 * 60 + 59.5), '1 ngày');
    assert.equal(workingDurationText(60 + 59.7), '2 giờ');
    assert.equal(workingDurationText(2 * 480 + 7 * 60 + 30), '2 ngày 7 giờ 30 phút');
    assert.equal(workingDurationText(0.2), '0 phút');
  });

  it('keeps minutes within 0–59 and hours within a working day, and adds back up to the rounded duration', () => {
    fc.assert(
      fc.property(fc.double({ min: -100_000, max: 100_000, noNaN: true }), (m) => {
        const p = parts(workingDurationText(m));
        assert.ok(p.minutes >= 0 && p.minutes <= 59, `${m}: ${p.minutes} phút`);
        assert.ok(p.hours >= 0 && p.hours < MINUTES_PER_WORKING_DAY / 60, `${m}: ${p.hours} giờ`);
        assert.equal(p.days * MINUTES_PER_WORKING_DAY + p.hours * 60 + p.minutes, Math.round(Math.abs(m)));
      }),
    );
  });
});

describe('dates in Vietnamese sentences', () => {
  it('writes days as ngày/tháng/năm and instants in Vietnam time, seconds dropped', () => {
    assert.equal(viDate('2026-11-26'), '26/11/2026');
    assert.equal(viDate('2026-11-26T09:00:00+07:00'), '26/11/2026');
    assert.equal(viDateTime('2026-11-26T02:00:59Z'), '09:00 ngày 26/11/2026');
    assert.equal(viDateTime(new Date('2026-11-25T17:30:00Z')), '00:30 ngày 26/11/2026');
  });
});
