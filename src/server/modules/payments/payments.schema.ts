import { z } from 'zod';
import { FeeChoice } from '../../../domain/payment/fees';

export const FeeLineView = z.object({
  index: z.number().int(),
  kind: z.string(),
  name: z.string(),
  amountVnd: z.number().int().nullable(),
  rule: z.string().nullable(),
  exemptions: z.string().nullable(),
  optional: z.boolean(),
  otherChannel: z.boolean(),
  owed: z.boolean(),
});

export const PaymentView = z.object({
  id: z.uuid(),
  reference: z.string(),
  purpose: z.string(),
  amountVnd: z.number().int(),
  status: z.enum(['pending', 'paid', 'cancelled']),
  method: z.enum(['vietqr', 'gateway', 'counter']).nullable(),
  lines: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      amountVnd: z.number().int(),
      exemptReason: z.string().nullable(),
    }),
  ),
  note: z.string().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  gatewayTxn: z.string().nullable(),
  /** The VietQR payload and its image (PNG data URL), while the request is pending and an account is set. */
  qr: z.object({ payload: z.string(), image: z.string() }).nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const FeesView = z.object({
  dossier: z.object({
    id: z.uuid(),
    code: z.string().nullable(),
    procedureName: z.string(),
    agency: z.object({ code: z.string(), name: z.string() }),
    channel: z.enum(['counter', 'online', 'postal']),
    status: z.number().int(),
  }),
  lines: z.array(FeeLineView),
  knownTotalVnd: z.number().int(),
  needsDesk: z.boolean(),
  account: z
    .object({
      bankName: z.string(),
      bin: z.string(),
      accountNumber: z.string(),
      accountName: z.string(),
      illustrative: z.boolean(),
    })
    .nullable(),
  payments: z.array(PaymentView),
  /** The applicant may create the payment request themselves (fixed fees, nothing pending or paid). */
  canSelfRequest: z.boolean(),
});
export type FeesView = z.infer<typeof FeesView>;

export const PaymentRequestBody = z.strictObject({
  lines: z.array(FeeChoice).min(1, 'Hãy chọn ít nhất một khoản phí, lệ phí.').max(50).optional(),
  note: z.string().trim().max(500).optional(),
});

export const ConfirmBody = z.strictObject({
  method: z.enum(['cash', 'transfer'], { error: 'Hãy chọn hình thức nộp: tiền mặt hoặc chuyển khoản.' }),
  receiptNo: z.string().trim().max(50).optional(),
  note: z.string().trim().max(500).optional(),
});

export const CancelBody = z.strictObject({
  reason: z.string().trim().min(3, 'Hãy ghi rõ lý do hủy yêu cầu thanh toán.').max(500),
});
