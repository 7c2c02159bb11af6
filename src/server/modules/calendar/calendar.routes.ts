import { z } from 'zod';
import { dayToIso, explainDue, isoToDay, OfficialSchedule, toLocalIso } from '../../../domain/calendar';
import type { App } from '../../app';
import { AppError, validationError } from '../../errors';
import { requireMayChange } from '../auth/auth.plugin';
import type { AuthUser } from '../auth/auth.service';
import { retimeOpenDossiers } from '../dossiers/jobs/retime';
import { DaysView, Explanation, OfficialScheduleList } from './calendar.schema';
import { type CalendarService, deleteSchedule, listSchedules, putSchedule } from './calendar.service';

declare module 'fastify' {
  interface FastifyInstance {
    calendar: CalendarService;
  }
}

const tags = ['Lịch làm việc'];

const DueQuery = z.object({
  acceptedAt: z.iso.datetime({
    offset: true,
    message: 'acceptedAt phải là thời điểm ISO-8601, ví dụ 2026-11-23T09:00:00+07:00.',
  }),
  amount: z.coerce.number().min(0, 'amount không được âm.').max(3650),
  unit: z.enum(['working-days', 'working-hours', 'calendar-days'], {
    message: 'unit phải là working-days, working-hours hoặc calendar-days.',
  }),
  agency: z.string().trim().optional(),
});
const IsoDate = z.iso.date('Ngày phải có dạng YYYY-MM-DD.');
const DaysQuery = z.object({ from: IsoDate, to: IsoDate });
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ScheduleBody = z.strictObject({
  decision: z.string(),
  daysOff: z.array(z.string()),
  workingDays: z.array(z.string()),
});

/** The working-time API of calendar.md §7, plus explanations and the list of official schedules. */
export async function calendarRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const service = app.calendar;

  /** The calendar changed: rebuild it, then re-time the open dossiers it affects (their history records it). */
  const retime = async (actor: AuthUser, year: number, reason: string) => {
    service.invalidate();
    await service.days(); // build outside the transaction (PGlite serves one caller at a time)
    await database.tx((db) => retimeOpenDossiers(db, service, actor, clock.now(), { year }, reason));
  };

  const calendarFor = async (q: z.infer<typeof DueQuery>) => {
    const cal = await service.forAgencyCode(q.agency);
    return { cal, accepted: new Date(q.acceptedAt), duration: { amount: q.amount, unit: q.unit } };
  };

  app.get(
    '/due',
    {
      schema: {
        tags,
        summary: 'Ngày hẹn trả: thời điểm hết hạn tính từ thời điểm tiếp nhận',
        querystring: DueQuery,
        response: { 200: z.object({ dueAt: z.string() }) },
      },
    },
    async (req) => {
      const { cal, accepted, duration } = await calendarFor(req.query);
      return { dueAt: toLocalIso(cal.dueAt(accepted, duration)) };
    },
  );

  app.get(
    '/explain',
    {
      schema: {
        tags,
        summary: 'Giải thích ngày hẹn trả: các buổi làm việc được tính và các ngày nghỉ bỏ qua',
        querystring: DueQuery,
        response: { 200: Explanation },
      },
    },
    async (req) => {
      const { cal, accepted, duration } = await calendarFor(req.query);
      return explainDue(cal, accepted, duration);
    },
  );

  app.get(
    '/days',
    {
      schema: {
        tags,
        summary: 'Ngày làm việc và ngày nghỉ trong một khoảng (tối đa 3 năm)',
        querystring: DaysQuery,
        response: { 200: DaysView },
      },
    },
    async (req) => {
      const from = isoToDay(req.query.from);
      const to = isoToDay(req.query.to);
      if (to < from)
        throw new AppError(400, 'INVALID_RANGE', 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.');
      if (to - from > 3 * 366)
        throw new AppError(400, 'RANGE_TOO_LONG', 'Mỗi lần chỉ xem được tối đa 3 năm.');
      const days = await service.days();
      const out = [];
      try {
        for (let d = from; d <= to; d++) out.push(days.classify(d));
      } catch {
        throw new AppError(
          400,
          'OUT_OF_RANGE',
          `Chỉ hỗ trợ các ngày từ năm 2000 đến năm 2100 (nhận ${dayToIso(from)}).`,
        );
      }
      return { days: out };
    },
  );

  app.get(
    '/official',
    {
      schema: {
        tags,
        summary: 'Các lịch nghỉ chính thức đã nhập',
        response: { 200: OfficialScheduleList },
      },
    },
    async () => ({ items: await database.read(listSchedules) }),
  );

  app.put(
    '/official/:year',
    {
      schema: {
        tags,
        summary: 'Nhập lịch nghỉ chính thức của một năm (thay cho cách tính mặc định)',
        params: YearParams,
        body: ScheduleBody,
        response: { 200: OfficialSchedule },
      },
    },
    async (req) => {
      const actor = requireMayChange(req, 'officialCalendar');
      const parsed = OfficialSchedule.safeParse({ year: req.params.year, ...req.body });
      if (!parsed.success) throw validationError(parsed.error.issues, 'Lịch nghỉ chưa hợp lệ');
      const saved = await database.tx((db) => putSchedule(db, actor, clock.now(), parsed.data));
      await retime(
        actor,
        req.params.year,
        `Áp dụng lịch nghỉ chính thức năm ${req.params.year} (${saved.decision})`,
      );
      return saved;
    },
  );

  app.delete(
    '/official/:year',
    {
      schema: {
        tags,
        summary: 'Bỏ lịch nghỉ chính thức của một năm (trở lại cách tính theo luật)',
        params: YearParams,
        response: { 200: z.object({ year: z.number(), official: z.null() }) },
      },
    },
    async (req) => {
      const actor = requireMayChange(req, 'officialCalendar');
      const removed = await database.tx((db) => deleteSchedule(db, actor, clock.now(), req.params.year));
      if (!removed)
        throw new AppError(404, 'NOT_FOUND', `Năm ${req.params.year} chưa có lịch nghỉ chính thức.`);
      service.invalidate();
      return { year: req.params.year, official: null };
    },
  );
}
