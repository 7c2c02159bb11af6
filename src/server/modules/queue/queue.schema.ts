import { z } from 'zod';
import { OfficeHours } from '../../../domain/agency/agency';
import { FieldCode } from '../../../domain/catalogue/procedure';

const TicketStatus = z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred']);
const iso = z.string().nullable();

export const TicketView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  label: z.string(),
  fieldCode: z.string(),
  fieldName: z.string(),
  kind: z.enum(['walk_in', 'booked']),
  priority: z.boolean(),
  status: TicketStatus,
  statusName: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  counter: z.object({ id: z.uuid(), number: z.number().int(), name: z.string() }).nullable(),
  issuedAt: z.string(),
  calledAt: iso,
  servingAt: iso,
  endedAt: iso,
  appointmentAt: iso,
  callCount: z.number().int(),
  /** Waiting tickets of the same field called before this one (null once called). */
  ahead: z.number().int().nullable(),
  /**
   * Open counters serving the ticket's field now (null once called): 0 means every such counter is closed and the
   * ticket waits for one to open, whatever `ahead` says.
   */
  openCounters: z.number().int().nullable(),
  dossierId: z.uuid().nullable(),
  dossierCode: z.string().nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

export const CounterInput = z.strictObject({
  agencyId: z.uuid({ error: 'Chọn cơ quan của quầy.' }),
  number: z
    .number({ error: 'Số quầy phải là số nguyên từ 1 đến 99.' })
    .int('Số quầy phải là số nguyên từ 1 đến 99.')
    .min(1, 'Số quầy phải là số nguyên từ 1 đến 99.')
    .max(99, 'Số quầy phải là số nguyên từ 1 đến 99.'),
  name: z
    .string()
    .trim()
    .min(1, 'Nhập tên quầy, ví dụ "Quầy Hộ tịch".')
    .max(100, 'Tên quầy tối đa 100 ký tự.'),
  fieldCodes: z.array(FieldCode).max(30).default([]),
  hours: OfficeHours.nullable().default(null),
  appointmentCapacity: z
    .number()
    .int()
    .min(0, 'Số lịch hẹn mỗi khung giờ không được âm.')
    .max(20, 'Tối đa 20 lịch hẹn mỗi khung giờ một quầy.')
    .default(0),
  active: z.boolean().default(true),
});
export type CounterInput = z.infer<typeof CounterInput>;
export const CounterPatch = CounterInput.omit({ agencyId: true }).partial();

export const CounterView = z.object({
  id: z.uuid(),
  agency: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  number: z.number().int(),
  name: z.string(),
  fieldCodes: z.array(z.string()),
  hours: OfficeHours.nullable(),
  appointmentCapacity: z.number().int(),
  state: z.enum(['open', 'closed']),
  officer: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  openedAt: iso,
  active: z.boolean(),
  /** The ticket being called or served here. */
  current: TicketView.nullable(),
  /** Tickets this counter could call now. */
  waiting: z.number().int(),
});
export type CounterView = z.infer<typeof CounterView>;

export const IssueTicketInput = z.strictObject({
  fieldCode: FieldCode,
  priority: z.boolean().default(false),
});

export const CheckInInput = z.strictObject({
  bookingCode: z.string().trim().min(1, 'Quét mã QR hoặc nhập mã lịch hẹn (dạng LH-XXXXXXXX).').max(40),
});

export const TransferInput = z.strictObject({ counterId: z.uuid({ error: 'Chọn quầy nhận chuyển.' }) });
export const LinkDossierInput = z.strictObject({ dossierId: z.uuid({ error: 'Thiếu mã hồ sơ vừa tạo.' }) });

export const BoardState = z.object({
  agency: z.object({ code: z.string(), name: z.string(), address: z.string() }),
  day: z.string(),
  lastEventId: z.number().int(),
  counters: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      name: z.string(),
      state: z.enum(['open', 'closed']),
      fieldCodes: z.array(z.string()),
      serving: z
        .object({ number: z.number().int(), label: z.string(), status: TicketStatus, fieldCode: z.string() })
        .nullable(),
    }),
  ),
  lastCalls: z.array(
    z.object({
      eventId: z.number().int(),
      type: z.enum(['called', 'recalled']),
      number: z.number().int(),
      label: z.string(),
      counterNumber: z.number().int(),
      at: z.string(),
      text: z.string(),
    }),
  ),
  /** The fields the desk serves today (active counters), with how many wait in each. */
  fields: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      waiting: z.number().int(),
      /** Counters open now for the field (0: tickets are still issued, and wait for a counter to open). */
      openCounters: z.number().int(),
    }),
  ),
});
export type BoardState = z.infer<typeof BoardState>;

export const SlotsQuery = z.object({
  field: FieldCode,
  from: z.iso.date({ error: 'Ngày bắt đầu phải có dạng YYYY-MM-DD.' }).optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

export const SlotsView = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  field: z.object({ code: z.string(), name: z.string() }),
  days: z.array(
    z.object({
      day: z.string(),
      working: z.boolean(),
      slots: z.array(
        z.object({ start: z.string(), end: z.string(), capacity: z.number().int(), left: z.number().int() }),
      ),
    }),
  ),
});

export const BookingInput = z.strictObject({
  fieldCode: FieldCode,
  slotStart: z.iso.datetime({ offset: true, error: 'Chọn một khung giờ hẹn.' }),
  name: z.string().trim().min(2, 'Nhập họ và tên người đến làm thủ tục.').max(100),
  phone: z
    .string()
    .trim()
    .regex(/^(0|\+84)\d{9,10}$/, 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).'),
});

export const BookingView = z.object({
  code: z.string(),
  status: z.enum(['booked', 'checked_in', 'cancelled']),
  agency: z.object({ code: z.string(), name: z.string(), address: z.string() }),
  field: z.object({ code: z.string(), name: z.string() }),
  slotStart: z.string(),
  slotEnd: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type BookingView = z.infer<typeof BookingView>;

export const StatsQuery = z.object({
  agency: z.uuid().optional(),
  from: z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD.' }).optional(),
  to: z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD.' }).optional(),
});

const Figures = z.object({
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  waiting: z.number().int(),
  avgWaitMinutes: z.number().nullable(),
  maxWaitMinutes: z.number().nullable(),
  avgServiceMinutes: z.number().nullable(),
});
export const StatsView = z.object({
  agency: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: Figures,
  byField: z.array(Figures.extend({ fieldCode: z.string(), fieldName: z.string() })),
  byCounter: z.array(
    Figures.extend({ counterId: z.string(), counterNumber: z.number().int(), counterName: z.string() }),
  ),
  byHour: z.array(Figures.extend({ hour: z.number().int() })),
  byDay: z.array(Figures.extend({ day: z.string() })),
});
export type StatsView = z.infer<typeof StatsView>;
