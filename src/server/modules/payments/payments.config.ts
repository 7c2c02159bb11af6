import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../config';

/**
 * Where each agency receives fees (tài khoản thu phí, lệ phí) and which payment gateways may confirm
 * payments. There is no database column for an agency's bank account yet, so this lives in a JSON file
 * named by `MOTCUA_PAYMENTS_CONFIG`:
 *
 *   { "accounts": { "000.01.30.H29": { "bin": "970415", "accountNumber": "…", "accountName": "…",
 *                                      "bankName": "VietinBank" }, "*": { … } },
 *     "gateways": { "development": { "secret": "…" } } }
 *
 * `accounts` is keyed by agency code; `*` serves agencies not listed. Without the file, a database with
 * demo data gets one illustrative account (marked so on screen) and the development gateway with the
 * secret in `MOTCUA_DEV_GATEWAY_SECRET` (or a fixed development secret), never in production.
 */
export const BankAccount = z.strictObject({
  bin: z.string().regex(/^\d{6}$/, 'bin must be the bank’s 6-digit NAPAS BIN'),
  accountNumber: z.string().regex(/^[A-Za-z0-9]{1,19}$/, 'accountNumber: 1–19 letters or digits'),
  accountName: z.string().trim().min(2).max(100),
  bankName: z.string().trim().max(100).default(''),
  /** An example account for demonstrations: the portal says not to transfer real money. */
  illustrative: z.boolean().default(false),
});
export type BankAccount = z.infer<typeof BankAccount>;

const PaymentsFile = z.strictObject({
  accounts: z.record(z.string(), BankAccount).default({}),
  gateways: z
    .strictObject({
      development: z
        .strictObject({ secret: z.string().min(16, 'secret: at least 16 characters') })
        .optional(),
    })
    .default({}),
});

export interface PaymentSettings {
  accounts: Record<string, BankAccount>;
  gateways: { development?: { secret: string } };
}

export const DEV_GATEWAY_SECRET = 'motcua-development-gateway-secret';

const DEMO_ACCOUNT: BankAccount = {
  bin: '970415',
  accountNumber: '113366668888',
  accountName: 'TAI KHOAN MINH HOA MOTCUA',
  bankName: 'VietinBank',
  illustrative: true,
};

export function loadPaymentSettings(env: NodeJS.ProcessEnv, opts: { demoData: boolean }): PaymentSettings {
  const file = env.MOTCUA_PAYMENTS_CONFIG;
  if (file) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`MOTCUA_PAYMENTS_CONFIG: cannot read ${file}: ${(e as Error).message}`);
    }
    const parsed = PaymentsFile.safeParse(json);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new ConfigError(`MOTCUA_PAYMENTS_CONFIG (${file}) is invalid:\n${lines.join('\n')}`);
    }
    return parsed.data;
  }
  if (!opts.demoData || env.NODE_ENV === 'production') return { accounts: {}, gateways: {} };
  return {
    accounts: { '*': DEMO_ACCOUNT },
    gateways: { development: { secret: env.MOTCUA_DEV_GATEWAY_SECRET || DEV_GATEWAY_SECRET } },
  };
}

export function accountFor(settings: PaymentSettings, agencyCode: string): BankAccount | null {
  return settings.accounts[agencyCode] ?? settings.accounts['*'] ?? null;
}
