import { z } from 'zod';
import { HHMM } from '../agency/agency';
import { MINUTES_PER_WORKING_DAY } from '../calendar/local';
import { CHANNEL_LABELS_VI, formatProcessingTime } from './labels';

export {
  CHANNEL_LABELS_VI,
  formatProcessingTime,
  ONLINE_LEVEL_LABELS_VI,
  TIME_UNIT_LABELS_VI,
} from './labels';

/** National TTHC code as published in the national procedure database, e.g. `1.001193`. */
export const ProcedureCode = z
  .string()
  .trim()
  .regex(/^\d\.\d{6}$/, 'Mã thủ tục phải theo Cơ sở dữ liệu quốc gia, dạng 1.001193.');
export type ProcedureCode = z.infer<typeof ProcedureCode>;

/** Field (lĩnh vực): the domain a procedure belongs to. */
export const FieldCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,20}$/, 'Mã lĩnh vực gồm 1–20 ký tự chữ, số, dấu chấm, gạch.');
/**
 * Where a version's content came from (nguồn): the page of the national catalogue (CSDLQG) it was taken from,
 * when, and the publishing decision it cites; or the province's decision that published it. `notes` are the
 * curators' notes (what the source showed, what is still to be checked): the administration's, never a citizen's.
 */
export const ProcedureSource = z.object({
  url: z.string().optional(),
  retrieved: z.string().optional(),
  publication: z.string().nullable().optional(),
  decision: z.string().optional(),
  notes: z.string().nullable().optional(),
});
export type ProcedureSource = z.infer<typeof ProcedureSource>;

export const Field = z.object({
  code: FieldCode,
  name: z.string().trim().min(1, 'Hãy nhập tên lĩnh vực.').max(200),
  sector: z.string().trim().max(200).default(''), // ngành, e.g. Tư pháp
});
export type Field = z.infer<typeof Field>;

/**
 * Legal processing time (thời hạn giải quyết). `amount: 0` with working days is "trong ngày" (same
 * day); half a day (trong buổi) is 4 working hours. `text` keeps the published wording.
 */
export const TimeUnit = z.enum(['working-days', 'working-hours', 'calendar-days']);
export type TimeUnit = z.infer<typeof TimeUnit>;
export const ProcessingTime = z
  .object({
    amount: z.number().min(0, 'Thời hạn không được âm.').max(3650),
    unit: TimeUnit,
    text: z.string().trim().max(2000).nullable().default(null),
    /**
     * The procedure's own same-day cut-off (giờ chốt) where its sectoral law sets one; it wins over the
     * agency's (calendar.md §3). Only meaningful for "trong ngày" (0 working days).
     */
    sameDayCutoff: HHMM.nullable().default(null),
  })
  .refine((t) => t.sameDayCutoff === null || (t.unit === 'working-days' && t.amount === 0), {
    message: 'Giờ chốt riêng chỉ áp dụng cho thủ tục giải quyết trong ngày.',
    path: ['sameDayCutoff'],
  });
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/** Fee (phí) or charge (lệ phí): a fixed amount, or a rule when the amount varies (set by the province…). */
export const FeeKind = z.enum(['phí', 'lệ phí']);
export const Fee = z.object({
  kind: FeeKind,
  name: z.string().trim().min(1, 'Hãy nhập tên khoản phí, lệ phí.').max(500),
  amountVnd: z.number().int().min(0).nullable(),
  rule: z.string().trim().max(2000).nullable().default(null),
  exemptions: z.string().trim().max(2000).nullable().default(null),
});
export type Fee = z.infer<typeof Fee>;

export const Channel = z.enum(['counter', 'online', 'postal']);
export type Channel = z.infer<typeof Channel>;

