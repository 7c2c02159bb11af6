/**
 * Verified notices from the payment gateway: `applyGatewayNotice` marks a payment paid once, answers a replay
 * as the first time, and refuses (recording it for the desk) what contradicts the record. Re-exported by
 * `payments.service.ts`.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { auditLog, payments } from '../../db/schema';
import { AppError } from '../../errors';
import type { GatewayNotice, PaymentGateway } from './gateway';
import type { PaymentRaw } from './payments.service';

export type CallbackOutcome =
  /** The reference is paid; `failedNotice`: this notice reported a failed transaction, which changes nothing. */
  | { kind: 'paid'; reference: string; duplicate: boolean; failedNotice?: true }
  | { kind: 'failed-noted'; reference: string }
  /** Refused, but recorded: the route answers 409 after the audit line commits. */
  | { kind: 'rejected'; reference: string; code: string; message: string };

/**
 * A verified gateway notice: marks the payment paid once. A replay of the same transaction answers as
 * the first time and writes nothing; a second, different transaction for a paid reference, a wrong
 * amount or a cancelled request is refused (the route answers 409) and recorded in the audit log for the desk.
 * A failed transaction never unpays a paid reference: another attempt that failed is answered with the truth
 * (the reference is paid) and recorded; the very transaction that paid it reported failed afterwards
 * contradicts the record, so it is refused (409 `NOTICE_CONTRADICTS_PAYMENT`) and recorded for the desk.
 */
export async function applyGatewayNotice(
  db: Db,
  gateway: PaymentGateway,
  n: GatewayNotice,
  now: Date,
): Promise<CallbackOutcome> {
  const p = (await db.select().from(payments).where(eq(payments.reference, n.reference)).for('update'))[0];
  if (!p) throw new AppError(404, 'PAYMENT_NOT_FOUND', `Không có yêu cầu thanh toán mã ${n.reference}.`);
  const audit = (action: string, data: Record<string, unknown>) =>
    db.insert(auditLog).values({
      at: now,
      actorId: null,
      action,
      entity: 'dossier',
      entityId: p.dossierId,
      data: { paymentId: p.id, reference: p.reference, gateway: gateway.name, notice: n, ...data },
    });
  if (p.status === 'paid') {
    const sameTxn = p.method === 'gateway' && p.gatewayTxn === `${gateway.name}:${n.txnId}`;
    if (sameTxn && n.status === 'failed') {
      await audit('payment.callback.rejected', {
        reason: 'NOTICE_CONTRADICTS_PAYMENT',
        paymentStatus: 'paid',
      });
      return {
        kind: 'rejected',
        reference: p.reference,
        code: 'NOTICE_CONTRADICTS_PAYMENT',
        message: `Giao dịch ${n.txnId} đã được ghi nhận là thành công cho khoản ${p.reference}; thông báo thất bại này mâu thuẫn nên không được áp dụng (khoản vẫn là đã nộp) và đã được ghi lại để bộ phận một cửa kiểm tra.`,
      };
    }
    if (sameTxn) return { kind: 'paid', reference: p.reference, duplicate: true };
    if (n.status === 'failed') {
      await audit('payment.callback.failed', { paymentStatus: 'paid' });
      return { kind: 'paid', reference: p.reference, duplicate: false, failedNotice: true };
    }
    await audit('payment.callback.rejected', { reason: 'ALREADY_PAID' });
    return {
      kind: 'rejected',
      reference: p.reference,
      code: 'ALREADY_PAID',
      message: `Khoản ${p.reference} đã được nộp trước đó; giao dịch này cần hoàn trả.`,
    };
  }
  if (n.status === 'failed') {
    await audit('payment.callback.failed', {});
    return { kind: 'failed-noted', reference: p.reference };
  }
  if (p.status === 'cancelled') {
    await audit('payment.callback.rejected', { reason: 'PAYMENT_CANCELLED' });
    return {
      kind: 'rejected',
      reference: p.reference,
      code: 'PAYMENT_CANCELLED',
      message: `Yêu cầu ${p.reference} đã bị hủy; giao dịch này cần hoàn trả.`,
    };
  }
  if (n.amountVnd !== p.amountVnd) {
    await audit('payment.callback.rejected', { reason: 'AMOUNT_MISMATCH' });
    return {
      kind: 'rejected',
      reference: p.reference,
      code: 'AMOUNT_MISMATCH',
      message: `Số tiền ${n.amountVnd} đồng khác số phải nộp ${p.amountVnd} đồng cho khoản ${p.reference}.`,
    };
  }
  const raw = (p.raw ?? {}) as PaymentRaw;
  await db
    .update(payments)
    .set({
      status: 'paid',
      method: 'gateway',
      gatewayTxn: `${gateway.name}:${n.txnId}`,
      confirmedAt: now,
      raw: { ...raw, confirmation: { by: 'gateway', gateway: gateway.name, notice: n } },
    })
    .where(eq(payments.id, p.id));
  await audit('payment.confirmed', { method: 'gateway' });
  return { kind: 'paid', reference: p.reference, duplicate: false };
}
