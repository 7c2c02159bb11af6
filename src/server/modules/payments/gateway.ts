import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a payment gateway tells us about one transaction, after its signature was checked. */
export interface GatewayNotice {
  /** The gateway's own transaction id: a replay carries the same one. */
  txnId: string;
  /** Our payment reference (nội dung chuyển khoản) the payer's transfer carried. */
  reference: string;
  amountVnd: number;
  status: 'paid' | 'failed';
  paidAt: string | null;
}

export type VerifyResult = { ok: true; notice: GatewayNotice } | { ok: false; reason: 'signature' | 'body' };

/**
 * A payment gateway adapter (cổng thanh toán): checks a callback's signature over the exact bytes
 * received, then reads the gateway's own message format. One adapter per gateway; the province's real
 * gateway (or the national payment platform) gets its own beside the development one.
 */
export interface PaymentGateway {
  readonly name: string;
  readonly label: string;
  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): VerifyResult;
}

export const SIGNATURE_HEADER = 'x-motcua-signature';

export const DevNotice = z.strictObject({
  txnId: z.string().min(1).max(100),
  reference: z.string().min(1).max(50),
  amountVnd: z.number().int().min(0),
  status: z.enum(['paid', 'failed']),
  paidAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export function hmacHex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/**
 * The development gateway: a real adapter for a gateway that signs its JSON callback with
 * HMAC-SHA256 of the raw body under a shared secret (`x-motcua-signature: sha256=<hex>`). Used in
 * tests and demonstrations; a development tool (or a test) plays the gateway by signing with the secret.
 */
export class DevelopmentGateway implements PaymentGateway {
  readonly name = 'development';
  readonly label = 'Cổng thanh toán thử nghiệm';
  constructor(private readonly secret: string) {}

  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): VerifyResult {
    const h = headers[SIGNATURE_HEADER];
    const given = (Array.isArray(h) ? h[0] : h)?.replace(/^sha256=/, '') ?? '';
    const expected = hmacHex(this.secret, rawBody);
    const a = Buffer.from(given, 'utf8');
    const b = Buffer.from(expected, 'utf8');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'signature' };
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { ok: false, reason: 'body' };
    }
    const parsed = DevNotice.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'body' };
    return { ok: true, notice: parsed.data };
  }
}
