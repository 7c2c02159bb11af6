import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type Duration,
  explainDue,
  HolidayCalendar,
  isoToDay,
  localDayOf,
  resumedDue,
  tetDay,
  timeliness,
  toLocalIso,
  WorkingCalendar,
} from './index';

const days = new HolidayCalendar();
const cal = new WorkingCalendar(days);
const at = (local: string) => new Date(`${local}+07:00`);
const due = (accepted: string, d: Duration) => toLocalIso(cal.dueAt(at(accepted), d));
const wd = (amount: number): Duration => ({ amount, unit: 'working-days' });

describe('due dates: the worked examples of calendar.md §6', () => {
  const cases: [string, Duration, string, string][] = [
    [
      '2026-11-23T09:00:00',
      wd(1),
      '2026-11-25T09:00:00+07:00',
      'skips Vietnam Culture Day on 24 November 2026',
    ],
    [
      '2026-11-20T15:00:00',
      wd(3),
      '2026-11-26T15:00:00+07:00',
      'counts Friday afternoon, skips the weekend and the 24th',
    ],
    [
      '2026-11-21T09:00:00',
      wd(1),
      '2026-11-23T17:00:00+07:00',
      'starts the clock at Monday’s opening for a Saturday receipt',
    ],
    [
      '2026-11-23T14:59:00',
      wd(0),
      '2026-11-23T17:00:00+07:00',
      'finishes a same-day procedure today before the 15:00 cut-off',
    ],
    [
      '2026-11-23T15:01:00',
      wd(0),
      '2026-11-25T17:00:00+07:00',
      'moves a same-day procedure received after 15:00 to the next working day',
    ],
    [
      '2026-11-23T11:00:00',
      { amount: 4, unit: 'working-hours' },
      '2026-11-23T16:30:00+07:00',
      'counts half a day across lunch',
    ],
    [
      '2026-08-31T16:00:00',
      wd(1),
      '2026-09-03T16:00:00+07:00',
      'skips National Day and its adjacent 1 September',
    ],
    [
      '2027-02-04T14:00:00',
      wd(3),
      '2027-02-16T14:00:00+07:00',
      'skips Tết 2027 and its two compensatory days',
    ],
    [
      '2026-12-31T08:00:00',
      { amount: 15, unit: 'calendar-days' },
      '2027-01-15T23:59:59+07:00',
      'counts calendar days from the next day to the end of the last',
    ],
  ];
  for (const [accepted, d, expected, behaviour] of cases) {
    it(behaviour, () => assert.equal(due(accepted, d), expected));
  }

  it('keeps a due instant that lands exactly on a session end there', () => {
    assert.equal(
      due('2026-11-23T07:30:00', { amount: 4, unit: 'working-hours' }),
      '2026-11-23T11:30:00+07:00',
    );
    assert.equal(due('2026-11-23T07:30:00', wd(1)), '2026-11-23T17:00:00+07:00');
  });

  it('takes the agency’s own same-day cut-off instead of 15:00', () => {
    // A ward that closes reception for same-day work at 16:00 (and works 07:00–11:00, 13:30–17:30).
    const ward = new WorkingCalendar(days, {
      sessions: [
        { start: '07:00', end: '11:00' },
        { start: '13:30', end: '17:30' },
      ],
      sameDayCutoff: '16:00',
    });
    const sameDay = (local: string) => toLocalIso(ward.dueAt(at(local), wd(0)));
    assert.equal(sameDay('2026-11-23T15:30:00'), '2026-11-23T17:30:00+07:00');
    assert.equal(sameDay('2026-11-23T16:00:00'), '2026-11-23T17:30:00+07:00');
    // After its cut-off: the close of the next working day (24 November 2026 is Culture Day).
    assert.equal(sameDay('2026-11-23T16:01:00'), '2026-11-25T17:30:00+07:00');
  });

  it('lets a procedure’s own same-day cut-off win over the agency’s (calendar.md §3)', () => {
    // Default office hours and 15:00 cut-off; the procedure's sectoral law says 16:00.
    const sameDay = (local: string, cutoff?: string) =>
      toLocalIso(cal.dueAt(at(local), cutoff ? { ...wd(0), cutoff } : wd(0)));
    assert.equal(
      sameDay('2026-11-23T15:30:00'),
      '2026-11-25T17:00:00+07:00',
      'agency rule: next working day',
    );
    assert.equal(sameDay('2026-11-23T15:30:00', '16:00'), '2026-11-23T17:00:00+07:00');
    assert.equal(sameDay('2026-11-23T16:00:00', '16:00'), '2026-11-23T17:00:00+07:00');
    assert.equal(sameDay('2026-11-23T16:01:00', '16:00'), '2026-11-25T17:00:00+07:00');
    // A stricter one (11:00) also wins: at 14:00 the result is due the next working day.
    assert.equal(sameDay('2026-11-23T14:00:00', '11:00'), '2026-11-25T17:00:00+07:00');
    // The explanation names the cut-off that applied.
    assert.match(
      explainDue(cal, at('2026-11-23T15:30:00'), { ...wd(0), cutoff: '16:00' }).summary,
      /16:00.*riêng của thủ tục/,
    );
    assert.match(explainDue(cal, at('2026-11-23T15:30:00'), wd(0)).summary, /nhận đến 15:00/);
  });

  it('moves a calendar-day period ending on a holiday to the end of the next working day', () => {
    // 2026-11-21 + 3 days = Tuesday 24 November (Culture Day) → Wednesday 25th.
    assert.equal(
      due('2026-11-21T10:00:00', { amount: 3, unit: 'calendar-days' }),
      '2026-11-25T23:59:59+07:00',
    );
  });
});

