import { z } from 'zod';
import { isStaff } from '../../../domain/identity/role';
import { isDossierCode } from '../../../domain/dossier/code';
import type { App } from '../../app';
import { publicLookup, publicPaymentRequest } from '../../rate-limit';
import { AppError, errors } from '../../errors';
import { requireRole, requireUser } from '../auth/auth.plugin';
import { DevelopmentGateway, type PaymentGateway } from './gateway';
import { loadPaymentSettings, type PaymentSettings } from './payments.config';
import { CancelBody, ConfirmBody, FeesView, PaymentRequestBody } from './payments.schema';
import {
  accessibleDossier,
  applyGatewayNotice,
  cancelPayment,
  confirmByDesk,
  dossierByCode,
  feesView,
  requestPayment,
} from './payments.service';

const tags = ['Phí, lệ phí'];

export function checkCode(code: string): string {
  if (!isDossierCode(code)) throw errors.notFound(`hồ sơ mã ${code}`);
  return code.trim().toUpperCase();
}

/**
 * Fees and payment (phí, lệ phí; Decree 61/2018 Art. 22): what a dossier owes, a payment request with a
 * unique reference and its VietQR code, confirmation by the desk or by a payment gateway's signed callback.
 * Settings (bank accounts, gateways) come from `MOTCUA_PAYMENTS_CONFIG` — see payments.config.ts.
 */
