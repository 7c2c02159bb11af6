import { z } from 'zod';
import { Channel, SupplementMode, TimeUnit } from '../catalogue/procedure';
import { DEFAULT_WORKFLOW, Workflow } from './workflow';

/** Who did something: a user (with their agency) or the system. */
export const Actor = z.object({
  id: z.uuid().nullable(),
  name: z.string(),
  agencyId: z.uuid().nullable(),
});
export type Actor = z.infer<typeof Actor>;

const Instant = z.iso.datetime({ offset: true });
const base = { at: Instant, actor: Actor.nullable() };

/** Legal regime a dossier was received under (domain.md): forms, numbering and timing rules. */
export const Regime = z.enum(['2018', '2025']);
export type Regime = z.infer<typeof Regime>;

/** How the result reaches the applicant. */
export const ReturnMethod = z.enum(['counter', 'post', 'home', 'online']);
export type ReturnMethod = z.infer<typeof ReturnMethod>;

/**
 * A result handed to the public postal service (dịch vụ bưu chính công ích) for delivery: the item's
 * tracking number (số hiệu bưu gửi), where it goes, and the postal worker who counted and took it
 * (Decision 45/2016/QĐ-TTg Art. 9–10). Listed on the day's hand-over record (biên bản giao nhận).
 */
export const PostalHandover = z.strictObject({
  trackingCode: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9-]{6,40}$/,
      'Số hiệu bưu gửi gồm 6–40 chữ cái không dấu, chữ số, ví dụ EL123456789VN.',
    ),
  address: z.string().trim().min(5, 'Hãy ghi địa chỉ phát kết quả.').max(300),
  courier: z.string().trim().min(2, 'Hãy ghi họ tên nhân viên bưu chính nhận kết quả.').max(150),
});
export type PostalHandover = z.infer<typeof PostalHandover>;

/**
 * A dossier's history is a list of these events, appended, never changed. Each event carries the
 * figures computed when it happened (due instants from the calendar), so the fold below needs no
 * calendar and replays exactly.
 */
export const DossierEvent = z.discriminatedUnion('type', [
  /** Online or postal dossier arrived, waiting for the desk's check (DVCQG 1). */
  z.object({
    ...base,
    type: z.literal('submitted'),
    channel: Channel,
    agencyId: z.uuid(),
    /** The case (trường hợp) chosen for a procedure with cases; absent otherwise. */
    case: z.string().optional(),
  }),
  /** Complete and valid: accepted with a code and a due instant (DVCQG 2). */
  z.object({
    ...base,
    type: z.literal('accepted'),
    channel: Channel,
    code: z.string(),
    regime: Regime,
    /** The limit counted (channel's time, agency's committed time) and the procedure's own same-day cut-off. */
    legalTime: z.object({ amount: z.number(), unit: TimeUnit, cutoff: z.string().optional() }),
    dueAt: Instant,
    /** The procedure's workflow in force at acceptance; the dossier follows it to the end. */
    workflow: Workflow.default(DEFAULT_WORKFLOW),
    supplementMode: SupplementMode.default('restart'),
  }),
  /** Refused at reception, with the reason (Mẫu 03; DVCQG 3). */
  z.object({ ...base, type: z.literal('refused'), reason: z.string() }),
  /** Moved to a workflow step (and possibly another agency), optionally to one officer. */
  z.object({
    ...base,
    type: z.literal('routed'),
    step: z.string(),
    agencyId: z.uuid(),
    assigneeId: z.uuid().nullable(),
    note: z.string().nullable(),
    back: z.boolean().default(false),
  }),
  /** An officer took the dossier at its current step. */
  z.object({ ...base, type: z.literal('claimed'), assigneeId: z.uuid() }),
  /**
   * Supplement requested (Mẫu 02; DVCQG 5): at reception (before acceptance, no clock yet) or after
   * appraisal (within 3 working days of acceptance; the clock stops).
   */
  z.object({
    ...base,
    type: z.literal('supplement-requested'),
    items: z.array(z.string()).min(1),
    reason: z.string(),
    mode: z.enum(['restart', 'pause']),
    remainingMinutes: z.number(),
  }),
  /**
   * The supplement arrived: the clock runs again with a new due instant (none before acceptance). At the desk
   * the officer ticks which requested documents were handed in (`components`, items of the request).
   */
  z.object({
    ...base,
    type: z.literal('supplement-received'),
    dueAt: Instant.nullable(),
    components: z.array(z.string()).optional(),
    note: z.string().nullable().optional(),
  }),
  /** A financial obligation is asked of the applicant (DVCQG 6): the clock pauses. */
  z.object({
    ...base,
    type: z.literal('financial-requested'),
    amountVnd: z.number().int().min(0),
    description: z.string(),
    remainingMinutes: z.number(),
  }),
  z.object({ ...base, type: z.literal('financial-met'), dueAt: Instant }),
  /** An extension the procedure's law allows (not an apology): the legal due instant moves. */
  z.object({
    ...base,
    type: z.literal('extended'),
    amount: z.number().positive(),
    unit: TimeUnit,
    reason: z.string(),
    dueAt: Instant,
  }),
  /** The late agency's apology with a new appointment (Mẫu 04), once; the legal due instant stays. */
  z.object({
    ...base,
    type: z.literal('apologized'),
    reason: z.string(),
    newAppointmentAt: Instant,
    /** Issued no later than 1 working day before the due instant, as the law requires. */
    timely: z.boolean().default(true),
  }),
  /** The competent leader's decision on the merits. */
  z.object({
    ...base,
    type: z.literal('decided'),
    outcome: z.enum(['approved', 'rejected']),
    comment: z.string(),
  }),
  /** The result is ready to return (DVCQG 9): processing ends here for on-time statistics. */
  z.object({ ...base, type: z.literal('result-ready'), documents: z.array(z.string()).default([]) }),
  /** Returned to the applicant (DVCQG 10). */
  z.object({
    ...base,
    type: z.literal('returned'),
    method: ReturnMethod,
    receiver: z.string().nullable(),
    receiverIdNumber: z.string().nullable().default(null),
    /** Returned before the appointment: how the applicant was told first. */
    earlyNotice: z.string().nullable().default(null),
    /** Returned by post: the hand-over to the postal worker. */
    postal: PostalHandover.nullable().default(null),
  }),
  /** Withdrawn at the applicant's request (DVCQG 7). */
  z.object({ ...base, type: z.literal('withdrawn'), reason: z.string() }),
  /** Processing stopped (DVCQG 8; 2025 regime's stop notice). */
  z.object({ ...base, type: z.literal('stopped'), reason: z.string() }),
  /** The calendar changed (an official schedule was entered): the due instant was recomputed. */
  z.object({ ...base, type: z.literal('retimed'), dueAt: Instant, reason: z.string() }),
  /**
   * The officers holding a dossier and their leaders were warned that it risks being late (the apology
   * with a new appointment is due 1 working day before the due date). Sent once per level and due date.
   */
  z.object({
    ...base,
    type: z.literal('warned'),
    level: z.enum(['apology-due', 'apology-late']),
    dueAt: Instant,
    apologyBy: Instant,
    recipients: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })),
  }),
]);
export type DossierEvent = z.infer<typeof DossierEvent>;
export type DossierEventType = DossierEvent['type'];