describe('holidays and the lunar calendar', () => {
  it('places Tết and Hùng Kings by the Vietnamese lunar calendar', () => {
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    assert.equal(iso(tetDay(2025)), '2025-01-29');
    assert.equal(iso(tetDay(2026)), '2026-02-17');
    assert.equal(iso(tetDay(2027)), '2027-02-06');
    assert.deepEqual(
      ['2025-04-07', '2026-04-26', '2027-04-16'].map((d) => days.classify(isoToDay(d)).name),
      ['Giỗ Tổ Hùng Vương', 'Giỗ Tổ Hùng Vương', 'Giỗ Tổ Hùng Vương'],
    );
  });

  it('matches 41 years of Tết dates, including the years the Vietnamese calendar differs from the Chinese', () => {
    // Lunar New Year dates 1990–2030; Vietnam differs from China in 2007 (17 vs 18 Feb) and 2030 (2 vs 3 Feb).
    const tet: Record<number, string> = {
      1990: '01-27',
      1991: '02-15',
      1992: '02-04',
      1993: '01-23',
      1994: '02-10',
      1995: '01-31',
      1996: '02-19',
      1997: '02-07',
      1998: '01-28',
      1999: '02-16',
      2000: '02-05',
      2001: '01-24',
      2002: '02-12',
      2003: '02-01',
      2004: '01-22',
      2005: '02-09',
      2006: '01-29',
      2007: '02-17',
      2008: '02-07',
      2009: '01-26',
      2010: '02-14',
      2011: '02-03',
      2012: '01-23',
      2013: '02-10',
      2014: '01-31',
      2015: '02-19',
      2016: '02-08',
      2017: '01-28',
      2018: '02-16',
      2019: '02-05',
      2020: '01-25',
      2021: '02-12',
      2022: '02-01',
      2023: '01-22',
      2024: '02-10',
      2025: '01-29',
      2026: '02-17',
      2027: '02-06',
      2028: '01-26',
      2029: '02-13',
      2030: '02-02',
    };
    for (const [y, md] of Object.entries(tet)) {
      assert.equal(tetDay(Number(y)), isoToDay(`${y}-${md}`), `Tết ${y}`);
    }
    assert.equal(tetDay(1985), isoToDay('1985-01-21'), 'Tết 1985 (China: 20 February)');
  });

  it('gives compensatory days for holidays on a weekend, after the holiday block', () => {
    const c = (iso: string) => days.classify(isoToDay(iso));
    assert.equal(c('2027-02-05').reason, 'holiday'); // last day of the lunar year
    assert.equal(c('2027-02-10').reason, 'compensatory');
    assert.equal(c('2027-02-11').reason, 'compensatory');
    assert.equal(c('2027-02-12').working, true);
    // 2 September 2029 is a Sunday: 2 and 3 September off, compensatory Tuesday 4th.
    assert.equal(c('2029-09-03').reason, 'holiday');
    assert.equal(c('2029-09-04').reason, 'compensatory');
  });

  it('lets an official schedule replace the statutory placement of its year entirely', () => {
    const official = new HolidayCalendar({
      schedules: [
        {
          year: 2025,
          decision: 'Lịch nghỉ Tết Ất Tỵ 2025 (dữ liệu thử nghiệm)',
          daysOff: [
            '2025-01-25',
            '2025-01-26',
            '2025-01-27',
            '2025-01-28',
            '2025-01-29',
            '2025-01-30',
            '2025-01-31',
            '2025-02-01',
            '2025-02-02',
          ],
          workingDays: ['2025-02-08'],
        },
      ],
    });
    const c = (iso: string) => official.classify(isoToDay(iso));
    assert.equal(c('2025-01-27').reason, 'official');
    assert.equal(c('2025-02-08').working, true);
    assert.equal(c('2025-02-08').reason, 'make-up');
    // Statutory days of 2025 no longer apply: 30 April is a working day under this (partial) schedule.
    assert.equal(c('2025-04-30').working, true);
    // Other years keep their statutory placement.
    assert.equal(c('2026-11-24').reason, 'holiday');
    const w = new WorkingCalendar(official);
    assert.equal(toLocalIso(w.dueAt(at('2025-01-24T09:00:00'), wd(1))), '2025-02-03T09:00:00+07:00');
  });
});