/** A dossier component (thành phần hồ sơ). */
export const Component = z.object({
  name: z.string().trim().min(1, 'Hãy nhập tên thành phần hồ sơ.').max(1000),
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  required: z.boolean(),
  condition: z.string().trim().max(1000).nullable().default(null), // "trường hợp …"
  /**
   * The case (trường hợp) this component belongs to, when the procedure lists alternatives: a short label of the
   * applicant's situation, the same words on every component of that case; null: every case. The procedure's
   * cases are derived from these labels (`procedureCases`); a required component of a case is enforced once that
   * case is chosen, whatever its `condition` says (kept for display).
   */
  case: z.string().trim().min(1).max(300).nullable().default(null),
  /**
   * The ways of submitting that ask for this component (e.g. the paper declaration at the counter and by post,
   * the interactive e-form online); null: every way. A component whose only condition is the channel is required
   * on its channels (`missingComponents`).
   */
  channels: z.array(Channel).min(1).nullable().default(null),
  formTemplate: z.string().trim().max(500).nullable().default(null), // name of the template (mẫu đơn, tờ khai)
  templateFileId: z.string().nullable().default(null),
});
export type Component = z.infer<typeof Component>;

/** One field of a procedure's e-form, used for online submission and counter entry. */
export const FormFieldType = z.enum([
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'national-id',
  'phone',
  'email',
  'address',
  'file',
]);
export type FormFieldType = z.infer<typeof FormFieldType>;

/**
 * What a field of a declaration takes when the person asking (người yêu cầu) is the person the paper is for
 * (người được cấp) — a certificate of one's own marital status, an extract of one's own birth record: the
 * requester's name, ID number, date of birth or address, or "Bản thân" for the relationship. Filled on request
 * ("Tôi xin cấp cho chính mình"), never silently: the same declaration is also used for someone else.
 */
export const SelfSource = z.enum(['fullName', 'idNumber', 'dateOfBirth', 'address', 'relation']);
export type SelfSource = z.infer<typeof SelfSource>;

export const FormField = z
  .object({
    key: z
      .string()
      .regex(
        /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/,
        'Khóa trường chỉ gồm chữ không dấu, số và gạch dưới, bắt đầu bằng chữ.',
      ),
    label: z.string().trim().min(1, 'Hãy nhập nhãn của trường.').max(200),
    type: FormFieldType,
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    help: z.string().trim().max(500).nullable().default(null),
    self: SelfSource.nullable().default(null),
  })
  .refine((f) => !f.self || SELF_TYPES[f.self].includes(f.type), {
    path: ['self'],
    message:
      'Trường này không nhận được thông tin đó của người yêu cầu: hãy chọn đúng kiểu trường (họ tên, quan hệ: chữ; số định danh: số định danh; ngày sinh: ngày; địa chỉ: địa chỉ).',
  });
export type FormField = z.infer<typeof FormField>;

/** The field types that can hold each of the requester's details. */
const SELF_TYPES: Record<SelfSource, readonly FormFieldType[]> = {
  fullName: ['text'],
  idNumber: ['national-id', 'text'],
  dateOfBirth: ['date'],
  address: ['address'],
  relation: ['text', 'textarea'],
};

/**
 * A time published for one channel only (e.g. land procedures: shorter online than at the counter).
 * Channels without one use the procedure's processing time.
 */
export const ChannelTime = z.object({
  channel: Channel,
  amount: z.number().min(0, 'Thời hạn không được âm.').max(3650),
  unit: TimeUnit,
});
export type ChannelTime = z.infer<typeof ChannelTime>;

