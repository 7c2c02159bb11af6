import { dayOf, weekdayOf } from './local';
import { lunarToSolarDay, tetDay } from './lunar';

/**
 * Statutory public holidays as versioned data (calendar.md §1): each with its rule and the period
 * in which it applies. A new law is a new entry here, not new code.
 */
export type HolidayRule =
  | { kind: 'solar'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  /** Tết Nguyên đán: `before` days ending with the last day of the lunar year, then lunar 1/1 on for `after` days. */
  | { kind: 'tet'; before: number; after: number }
  /** Quốc khánh: 2 September, plus one adjacent day when `days` is 2. */
  | { kind: 'national-day'; days: 1 | 2 };

export interface StatutoryHoliday {
  id: string;
  name: string;
  rule: HolidayRule;
  /** First and last dates (inclusive) on which the rule applies; null: open-ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: string;
}

export const STATUTORY_HOLIDAYS: readonly StatutoryHoliday[] = [
  {
    id: 'new-year',
    name: 'Tết Dương lịch',
    rule: { kind: 'solar', month: 1, day: 1 },
    effectiveFrom: '1995-01-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112',
  },
  {
    id: 'tet',
    name: 'Tết Nguyên đán',
    rule: { kind: 'tet', before: 1, after: 3 },
    effectiveFrom: '1995-01-01',
    effectiveTo: '2013-04-30',
    basis: 'Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73',
  },
  {
    id: 'tet',
    name: 'Tết Nguyên đán',
    rule: { kind: 'tet', before: 1, after: 4 },
    effectiveFrom: '2013-05-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112 (5 ngày)',
  },
  {
    id: 'hung-kings',
    name: 'Giỗ Tổ Hùng Vương',
    rule: { kind: 'lunar', month: 3, day: 10 },
    effectiveFrom: '2007-04-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112',
  },
  {
    id: 'victory',
    name: 'Ngày Chiến thắng',
    rule: { kind: 'solar', month: 4, day: 30 },
    effectiveFrom: '1995-01-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112',
  },
  {
    id: 'labour',
    name: 'Ngày Quốc tế Lao động',
    rule: { kind: 'solar', month: 5, day: 1 },
    effectiveFrom: '1995-01-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112',
  },
  {
    id: 'national-day',
    name: 'Quốc khánh',
    rule: { kind: 'national-day', days: 1 },
    effectiveFrom: '1995-01-01',
    effectiveTo: '2020-12-31',
    basis: 'Bộ luật Lao động 2012, Điều 115',
  },
  {
    id: 'national-day',
    name: 'Quốc khánh',
    rule: { kind: 'national-day', days: 2 },
    effectiveFrom: '2021-01-01',
    effectiveTo: null,
    basis: 'Bộ luật Lao động 2019, Điều 112 (ngày 02/9 và 01 ngày liền kề)',
  },
  {
    id: 'culture-day',
    name: 'Ngày Văn hóa Việt Nam',
    rule: { kind: 'solar', month: 11, day: 24 },
    effectiveFrom: '2026-07-01',
    effectiveTo: null,
    basis: 'Nghị quyết 28/2026/QH16 (theo thông tin công bố; cần đối chiếu văn bản)',
  },
];

/** The days (day numbers) a rule gives in a solar year. */
export function placeRule(rule: HolidayRule, year: number): number[] {
  switch (rule.kind) {
    case 'solar':
      return [dayOf(year, rule.month, rule.day)];
    case 'lunar':
      return [lunarToSolarDay(year, rule.month, rule.day)];
    case 'tet': {
      const tet = tetDay(year);
      const days: number[] = [];
      for (let d = tet - rule.before; d < tet + rule.after; d++) days.push(d);
      return days;
    }
    case 'national-day': {
      const d = dayOf(year, 9, 2);
      if (rule.days === 1) return [d];
      // 1 September when 2 September is a Tuesday, Wednesday, Friday or Saturday; otherwise 3 September.
      const wd = weekdayOf(d);
      return [2, 3, 5, 6].includes(wd) ? [d - 1, d] : [d, d + 1];
    }
  }
}
