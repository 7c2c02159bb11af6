import { z } from 'zod';
import { HHMM, OfficeHours } from '../agency/agency';

export { OfficeHours };

const IsoDate = z.iso.date('Ngày phải có dạng YYYY-MM-DD.');

/**
 * A legal time limit: `amount: 0` working days is "same day"; half a day is 4 working hours.
 * `cutoff` is a procedure's own same-day cut-off set by sectoral law (calendar.md §3: the procedure's
 * rule wins over the agency's); without it the agency's cut-off applies.
 */
export const Duration = z.object({
  amount: z.number().min(0).max(3650),
  unit: z.enum(['working-days', 'working-hours', 'calendar-days']),
  cutoff: HHMM.optional(),
});
export type Duration = z.infer<typeof Duration>;

export const DayReason = z.enum(['weekend', 'holiday', 'compensatory', 'official', 'make-up']).nullable();
export type DayReason = z.infer<typeof DayReason>;

export const DayInfo = z.object({
  date: z.string(),
  working: z.boolean(),
  reason: DayReason,
  name: z.string().nullable(),
});
export type DayInfo = z.infer<typeof DayInfo>;

/**
 * A year's official schedule (the Prime Minister's or the Ministry's notice): days off and make-up
 * working days. It replaces that year's statutory placement and compensatory days entirely.
 */
export const OfficialSchedule = z
  .object({
    year: z.number().int().min(2000).max(2100),
    decision: z.string().trim().min(1, 'Hãy nhập số, ngày của văn bản quyết định lịch nghỉ.').max(300),
    daysOff: z.array(IsoDate).max(60),
    workingDays: z.array(IsoDate).max(30),
  })
  .superRefine((s, ctx) => {
    for (const [key, list] of [
      ['daysOff', s.daysOff],
      ['workingDays', s.workingDays],
    ] as const) {
      list.forEach((d, i) => {
        if (!d.startsWith(`${s.year}-`)) {
          ctx.addIssue({ code: 'custom', path: [key, i], message: `Ngày ${d} không thuộc năm ${s.year}.` });
        }
      });
    }
    const both = s.daysOff.filter((d) => s.workingDays.includes(d));
    if (both.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays'],
        message: `Ngày ${both[0]} vừa là ngày nghỉ vừa là ngày làm bù.`,
      });
    }
  });
export type OfficialSchedule = z.infer<typeof OfficialSchedule>;

export const Timeliness = z.enum(['early', 'on-time', 'late', 'overdue']);
export type Timeliness = z.infer<typeof Timeliness>;
