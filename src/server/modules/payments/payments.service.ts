import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import { toLocalIso } from '../../../domain/calendar';
import { isStaff } from '../../../domain/identity/role';
import {
  assessFees,
  type ChargedLine,
  chargeFees,
  type FeeChoice,
  paymentReference,
} from '../../../domain/payment/fees';
import { buildVietQr } from '../../../domain/payment/vietqr';
import type { Db } from '../../db/database';
import {
  agencies,
  auditLog,
  dossierEvents,
  dossiers,
  payments,
  procedureVersions,
  users,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { visibleDossier } from '../dossiers/access';
import { accountFor, type PaymentSettings } from './payments.config';
import type { FeesView, PaymentView } from './payments.schema';
import { ENDED_WITHOUT_RESULT, statusIn } from '../../../domain/dossier/lifecycle';

export { applyGatewayNotice, type CallbackOutcome } from './gateway-notice';

type DossierRow = typeof dossiers.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;

/** What a payment row keeps in `raw`: the charged lines, the desk's note, the confirmation or cancellation. */
export interface PaymentRaw {
  lines?: ChargedLine[];
  note?: string | null;
  confirmation?: Record<string, unknown>;
  cancellation?: { reason: string; by: string; at: string };
}

/**
 * The dossier, if the caller may see its fees: staff in scope, or the citizen who submitted it
 * (404 otherwise, as for the dossier itself).
 */
export async function accessibleDossier(
  db: Db,
  actor: AuthUser,
  id: string,
  lock = false,
): Promise<DossierRow> {
  if (isStaff(actor.roles)) return visibleDossier(db, actor, id, lock);
  const q = db.select().from(dossiers).where(eq(dossiers.id, id));
  const d = (await (lock ? q.for('update') : q))[0];
  if (!d) throw errors.notFound('hồ sơ');
  const first = (
    await db
      .select({ actorId: dossierEvents.actorId })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, id))
      .orderBy(asc(dossierEvents.seq))
      .limit(1)
  )[0];
  if (!actor.roles.includes('citizen') || first?.actorId !== actor.id) throw errors.notFound('hồ sơ');
  return d;
}

/** The dossier with this code (public tracking), or 404. */
export async function dossierByCode(db: Db, code: string, lock = false): Promise<DossierRow> {
  const q = db.select().from(dossiers).where(eq(dossiers.code, code.trim().toUpperCase()));
  const d = (await (lock ? q.for('update') : q))[0];
  if (!d) throw errors.notFound(`hồ sơ mã ${code}`);
  return d;
}

async function context(db: Db, d: DossierRow) {
  const row = (
    await db
      .select({ a: agencies, v: procedureVersions })
      .from(agencies)
      .innerJoin(procedureVersions, eq(procedureVersions.id, d.procedureVersionId))
      .where(eq(agencies.id, d.agencyId))
  )[0]!;
  return { agency: row.a, content: row.v.content };
}

async function qrFor(settings: PaymentSettings, agencyCode: string, p: PaymentRow) {
  const account = accountFor(settings, agencyCode);
  if (!account || p.status !== 'pending' || p.amountVnd <= 0) return null;
  const payload = buildVietQr({
    bin: account.bin,
    accountNumber: account.accountNumber,
    amountVnd: p.amountVnd,
    purpose: p.reference,
  });
  const image = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 280 });
  return { payload, image };
}

async function paymentViews(
  db: Db,
  settings: PaymentSettings,
  agencyCode: string,
  rows: PaymentRow[],
  showStaff: boolean,
): Promise<PaymentView[]> {
  const ids = [...new Set(rows.map((r) => r.confirmedBy).filter((x): x is string => x !== null))];
  const names = new Map(
    showStaff && ids.length
      ? (await db.select({ id: users.id, n: users.fullName }).from(users).where(inArray(users.id, ids))).map(
          (u) => [u.id, u.n],
        )
      : [],
  );
  return Promise.all(
    rows.map(async (p) => {
      const raw = (p.raw ?? {}) as PaymentRaw;
      return {
        id: p.id,
        reference: p.reference,
        purpose: p.purpose,
        amountVnd: p.amountVnd,
        status: p.status,
        method: p.method ?? null,
        lines: (raw.lines ?? []).map((l) => ({
          name: l.name,
          kind: l.kind,
          amountVnd: l.amountVnd,
          exemptReason: l.exemptReason,
        })),
        note: raw.note ?? null,
        createdAt: toLocalIso(p.createdAt),
        confirmedAt: p.confirmedAt ? toLocalIso(p.confirmedAt) : null,
        confirmedBy: p.confirmedBy ? (names.get(p.confirmedBy) ?? null) : null,
        gatewayTxn: showStaff ? (p.gatewayTxn ?? null) : null,
        qr: await qrFor(settings, agencyCode, p),
      };
    }),
  );
}

