import { z } from 'zod';
import { DayInfo, OfficialSchedule } from '../../../domain/calendar';

/** How a due date was reached (GET /calendar/explain, also the dossier's `due-explanation`). */
export const Explanation = z.object({
  acceptedAt: z.string(),
  dueAt: z.string(),
  duration: z.object({ amount: z.number(), unit: z.string() }),
  counted: z.array(z.object({ date: z.string(), from: z.string(), to: z.string(), minutes: z.number() })),
  skipped: z.array(DayInfo),
  summary: z.string(),
});

/** Working days and days off over a range (GET /calendar/days). */
export const DaysView = z.object({ days: z.array(DayInfo) });

/** The official schedules, one a year (GET /calendar/official). */
export const OfficialScheduleList = z.object({ items: z.array(OfficialSchedule) });
