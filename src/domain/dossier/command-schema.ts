import { z } from 'zod';
import { TimeUnit } from '../catalogue/procedure';
import { PostalHandover, ReturnMethod } from './events';

const Reason = z.string().trim().min(3, 'Hãy ghi rõ lý do.').max(4000);
const Note = z.string().trim().max(2000).optional();
const Instant = z.iso.datetime({ offset: true, message: 'Thời điểm phải có dạng ISO-8601.' });

/**
 * What an officer may do to a dossier (thao tác xử lý). One schema for API validation, OpenAPI
 * and the desk's forms; `decide()` (commands.ts) turns a command into events, or refuses it.
 */
export const DossierCommand = z.discriminatedUnion('action', [
  /** Online or postal dossier checked and found complete (tiếp nhận). */
  z.strictObject({ action: z.literal('accept'), note: Note }),
  /** Not within competence or not eligible (Mẫu 03). */
  z.strictObject({ action: z.literal('refuse'), reason: Reason }),
  /** Take the dossier at its current step (nhận xử lý). */
  z.strictObject({ action: z.literal('claim') }),
  /** A leader gives the dossier to one officer (phân công). */
  z.strictObject({ action: z.literal('assign'), assigneeId: z.uuid() }),
  /** Hand over to the next step (chuyển bước tiếp theo). */
  z.strictObject({ action: z.literal('forward'), note: Note, assigneeId: z.uuid().optional() }),
  /** Return to the previous step with the reason (trả lại bước trước). */
  z.strictObject({ action: z.literal('send-back'), reason: Reason }),
  /** Ask for supplements (Mẫu 02): at reception, or after appraisal within 3 working days. */
  z.strictObject({
    action: z.literal('request-supplement'),
    items: z.array(z.string().trim().min(2).max(1000)).min(1, 'Hãy liệt kê giấy tờ cần bổ sung.').max(50),
    reason: Reason,
  }),
  /**
   * The supplement arrived at the desk (nhận bổ sung): the officer ticks which of the requested documents
   * (the items of the last request, Mẫu 02) were handed in; at least one.
   */
  z.strictObject({
    action: z.literal('receive-supplement'),
    components: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
    note: Note,
  }),
  /**
   * The applicant sends the missing documents through the portal (nộp bổ sung trực tuyến): for a dossier
   * they submitted themselves, this is the supplement's receipt — the clock resumes at that instant.
   */
  z.strictObject({ action: z.literal('submit-supplement'), note: Note }),
  /** Ask the applicant to pay a financial obligation (nghĩa vụ tài chính). */
  z.strictObject({
    action: z.literal('request-financial'),
    amountVnd: z.number().int().min(0).max(1e13),
    description: Reason,
  }),
  z.strictObject({ action: z.literal('confirm-financial'), note: Note }),
  /** An extension the procedure's own law allows (gia hạn). */
  z.strictObject({
    action: z.literal('extend'),
    amount: z.number().positive().max(365),
    unit: TimeUnit,
    reason: Reason,
  }),
  /** The late agency's apology with a new appointment (Mẫu 04), once per dossier. */
  z.strictObject({ action: z.literal('apologize'), reason: Reason, newAppointmentAt: Instant }),
  /** The deciding leader's decision (phê duyệt / từ chối giải quyết), ending processing. */
  z.strictObject({
    action: z.literal('decide'),
    outcome: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(4000).default(''),
    documents: z.array(z.uuid()).max(20).default([]),
  }),
  /** The result handed to the applicant (trả kết quả). */
  z.strictObject({
    action: z.literal('return'),
    method: ReturnMethod,
    receiver: z.string().trim().max(150).optional(),
    receiverIdNumber: z.string().trim().max(20).optional(),
    earlyNotice: z.string().trim().max(500).optional(),
    /** By post: what the postal worker took (Decision 45/2016 Art. 9–10). */
    postal: PostalHandover.optional(),
  }),
  /** The applicant withdrew the dossier in writing (rút hồ sơ). */
  z.strictObject({ action: z.literal('withdraw'), reason: Reason }),
  /** Processing stops (dừng xử lý; 2025: Mẫu 05). */
  z.strictObject({ action: z.literal('stop'), reason: Reason }),
]);
export type DossierCommand = z.infer<typeof DossierCommand>;
export type DossierAction = DossierCommand['action'];

export const ACTION_LABELS_VI: Record<DossierAction, string> = {
  accept: 'Tiếp nhận',
  refuse: 'Từ chối tiếp nhận',
  claim: 'Nhận xử lý',
  assign: 'Phân công',
  forward: 'Chuyển bước tiếp',
  'send-back': 'Trả lại bước trước',
  'request-supplement': 'Yêu cầu bổ sung',
  'receive-supplement': 'Nhận hồ sơ bổ sung',
  'submit-supplement': 'Nộp bổ sung trực tuyến',
  'request-financial': 'Yêu cầu nghĩa vụ tài chính',
  'confirm-financial': 'Xác nhận đã nộp nghĩa vụ tài chính',
  extend: 'Gia hạn',
  apologize: 'Xin lỗi và hẹn lại',
  decide: 'Phê duyệt / từ chối giải quyết',
  return: 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
};