describe('working time', () => {
  it('measures elapsed and remaining working minutes', () => {
    assert.equal(cal.elapsedMinutes(at('2026-11-23T09:00:00'), at('2026-11-25T09:00:00')), 480);
    assert.equal(cal.remainingMinutes(at('2026-11-25T09:00:00'), at('2026-11-23T16:00:00')), 60 + 90);
    assert.equal(cal.remainingMinutes(at('2026-11-25T09:00:00'), at('2026-11-25T10:00:00')), -60);
  });

  it('restarts the full legal time after a supplement, or carries the remainder in pause mode', () => {
    const resume = at('2026-11-26T10:00:00');
    assert.equal(toLocalIso(resumedDue(cal, 'restart', resume, wd(3), 120)), '2026-12-01T10:00:00+07:00');
    assert.equal(toLocalIso(resumedDue(cal, 'pause', resume, wd(3), 120)), '2026-11-26T13:30:00+07:00');
  });

  it('classifies finished dossiers early, on time or late against the legal due instant', () => {
    const d = at('2026-11-25T09:00:00');
    assert.equal(timeliness(d, at('2026-11-23T16:00:00'), at('2026-11-26T00:00:00')), 'early');
    assert.equal(timeliness(d, at('2026-11-25T08:00:00'), at('2026-11-26T00:00:00')), 'on-time');
    assert.equal(timeliness(d, at('2026-11-25T09:00:01'), at('2026-11-26T00:00:00')), 'late');
    assert.equal(timeliness(d, null, at('2026-11-25T10:00:00')), 'overdue');
    assert.equal(timeliness(d, null, at('2026-11-24T10:00:00')), null);
  });

  it('explains a due date with the sessions counted and the days skipped', () => {
    const e = explainDue(cal, at('2027-02-04T14:00:00'), wd(3));
    assert.equal(e.dueAt, '2027-02-16T14:00:00+07:00');
    assert.equal(
      e.counted.reduce((a, s) => a + s.minutes, 0),
      3 * 480,
    );
    assert.deepEqual(
      e.skipped.map((s) => s.reason),
      [
        'holiday',
        'holiday',
        'holiday',
        'holiday',
        'holiday',
        'compensatory',
        'compensatory',
        'weekend',
        'weekend',
      ],
    );
    assert.match(e.summary, /Tết Nguyên đán/);
    assert.match(e.summary, /16\/02\/2027/);
  });
});