export async function paymentsRoutes(app: App, opts: { settings?: PaymentSettings } = {}): Promise<void> {
  const { database, clock, config } = app.deps;
  const settings = opts.settings ?? loadPaymentSettings(process.env, { demoData: config.demoData });
  const gateways = new Map<string, PaymentGateway>();
  if (settings.gateways.development) {
    gateways.set('development', new DevelopmentGateway(settings.gateways.development.secret));
  }

  const idParams = z.object({ id: z.uuid() });
  const codeParams = z.object({ code: z.string().min(5).max(60) });

  app.get(
    '/dossiers/:id/fees',
    {
      schema: {
        tags,
        summary:
          'Phí, lệ phí của hồ sơ: các khoản phải nộp, tài khoản nhận, các yêu cầu thanh toán và mã VietQR',
        params: idParams,
        response: { 200: FeesView },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      return database.read(async (db) => {
        const d = await accessibleDossier(db, actor, req.params.id);
        return feesView(db, settings, d, { staff: isStaff(actor.roles) });
      });
    },
  );

  app.post(
    '/dossiers/:id/payments',
    {
      schema: {
        tags,
        summary: 'Tạo yêu cầu thanh toán phí, lệ phí (mã tham chiếu riêng, mã VietQR)',
        description:
          'Cán bộ một cửa chọn các khoản (`lines`): nhập số tiền khi mức thu do tỉnh quy định, ghi lý do khi người nộp được miễn. ' +
          'Người nộp (chủ hồ sơ) gửi không kèm `lines`: chỉ được với các khoản có mức thu cố định; đang có yêu cầu chưa nộp thì nhận lại yêu cầu đó.',
        params: idParams,
        body: PaymentRequestBody,
        response: { 200: FeesView, 201: FeesView },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const now = clock.now();
      const r = await database.tx(async (db) => {
        const d = await accessibleDossier(db, actor, req.params.id, true);
        return requestPayment(db, actor, d, req.body, now);
      });
      const view = await database.read(async (db) =>
        feesView(db, settings, await accessibleDossier(db, actor, req.params.id), {
          staff: isStaff(actor.roles),
        }),
      );
      return reply.status(r.created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/public/dossiers/:code/fees',
    {
      config: publicLookup(config),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Phí, lệ phí của hồ sơ theo mã (không cần đăng nhập): số tiền, mã VietQR, trạng thái nộp',
        params: codeParams,
        response: { 200: FeesView },
      },
    },
    async (req) => {
      const code = checkCode(req.params.code);
      return database.read(async (db) =>
        feesView(db, settings, await dossierByCode(db, code), { staff: false }),
      );
    },
  );

  app.post(
    '/public/dossiers/:code/payments',
    {
      config: publicPaymentRequest(),
      schema: {
        tags: ['Tra cứu công khai'],
        summary: 'Tạo mã thanh toán cho các khoản phí, lệ phí có mức thu cố định (không cần đăng nhập)',
        params: codeParams,
        response: { 200: FeesView, 201: FeesView },
      },
    },
    async (req, reply) => {
      const code = checkCode(req.params.code);
      const now = clock.now();
      const r = await database.tx(async (db) =>
        requestPayment(db, null, await dossierByCode(db, code, true), {}, now),
      );
      const view = await database.read(async (db) =>
        feesView(db, settings, await dossierByCode(db, code), { staff: false }),
      );
      return reply.status(r.created ? 201 : 200).send(view);
    },
  );

  app.post(
    '/payments/:id/confirm',
    {
      schema: {
        tags,
        summary:
          'Bộ phận một cửa xác nhận đã thu phí, lệ phí (tiền mặt tại quầy hoặc chuyển khoản đã về tài khoản)',
        params: idParams,
        body: ConfirmBody,
        response: { 200: FeesView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception'], 'xác nhận thu phí, lệ phí');
      const now = clock.now();
      const dossierId = await database.tx((db) => confirmByDesk(db, actor, req.params.id, req.body, now));
      return database.read(async (db) =>
        feesView(db, settings, await accessibleDossier(db, actor, dossierId), { staff: true }),
      );
    },
  );

  app.post(
    '/payments/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Hủy yêu cầu thanh toán chưa nộp (sai số tiền, người nộp được miễn…)',
        params: idParams,
        body: CancelBody,
        response: { 200: FeesView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['reception'], 'hủy yêu cầu thanh toán');
      const now = clock.now();
      const dossierId = await database.tx((db) =>
        cancelPayment(db, actor, req.params.id, req.body.reason, now),
      );
      return database.read(async (db) =>
        feesView(db, settings, await accessibleDossier(db, actor, dossierId), { staff: true }),
      );
    },
  );

  // The gateway's callback is verified over the exact bytes received, so this scope reads JSON as text.
  await app.register(async (inner) => {
    const scope = inner as unknown as App;
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/payments/callback/:gateway',
      {
        schema: {
          tags,
          summary: 'Cổng thanh toán báo kết quả giao dịch (chữ ký HMAC-SHA256 trên nội dung gửi)',
          description:
            'Chữ ký sai → 401, không ghi gì. Gửi lại cùng giao dịch → trả lời như lần đầu, không ghi thêm. ' +
            'Sai số tiền, yêu cầu đã hủy hoặc đã nộp bằng giao dịch khác → 409 và ghi nhật ký để bộ phận một cửa xử lý. ' +
            '`status` là trạng thái thật của khoản: `paid` đã nộp (bởi giao dịch này hoặc trước đó), `failed` giao dịch thất bại và khoản vẫn chưa nộp. ' +
            'Giao dịch thất bại không bao giờ làm mất trạng thái đã nộp: một lần thử khác thất bại → 200 `paid` (có ghi nhật ký); ' +
            'chính giao dịch đã nộp lại được báo thất bại → 409 `NOTICE_CONTRADICTS_PAYMENT` và ghi nhật ký.',
          params: z.object({ gateway: z.string().min(1).max(40) }),
          response: {
            200: z.object({
              ok: z.literal(true),
              reference: z.string(),
              status: z.enum(['paid', 'failed']),
              duplicate: z.boolean(),
            }),
          },
        },
      },
      async (req) => {
        const gateway = gateways.get(req.params.gateway);
        if (!gateway) {
          throw new AppError(
            404,
            'GATEWAY_UNKNOWN',
            `Cổng thanh toán "${req.params.gateway}" chưa được cấu hình.`,
          );
        }
        const raw = typeof req.body === 'string' ? req.body : '';
        const v = gateway.verify(req.headers, raw);
        if (!v.ok) {
          if (v.reason === 'signature') {
            throw new AppError(401, 'INVALID_SIGNATURE', 'Chữ ký của cổng thanh toán không hợp lệ.');
          }
          throw new AppError(
            400,
            'INVALID_NOTICE',
            'Nội dung thông báo của cổng thanh toán không đúng định dạng.',
          );
        }
        const out = await database.tx((db) => applyGatewayNotice(db, gateway, v.notice, clock.now()));
        if (out.kind === 'rejected') {
          if (out.code === 'NOTICE_CONTRADICTS_PAYMENT') {
            req.log.warn(
              { reference: out.reference, gateway: gateway.name },
              'failed notice for the transaction that paid',
            );
          }
          // Thrown after the transaction committed: the audit line stays.
          throw new AppError(409, out.code, out.message);
        }
        if (out.kind === 'paid' && out.failedNotice) {
          req.log.warn(
            { reference: out.reference, gateway: gateway.name },
            'failed notice for a paid payment',
          );
        }
        return {
          ok: true as const,
          reference: out.reference,
          status: out.kind === 'paid' ? ('paid' as const) : ('failed' as const),
          duplicate: out.kind === 'paid' && out.duplicate,
        };
      },
    );
  });
}
