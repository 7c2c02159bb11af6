import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HolidayCalendar, toLocalIso, WorkingCalendar } from '../calendar';
import type { DossierEvent } from './events';
import { alreadyWarned, apologyLead, lateRisk, warningLead } from './warnings';

const cal = new WorkingCalendar(new HolidayCalendar());
const at = (local: string) => new Date(`${local}+07:00`);
// Due Friday 27 November 2026, 15:30 (e.g. 3 working days from Monday 23rd 15:30; the 24th is Culture Day).
const open = { status: 4 as const, dueAt: at('2026-11-27T15:30:00').toISOString(), apologized: false };

describe('late-dossier warnings (apology due 1 working day before the due date)', () => {
  it('finds the latest instant a working day before a due date, across holidays', () => {
    assert.equal(
      toLocalIso(cal.subtractWorkingMinutes(at('2026-11-27T15:30:00'), 480)),
      '2026-11-26T15:30:00+07:00',
    );
    // Wednesday 25th 09:00 minus a working day skips Culture Day (Tue 24th): Monday 23rd 09:00.
    assert.equal(
      toLocalIso(cal.subtractWorkingMinutes(at('2026-11-25T09:00:00'), 480)),
      '2026-11-23T09:00:00+07:00',
    );
    // From the close of a day, minus 4 hours: the start of the afternoon session.
    assert.equal(
      toLocalIso(cal.subtractWorkingMinutes(at('2026-11-26T17:00:00'), 240)),
      '2026-11-26T13:00:00+07:00',
    );
  });

  it('subtracting then adding working time lands on the same instant inside office hours', () => {
    const sessionsStart = at('2026-01-05T07:30:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 30 * 480 }), (h, minutes) => {
        // An instant strictly inside office hours, on some working day in 2026.
        const end = cal.addWorkingMinutes(new Date(sessionsStart), h * 7 + 1);
        const start = cal.subtractWorkingMinutes(end, minutes);
        return cal.elapsedMinutes(start, end) === minutes;
      }),
    );
  });

  it('stays silent while more than two working days remain', () => {
    assert.equal(lateRisk(open, cal, at('2026-11-25T15:29:00')), null);
  });

  it('warns that the apology is due when the limit is a working day away', () => {
    const r = lateRisk(open, cal, at('2026-11-25T15:30:00'));
    assert.equal(r?.level, 'apology-due');
    assert.equal(toLocalIso(r!.apologyBy), '2026-11-26T15:30:00+07:00');
    assert.equal(r?.remainingMinutes, 960);
  });

  it('warns again once the apology limit has passed, and while overdue', () => {
    assert.equal(lateRisk(open, cal, at('2026-11-26T15:31:00'))?.level, 'apology-late');
    assert.equal(lateRisk(open, cal, at('2026-11-30T09:00:00'))?.level, 'apology-late');
  });

  it('never warns once apologised, while paused, or after the result', () => {
    const now = at('2026-11-26T16:00:00');
    assert.equal(lateRisk({ ...open, apologized: true }, cal, now), null);
    assert.equal(lateRisk({ ...open, status: 5 }, cal, now), null);
    assert.equal(lateRisk({ ...open, status: 9 }, cal, now), null);
  });

  it('sends each level once per due date, and again after the due date moves', () => {
    const risk = lateRisk(open, cal, at('2026-11-25T16:00:00'))!;
    const warned: DossierEvent = {
      type: 'warned',
      at: at('2026-11-25T16:00:00').toISOString(),
      actor: null,
      level: 'apology-due',
      dueAt: open.dueAt,
      apologyBy: risk.apologyBy.toISOString(),
      recipients: [],
    };
    assert.equal(alreadyWarned([warned], risk), true);
    const later = lateRisk(
      { ...open, dueAt: at('2026-11-30T15:30:00').toISOString() },
      cal,
      at('2026-11-26T16:00:00'),
    )!;
    assert.equal(alreadyWarned([warned], later), false);
  });
});

describe('late-dossier warnings for short procedures (issue 25)', () => {
  // A same-day procedure received Monday 23/11/2026 at 08:00: due the same day.
  const accepted = at('2026-11-23T08:00:00');
  const dueAt = cal.dueAt(accepted, { amount: 0, unit: 'working-days' });
  const sameDay = {
    status: 4 as const,
    dueAt: dueAt.toISOString(),
    apologized: false,
    acceptedAt: accepted.toISOString(),
  };
  const window = cal.elapsedMinutes(accepted, dueAt);

  it('never warns about a same-day dossier right after reception', () => {
    assert.ok(window > 0);
    assert.equal(lateRisk(sameDay, cal, at('2026-11-23T08:03:00')), null);
  });

  it('puts a same-day dossier’s apology limit halfway through its time, never before it was received', () => {
    const late = lateRisk(sameDay, cal, new Date(dueAt.getTime() - 60_000))!;
    assert.equal(late.level, 'apology-late');
    assert.ok(late.apologyBy.getTime() > accepted.getTime());
    assert.equal(cal.elapsedMinutes(accepted, late.apologyBy), Math.ceil(window / 2));
    // Warned first halfway between reception and that limit, not before.
    const firstWarning = window - apologyLead(window) - warningLead(window);
    assert.equal(firstWarning, Math.ceil((window - apologyLead(window)) / 2));
    assert.equal(lateRisk(sameDay, cal, cal.addWorkingMinutes(accepted, firstWarning - 1)), null);
    assert.equal(lateRisk(sameDay, cal, cal.addWorkingMinutes(accepted, firstWarning))?.level, 'apology-due');
  });

  it('keeps the law’s leads — 1 working day, warned a day before — when the time is 3 working days or more', () => {
    const accepted4 = at('2026-11-20T15:30:00');
    const due4 = cal.dueAt(accepted4, { amount: 3, unit: 'working-days' });
    const four = {
      status: 4 as const,
      dueAt: due4.toISOString(),
      apologized: false,
      acceptedAt: accepted4.toISOString(),
    };
    const r = lateRisk(four, cal, cal.subtractWorkingMinutes(due4, 960))!;
    assert.equal(r.level, 'apology-due');
    assert.equal(r.apologyBy.getTime(), cal.subtractWorkingMinutes(due4, 480).getTime());
    assert.equal(lateRisk(four, cal, cal.subtractWorkingMinutes(due4, 961)), null);
  });
});