/** What the dossier owes, where to pay, and its payment requests (newest first). */
export async function feesView(
  db: Db,
  settings: PaymentSettings,
  d: DossierRow,
  opts: { staff: boolean },
): Promise<FeesView> {
  const { agency, content } = await context(db, d);
  const assessment = assessFees(content.fees, d.channel);
  const rows = await db
    .select()
    .from(payments)
    .where(eq(payments.dossierId, d.id))
    .orderBy(desc(payments.createdAt), desc(payments.reference));
  const account = accountFor(settings, agency.code);
  const pending = rows.some((r) => r.status === 'pending');
  const paid = rows.some((r) => r.status === 'paid');
  return {
    dossier: {
      id: d.id,
      code: d.code,
      procedureName: content.name,
      agency: { code: agency.code, name: agency.name },
      channel: d.channel,
      status: d.status,
    },
    lines: assessment.lines,
    knownTotalVnd: assessment.knownTotalVnd,
    needsDesk: assessment.needsDesk,
    account: account
      ? {
          bankName: account.bankName,
          bin: account.bin,
          accountNumber: account.accountNumber,
          accountName: account.accountName,
          illustrative: account.illustrative,
        }
      : null,
    payments: await paymentViews(db, settings, agency.code, rows, opts.staff),
    canSelfRequest:
      !statusIn(ENDED_WITHOUT_RESULT, d.status) &&
      !pending &&
      !paid &&
      !assessment.needsDesk &&
      assessment.knownTotalVnd > 0,
  };
}

/**
 * Asks for payment: the desk chooses the lines (amounts set by the province, exemptions); the applicant
 * (or anyone tracking the dossier's code) may ask for the catalogue's fixed fees only. A pending request
 * is returned again rather than doubled.
 */
export async function requestPayment(
  db: Db,
  actor: AuthUser | null,
  d: DossierRow,
  input: { lines?: FeeChoice[]; note?: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  if (statusIn(ENDED_WITHOUT_RESULT, d.status)) {
    throw errors.conflict(
      'DOSSIER_CLOSED',
      'Hồ sơ đã bị từ chối, rút hoặc dừng xử lý: không thu phí, lệ phí.',
    );
  }
  const desk = actor?.roles.includes('reception') ?? false;
  if (input.lines && !desk) throw errors.forbidden('xác định mức phí, lệ phí');
  const existing = await db.select().from(payments).where(eq(payments.dossierId, d.id));
  const pending = existing.find((p) => p.status === 'pending');
  if (pending) {
    if (desk) {
      throw errors.conflict(
        'PAYMENT_PENDING',
        `Hồ sơ đang có yêu cầu thanh toán ${pending.reference} chưa nộp; hãy hủy yêu cầu đó trước khi tạo yêu cầu mới.`,
      );
    }
    return { id: pending.id, created: false };
  }
  if (!desk && existing.some((p) => p.status === 'paid')) {
    throw errors.conflict('ALREADY_PAID', 'Phí, lệ phí của hồ sơ này đã được nộp.');
  }
  const { content } = await context(db, d);
  const charged = chargeFees(assessFees(content.fees, d.channel), input.lines);
  if (!charged.ok) {
    const status = charged.code === 'FEE_NEEDS_DESK' ? 409 : 422;
    throw new AppError(status, charged.code, charged.message);
  }
  if (charged.totalVnd <= 0) {
    throw new AppError(422, 'NOTHING_TO_PAY', 'Không có khoản phí, lệ phí nào phải nộp cho hồ sơ này.');
  }
  const raw: PaymentRaw = { lines: charged.lines, note: input.note ?? null };
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = paymentReference(Array.from({ length: 8 }, () => randomInt(0, 1_000_000) / 1_000_000));
    const inserted = await db
      .insert(payments)
      .values({
        dossierId: d.id,
        reference,
        purpose: 'fee',
        amountVnd: charged.totalVnd,
        status: 'pending',
        raw,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: payments.id });
    if (inserted[0]) {
      await db.insert(auditLog).values({
        at: now,
        actorId: actor?.id ?? null,
        action: 'payment.requested',
        entity: 'dossier',
        entityId: d.id,
        data: { paymentId: inserted[0].id, reference, amountVnd: charged.totalVnd, lines: charged.lines },
      });
      return { id: inserted[0].id, created: true };
    }
  }
  throw new AppError(503, 'REFERENCE_BUSY', 'Chưa tạo được mã thanh toán; vui lòng thử lại.');
}