/** Online service level (Decree 42/2022): full (toàn trình), partial (một phần), or none. */
export const OnlineLevel = z.enum(['full', 'partial', 'none']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

export const ProcedureLevel = z.enum(['province', 'district', 'commune']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** What a supplement request after acceptance does to the clock (calendar.md §4). */
export const SupplementMode = z.enum(['restart', 'pause']);

/** The content of one version of a procedure: everything a citizen and an officer need. */
export const ProcedureContent = z.object({
  name: z.string().trim().min(1, 'Hãy nhập tên thủ tục.').max(1000),
  fieldCode: FieldCode,
  level: ProcedureLevel,
  implementingAgency: z.string().trim().min(1, 'Hãy nhập cơ quan thực hiện.').max(500),
  decidingAgency: z.string().trim().max(500).nullable().default(null),
  processingTime: ProcessingTime,
  channelTimes: z
    .array(ChannelTime)
    .max(3)
    .default([])
    .refine((l) => new Set(l.map((t) => t.channel)).size === l.length, {
      message: 'Mỗi cách thức thực hiện chỉ có một thời hạn riêng.',
    }),
  fees: z.array(Fee).max(50).default([]),
  components: z.array(Component).max(100).default([]),
  requirements: z.array(z.string().trim().min(1).max(4000)).max(100).default([]),
  result: z.string().trim().max(2000).default(''),
  legalBasis: z.array(z.string().trim().min(1).max(1000)).max(100).default([]),
  channels: z.array(Channel).min(1, 'Hãy chọn ít nhất một cách thức thực hiện.').default(['counter']),
  onlineLevel: OnlineLevel.default('none'),
  interconnected: z
    .object({ with: ProcedureLevel, description: z.string().trim().max(2000) })
    .nullable()
    .default(null),
  supplementMode: SupplementMode.default('restart'),
  eform: z.array(FormField).max(200).default([]),
});
export type ProcedureContent = z.infer<typeof ProcedureContent>;

/** A publication decision (quyết định công bố) that adds, amends or abolishes procedures. */
export const DecisionAction = z.enum(['add', 'amend', 'abolish']);
export type DecisionAction = z.infer<typeof DecisionAction>;
export const PublicationDecision = z.object({
  number: z.string().trim().min(1, 'Hãy nhập số quyết định.').max(100), // e.g. 1234/QĐ-UBND
  signedOn: z.iso.date('Ngày ký phải có dạng YYYY-MM-DD.'),
  effectiveOn: z.iso.date('Ngày hiệu lực phải có dạng YYYY-MM-DD.'),
  issuer: z.string().trim().min(1, 'Hãy nhập cơ quan ban hành.').max(300),
  title: z.string().trim().max(1000).default(''),
});
export type PublicationDecision = z.infer<typeof PublicationDecision>;

const WORKING_MINUTES = { 'working-days': MINUTES_PER_WORKING_DAY, 'working-hours': 60 } as const;
type Limit = { amount: number; unit: TimeUnit };

/**
 * How time limit `a` compares with `b`: negative when shorter, 0 when equal, positive when longer; null
 * when they cannot be compared (working time against calendar days).
 */
export function compareTimeLimits(a: Limit, b: Limit): number | null {
  if ((a.unit === 'calendar-days') !== (b.unit === 'calendar-days')) return null;
  if (a.unit === 'calendar-days') return a.amount - b.amount;
  return (
    a.amount * WORKING_MINUTES[a.unit as keyof typeof WORKING_MINUTES] -
    b.amount * WORKING_MINUTES[b.unit as keyof typeof WORKING_MINUTES]
  );
}

/** Whether `a` is strictly shorter than `b` (working time with working time, calendar days with calendar days). */
function shorter(a: Limit, b: Limit): boolean {
  const c = compareTimeLimits(a, b);
  return c !== null && c < 0;
}

/**
 * The time limit a dossier received through `channel` is counted against: the channel's own published
 * time when there is one, else the procedure's; the receiving agency's committed time (thời hạn cam kết,
 * per-agency adoption) when it is shorter; and the procedure's own same-day cut-off, if any.
 */
export function dossierTimeLimit(
  content: Pick<ProcedureContent, 'processingTime' | 'channelTimes'>,
  channel: Channel,
  committed: Limit | null = null,
): { amount: number; unit: TimeUnit; cutoff?: string } {
  const own = content.channelTimes.find((t) => t.channel === channel);
  let limit: Limit = own
    ? { amount: own.amount, unit: own.unit }
    : { amount: content.processingTime.amount, unit: content.processingTime.unit };
  if (committed && shorter(committed, limit)) limit = { amount: committed.amount, unit: committed.unit };
  const cutoff = content.processingTime.sameDayCutoff;
  return cutoff && limit.unit === 'working-days' && limit.amount === 0 ? { ...limit, cutoff } : limit;
}

/**
 * The whole time rule in one line, for pages and version comparison: "05 ngày làm việc; Trực tuyến:
 * 03 ngày làm việc" or "Trong ngày (nhận đến 16:00)".
 */
export function describeProcessingTime(c: Pick<ProcedureContent, 'processingTime' | 'channelTimes'>): string {
  const base =
    formatProcessingTime(c.processingTime) +
    (c.processingTime.sameDayCutoff ? ` (nhận đến ${c.processingTime.sameDayCutoff})` : '');
  const perChannel = c.channelTimes.map((t) => `${CHANNEL_LABELS_VI[t.channel]}: ${formatProcessingTime(t)}`);
  return [base, ...perChannel].join('; ');
}
