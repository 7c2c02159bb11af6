import { z } from 'zod';

export const FeedbackKind = z.enum(['complaint', 'recommendation']);
export const FEEDBACK_KIND_VI = { complaint: 'Phản ánh', recommendation: 'Kiến nghị' } as const;

/**
 * A feedback or recommendation (phản ánh, kiến nghị; Decree 20/2008/NĐ-CP) about a procedure or a
 * dossier. Anyone may send one; without an account the sender gives a name and a phone or e-mail
 * (the decree asks for the sender's name and contact).
 */
export const FeedbackInput = z
  .strictObject({
    kind: FeedbackKind,
    /** The agency addressed (mã định danh); taken from the dossier when a dossier code is given. */
    agencyCode: z.string().trim().max(40).optional(),
    procedureCode: z.string().trim().max(40).optional(),
    dossierCode: z.string().trim().max(60).optional(),
    authorName: z.string().trim().min(2, 'Hãy nhập họ và tên người gửi.').max(150).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ (ví dụ 0912345678).')
      .optional(),
    email: z.email('Thư điện tử không hợp lệ.').optional(),
    title: z.string().trim().min(5, 'Tiêu đề cần ít nhất 5 ký tự.').max(200, 'Tiêu đề tối đa 200 ký tự.'),
    content: z
      .string()
      .trim()
      .min(10, 'Hãy trình bày nội dung phản ánh, kiến nghị (ít nhất 10 ký tự).')
      .max(5000, 'Nội dung tối đa 5.000 ký tự.'),
  })
  .refine((v) => v.procedureCode || v.dossierCode, {
    message: 'Hãy chọn thủ tục hoặc nhập mã hồ sơ mà phản ánh, kiến nghị đề cập.',
    path: ['procedureCode'],
  });
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const FeedbackStatus = z.enum(['new', 'answered', 'published']);

export const FeedbackItem = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: FeedbackKind,
  status: FeedbackStatus,
  agency: z.object({ code: z.string(), name: z.string() }),
  procedure: z.object({ code: z.string(), name: z.string() }).nullable(),
  dossierCode: z.string().nullable(),
  authorName: z.string(),
  /** Staff only. */
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  title: z.string(),
  content: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  published: z.boolean(),
  createdAt: z.string(),
});
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const FeedbackListQuery = z.object({
  status: FeedbackStatus.optional(),
  kind: FeedbackKind.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PublicFeedbackQuery = z.object({
  agencyCode: z.string().trim().max(40).optional(),
  procedureCode: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

export const AnswerBody = z.strictObject({
  answer: z.string().trim().min(10, 'Nội dung trả lời cần ít nhất 10 ký tự.').max(10_000),
  publish: z.boolean().default(false),
});

export const PublishBody = z.strictObject({ published: z.boolean() });

/** The answer to a feedback sent: its code and the agency it went to (POST /feedback). */
export const FeedbackReceived = z.object({ code: z.string(), agency: z.string() });
export type FeedbackReceived = z.infer<typeof FeedbackReceived>;