async function lockedPayment(db: Db, id: string): Promise<PaymentRow> {
  const p = (await db.select().from(payments).where(eq(payments.id, id)).for('update'))[0];
  if (!p) throw errors.notFound('yêu cầu thanh toán');
  return p;
}

/** The desk records money received: cash at the counter, or a transfer seen on the agency's account. */
export async function confirmByDesk(
  db: Db,
  actor: AuthUser,
  paymentId: string,
  input: { method: 'cash' | 'transfer'; receiptNo?: string; note?: string },
  now: Date,
): Promise<string> {
  const p = await lockedPayment(db, paymentId);
  await visibleDossier(db, actor, p.dossierId);
  if (p.status === 'paid')
    throw errors.conflict('ALREADY_PAID', `Khoản ${p.reference} đã được xác nhận nộp.`);
  if (p.status === 'cancelled') {
    throw errors.conflict('PAYMENT_CANCELLED', `Yêu cầu ${p.reference} đã bị hủy; hãy tạo yêu cầu mới.`);
  }
  const raw = (p.raw ?? {}) as PaymentRaw;
  const confirmation = {
    by: 'desk',
    method: input.method,
    receiptNo: input.receiptNo ?? null,
    note: input.note ?? null,
  };
  await db
    .update(payments)
    .set({
      status: 'paid',
      method: input.method === 'cash' ? 'counter' : 'vietqr',
      confirmedBy: actor.id,
      confirmedAt: now,
      raw: { ...raw, confirmation },
    })
    .where(eq(payments.id, p.id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'payment.confirmed',
    entity: 'dossier',
    entityId: p.dossierId,
    data: { paymentId: p.id, reference: p.reference, amountVnd: p.amountVnd, ...confirmation },
  });
  return p.dossierId;
}

export async function cancelPayment(
  db: Db,
  actor: AuthUser,
  paymentId: string,
  reason: string,
  now: Date,
): Promise<string> {
  const p = await lockedPayment(db, paymentId);
  await visibleDossier(db, actor, p.dossierId);
  if (p.status !== 'pending') {
    throw errors.conflict(
      'PAYMENT_NOT_PENDING',
      `Chỉ hủy được yêu cầu chưa nộp; khoản ${p.reference} đã ${p.status === 'paid' ? 'được nộp' : 'bị hủy'}.`,
    );
  }
  const raw = (p.raw ?? {}) as PaymentRaw;
  await db
    .update(payments)
    .set({
      status: 'cancelled',
      raw: { ...raw, cancellation: { reason, by: actor.id, at: now.toISOString() } },
    })
    .where(eq(payments.id, p.id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'payment.cancelled',
    entity: 'dossier',
    entityId: p.dossierId,
    data: { paymentId: p.id, reference: p.reference, reason },
  });
  return p.dossierId;
}

/** The dossier a payment belongs to, checked against the caller's scope. */
export async function paymentDossier(db: Db, actor: AuthUser, paymentId: string): Promise<DossierRow> {
  const p = (
    await db
      .select()
      .from(payments)
      .where(and(eq(payments.id, paymentId)))
  )[0];
  if (!p) throw errors.notFound('yêu cầu thanh toán');
  return visibleDossier(db, actor, p.dossierId);
}
