import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { requiredFor } from '../../src/domain/dossier/intake';
import { PAYMENT_REFERENCE } from '../../src/domain/payment/fees';
import { parseVietQr } from '../../src/domain/payment/vietqr';
import { auditLog } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { hmacHex, SIGNATURE_HEADER } from '../../src/server/modules/payments/gateway';
import { DEV_GATEWAY_SECRET } from '../../src/server/modules/payments/payments.config';
import type { FeesView } from '../../src/server/modules/payments/payments.schema';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};

for (const backend of BACKENDS) {
  describe(`fees and payment on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let otherDesk: Client;
    let anyone: Client;

    /** A dossier received and accepted at the Sài Gòn counter. */
    const componentsOf = async (procedureCode: string) => {
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>(`/api/v1/procedures/${procedureCode}`);
      return p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    };
    const receive = async (procedureCode: string) => {
      const r = await desk.post<{ id: string; code: string } & ApiError>('/api/v1/dossiers', {
        procedureCode,
        applicant,
        components: await componentsOf(procedureCode),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    /** The gateway's callback, signed over the exact bytes sent. */
    const callback = async (
      body: Record<string, unknown>,
      secret = DEV_GATEWAY_SECRET,
      gateway = 'development',
    ) => {
      const payload = JSON.stringify(body);
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/v1/payments/callback/${gateway}`,
        payload,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: `sha256=${hmacHex(secret, payload)}`,
        },
      });
      return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> & ApiError };
    };
    const paymentAudits = (dossierId: string) =>
      s.database.read(async (db) =>
        (
          await db
            .select({ action: auditLog.action })
            .from(auditLog)
            .where(and(eq(auditLog.entityId, dossierId), like(auditLog.action, 'payment.%')))
        ).map((r) => r.action),
      );

    before(async () => {
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      otherDesk = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      anyone = new Client(s.app);
    });
    after(() => s?.close());

    it('owes the counter fee of a counter dossier and lets the applicant get one VietQR request by code', async () => {
      const d = await receive('1.004194');
      const fees = await anyone.get<FeesView>(`/api/v1/public/dossiers/${d.code}/fees`);
      assert.equal(fees.status, 200, JSON.stringify(fees.body));
      assert.equal(fees.body.knownTotalVnd, 10_000, 'the in-person fee, not the online one');
      assert.deepEqual(
        fees.body.lines.map((l) => [l.owed, l.otherChannel]),
        [
          [false, true],
          [true, false],
        ],
      );
      assert.equal(fees.body.canSelfRequest, true);
      assert.equal(fees.body.account?.illustrative, true);

      const first = await anyone.post<FeesView>(`/api/v1/public/dossiers/${d.code}/payments`);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const p = first.body.payments[0]!;
      assert.equal(p.status, 'pending');
      assert.equal(p.amountVnd, 10_000);
      assert.match(p.reference, PAYMENT_REFERENCE);
      assert.ok(p.qr?.image.startsWith('data:image/png;base64,'));
      const qr = parseVietQr(p.qr!.payload);
      assert.deepEqual(
        { bin: qr.bin, account: qr.accountNumber, amount: qr.amountVnd, purpose: qr.purpose },
        { bin: '970415', account: '113366668888', amount: 10_000, purpose: p.reference },
      );
      assert.equal(first.body.canSelfRequest, false);

      const again = await anyone.post<FeesView>(`/api/v1/public/dossiers/${d.code}/payments`);
      assert.equal(again.status, 200, 'a second tap returns the pending request');
      assert.deepEqual(
        again.body.payments.map((x) => x.reference),
        [p.reference],
      );
      const deskNew = await desk.post<ApiError>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 1 }],
      });
      assert.equal(deskNew.status, 409);
      assert.equal(deskNew.body.error.code, 'PAYMENT_PENDING');
    });

    it('confirms through the gateway callback once: bad signature 401 and no write, replay idempotent, wrong amount refused', async () => {
      const d = await receive('1.004194');
      const created = await anyone.post<FeesView>(`/api/v1/public/dossiers/${d.code}/payments`);
      const ref = created.body.payments[0]!.reference;
      const notice = { txnId: 'DEV-0001', reference: ref, amountVnd: 10_000, status: 'paid', paidAt: null };

      const forged = await callback(notice, 'not-the-gateway-secret-at-all');
      assert.equal(forged.status, 401);
      assert.equal(forged.body.error.code, 'INVALID_SIGNATURE');
      const unsigned = await s.app.inject({
        method: 'POST',
        url: '/api/v1/payments/callback/development',
        payload: JSON.stringify(notice),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(unsigned.statusCode, 401);
      assert.deepEqual(await paymentAudits(d.id), ['payment.requested'], 'nothing written');
      let view = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      assert.equal(view.body.payments[0]!.status, 'pending');

      const short = await callback({ ...notice, txnId: 'DEV-0000', amountVnd: 1_000 });
      assert.equal(short.status, 409);
      assert.equal(short.body.error.code, 'AMOUNT_MISMATCH');
      view = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      assert.equal(view.body.payments[0]!.status, 'pending', 'a wrong amount does not pay');

      // The gateway retries at once: both deliveries of one transaction end in one confirmation.
      const [a, b] = await Promise.all([callback(notice), callback(notice)]);
      assert.deepEqual([a.status, b.status], [200, 200]);
      assert.deepEqual([a.body.duplicate, b.body.duplicate].sort(), [false, true]);
      const replay = await callback(notice);
      assert.equal(replay.status, 200);
      assert.equal(replay.body.duplicate, true);
      view = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      const paid = view.body.payments[0]!;
      assert.equal(paid.status, 'paid');
      assert.equal(paid.method, 'gateway');
      assert.equal(paid.gatewayTxn, 'development:DEV-0001');
      assert.equal(paid.qr, null, 'no QR once paid');
      assert.deepEqual(
        (await paymentAudits(d.id)).sort(),
        ['payment.callback.rejected', 'payment.confirmed', 'payment.requested'].sort(),
      );

      const second = await callback({ ...notice, txnId: 'DEV-0002' });
      assert.equal(second.status, 409);
      assert.equal(second.body.error.code, 'ALREADY_PAID');
      const selfAgain = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/payments`);
      assert.equal(selfAgain.status, 409);
      assert.equal(selfAgain.body.error.code, 'ALREADY_PAID');

      const unknown = await callback({ ...notice, reference: 'MCZZZZZZZZ' });
      assert.equal(unknown.status, 404);
      const noGateway = await callback(notice, DEV_GATEWAY_SECRET, 'vnpay');
      assert.equal(noGateway.status, 404);
      assert.equal(noGateway.body.error.code, 'GATEWAY_UNKNOWN');
    });

    it('never unpays a paid payment on a signed `failed` notice: it answers the truth and records the contradiction', async () => {
      const d = await receive('1.004194');
      const created = await anyone.post<FeesView>(`/api/v1/public/dossiers/${d.code}/payments`);
      const ref = created.body.payments[0]!.reference;
      const paid = { txnId: 'DEV-0100', reference: ref, amountVnd: 10_000, status: 'paid', paidAt: null };
      assert.equal((await callback(paid)).status, 200);

      // Another attempt by the payer that failed (a declined card after the transfer went through).
      const otherFailed = await callback({ ...paid, txnId: 'DEV-0101', status: 'failed' });
      assert.equal(otherFailed.status, 200, JSON.stringify(otherFailed.body));
      assert.deepEqual(otherFailed.body, { ok: true, reference: ref, status: 'paid', duplicate: false });

      // The very transaction that paid, reported failed afterwards: refused, recorded for the desk.
      const sameFailed = await callback({ ...paid, status: 'failed' });
      assert.equal(sameFailed.status, 409, JSON.stringify(sameFailed.body));
      assert.equal(sameFailed.body.error.code, 'NOTICE_CONTRADICTS_PAYMENT');
      assert.match(sameFailed.body.error.message, /vẫn là đã nộp/);

      const view = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      const p = view.body.payments[0]!;
      assert.deepEqual(
        [p.status, p.gatewayTxn],
        ['paid', 'development:DEV-0100'],
        'still paid, by the same transaction',
      );
      assert.deepEqual(
        (await paymentAudits(d.id)).sort(),
        [
          'payment.callback.failed',
          'payment.callback.rejected',
          'payment.confirmed',
          'payment.requested',
        ].sort(),
      );
      // The paying transaction delivered again is still a plain replay.
      const replay = await callback(paid);
      assert.deepEqual([replay.status, replay.body.status, replay.body.duplicate], [200, 'paid', true]);
    });

    it('lets the desk set a province-set fee, exempt a line, and record cash received at the counter', async () => {
      const d = await receive('2.000884');
      const fees = await desk.get<FeesView>(`/api/v1/dossiers/${d.id}/fees`);
      assert.equal(fees.body.needsDesk, true, 'the embassy line has no fixed amount');
      const self = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/payments`);
      assert.equal(self.status, 409);
      assert.equal(self.body.error.code, 'FEE_NEEDS_DESK');

      const noAmount = await desk.post<ApiError>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 1 }],
      });
      assert.equal(noAmount.status, 422);
      assert.equal(noAmount.body.error.code, 'FEE_AMOUNT_REQUIRED');
      const allExempt = await desk.post<ApiError>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 0, exemptReason: 'Người khuyết tật, có giấy xác nhận' }],
      });
      assert.equal(allExempt.status, 422);
      assert.equal(allExempt.body.error.code, 'NOTHING_TO_PAY');
      const bad = await desk.post<ApiError>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 0, amountVnd: -5 }],
      });
      assert.equal(bad.status, 400);

      const req = await desk.post<FeesView>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 0, amountVnd: 20_000 }],
        note: 'Hai trường hợp chứng thực chữ ký',
      });
      assert.equal(req.status, 201, JSON.stringify(req.body));
      const p = req.body.payments[0]!;
      assert.equal(p.amountVnd, 20_000);
      assert.deepEqual(p.lines, [
        { name: p.lines[0]!.name, kind: 'phí', amountVnd: 20_000, exemptReason: null },
      ]);

      const stranger = await otherDesk.post<ApiError>(`/api/v1/payments/${p.id}/confirm`, { method: 'cash' });
      assert.equal(stranger.status, 404, 'another ward’s desk cannot see it');
      const noMethod = await desk.post<ApiError>(`/api/v1/payments/${p.id}/confirm`, {});
      assert.equal(noMethod.status, 400);
      const confirmed = await desk.post<FeesView>(`/api/v1/payments/${p.id}/confirm`, {
        method: 'cash',
        receiptNo: 'BL-000123',
      });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      const c = confirmed.body.payments[0]!;
      assert.deepEqual([c.status, c.method, c.confirmedBy], ['paid', 'counter', 'Nguyễn Thị Lan']);
      const twice = await desk.post<ApiError>(`/api/v1/payments/${p.id}/confirm`, { method: 'cash' });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.code, 'ALREADY_PAID');
      const cancelPaid = await desk.post<ApiError>(`/api/v1/payments/${p.id}/cancel`, { reason: 'Nhầm' });
      assert.equal(cancelPaid.status, 409);
      assert.deepEqual(await paymentAudits(d.id), ['payment.requested', 'payment.confirmed']);
    });

    it('cancels a pending request, after which a stale transfer to it is refused and recorded', async () => {
      const d = await receive('1.004194');
      const created = await desk.post<FeesView>(`/api/v1/dossiers/${d.id}/payments`, {
        lines: [{ index: 1 }],
      });
      const p = created.body.payments[0]!;
      const cancelled = await desk.post<FeesView>(`/api/v1/payments/${p.id}/cancel`, {
        reason: 'Người nộp thuộc hộ nghèo, được miễn',
      });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.payments[0]!.status, 'cancelled');
      const late = await callback({
        txnId: 'DEV-9',
        reference: p.reference,
        amountVnd: 10_000,
        status: 'paid',
      });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'PAYMENT_CANCELLED');
      const confirm = await desk.post<ApiError>(`/api/v1/payments/${p.id}/confirm`, { method: 'transfer' });
      assert.equal(confirm.status, 409);
      assert.equal(confirm.body.error.code, 'PAYMENT_CANCELLED');
    });

    it('shows an online applicant their own dossier’s online fee, and no one else’s', async () => {
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const sub = await citizen.post<{ id: string } & ApiError>('/api/v1/dossiers', {
        procedureCode: '1.010038',
        channel: 'online',
        // Tách hộ's papers differ by case (decision 0014, "Cases"): the household head agrees.
        case: 'Tách hộ để đăng ký thường trú tại cùng một chỗ ở hợp pháp, có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở',
        agencyCode: '000.01.30.H29',
        applicant: { ...applicant, fullName: 'Đặng Thị Mai' },
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      const mine = await citizen.get<FeesView>(`/api/v1/dossiers/${sub.body.id}/fees`);
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(mine.body.knownTotalVnd, 5_000, 'the online fee of Tách hộ');
      const choose = await citizen.post<ApiError>(`/api/v1/dossiers/${sub.body.id}/payments`, {
        lines: [{ index: 1, amountVnd: 1 }],
      });
      assert.equal(choose.status, 403, 'only the desk chooses lines and amounts');
      const pay = await citizen.post<FeesView>(`/api/v1/dossiers/${sub.body.id}/payments`, {});
      assert.equal(pay.status, 201);
      assert.equal(pay.body.payments[0]!.amountVnd, 5_000);

      const desked = await receive('1.004194');
      const notMine = await citizen.get<ApiError>(`/api/v1/dossiers/${desked.id}/fees`);
      assert.equal(notMine.status, 404);
      const otherWard = await otherDesk.get<ApiError>(`/api/v1/dossiers/${desked.id}/fees`);
      assert.equal(otherWard.status, 404);
      const noLogin = await anyone.get<ApiError>(`/api/v1/dossiers/${desked.id}/fees`);
      assert.equal(noLogin.status, 401);
      const badCode = await anyone.get<ApiError>('/api/v1/public/dossiers/not-a-code/fees');
      assert.equal(badCode.status, 404);
    });
  });
}