describe('working time properties', () => {
  const workingInstant = fc
    .tuple(
      fc.integer({ min: isoToDay('2024-01-01'), max: isoToDay('2029-12-31') }),
      fc.integer({ min: 0, max: 479 }),
    )
    .filter(([d]) => days.isWorking(d))
    .map(([d, m]) => new Date((d * 1440 + (m < 240 ? 450 + m : 780 + m - 240)) * 60_000 - 7 * 3_600_000));

  it('adds whole working days associatively: due(a, x+y) = due(due(a, x), y)', () => {
    fc.assert(
      fc.property(
        workingInstant,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (a, x, y) => {
          const once = cal.dueAt(a, wd(x + y)).getTime();
          const twice = cal.dueAt(cal.dueAt(a, wd(x)), wd(y)).getTime();
          assert.equal(once, twice);
        },
      ),
    );
  });

  it('never puts a due instant on a non-working day, and counts exactly the time asked', () => {
    fc.assert(
      fc.property(workingInstant, fc.integer({ min: 1, max: 30 }), (a, n) => {
        const d = cal.dueAt(a, wd(n));
        assert.equal(days.isWorking(localDayOf(d)), true);
        assert.equal(cal.elapsedMinutes(a, d), n * 480);
      }),
    );
  });

  // From one working day up. ("Same day" is its own rule: received after 15:00 it ends at 17:00 of
  // the next working day, later than one working day counted from 15:30.)
  it('moves the due instant only forward when the amount grows', () => {
    fc.assert(
      fc.property(workingInstant, fc.integer({ min: 1, max: 40 }), (a, n) => {
        assert.ok(cal.dueAt(a, wd(n + 1)).getTime() >= cal.dueAt(a, wd(n)).getTime());
      }),
    );
  });

  it('never shortens the remaining time by pausing, and restart never ends before resume plus the full time', () => {
    fc.assert(
      fc.property(
        workingInstant,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 7200 }),
        (resume, n, rem) => {
          const p = resumedDue(cal, 'pause', resume, wd(n), rem);
          assert.ok(cal.elapsedMinutes(resume, p) >= rem - 1e-6);
          const r = resumedDue(cal, 'restart', resume, wd(n), rem);
          assert.ok(r.getTime() >= cal.dueAt(resume, wd(n)).getTime());
        },
      ),
    );
  });
});

describe('due-date explanation, to the minute', () => {
  it('counts every day of a period in calendar days, and says why its end moved off a weekend', () => {
    // Accepted Monday 23/11/2026; 5 days from the next day end on Saturday 28/11, moved to Monday 30/11.
    const e = explainDue(cal, at('2026-11-23T09:00:00'), { amount: 5, unit: 'calendar-days' });
    assert.equal(e.dueAt.slice(0, 10), '2026-11-30');
    assert.deepEqual(e.skipped, []);
    assert.doesNotMatch(e.summary, /Không tính/);
    assert.match(
      e.summary,
      /Ngày cuối của thời hạn, 28\/11\/2026, là ngày nghỉ cuối tuần nên hẹn trả chuyển sang/,
    );
    // Ending on a working day: nothing moved, nothing to say.
    const f = explainDue(cal, at('2026-11-23T09:00:00'), { amount: 3, unit: 'calendar-days' });
    assert.equal(f.dueAt.slice(0, 10), '2026-11-26');
    assert.doesNotMatch(f.summary, /Không tính|chuyển sang/);
  });

  it('never ends a minute before it starts when the dossier was accepted part-way through a minute', () => {
    const e = explainDue(cal, new Date('2026-11-23T09:00:40+07:00'), wd(1));
    assert.match(e.summary, /tính từ 09:00 ngày 23\/11\/2026; hẹn trả 09:00 ngày 25\/11\/2026/);
    assert.equal(e.counted[0]?.from, '09:00');
    assert.equal(e.counted.at(-1)?.to, '09:00');
  });
});
