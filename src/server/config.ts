import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseStorage, type StorageConfig } from './storage/storage';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Environment variables motcua reads, validated once at start-up. README lists them. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * A read replica of DATABASE_URL (issue 18): statistics, the register and their exports read from it (a small lag
   * is harmless there); commands never do. Unset: everything reads the primary.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Where stored files' bytes live (issue 18): `file:` (default: `<MOTCUA_DATA_DIR>/files`), `file:/a/directory`, or
   * `s3://bucket[/prefix]?endpoint=https://…&region=…` (credentials from the usual AWS variables).
   */
  MOTCUA_STORAGE: z.string().optional(),
  MOTCUA_ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').optional(),
  MOTCUA_CLOCK: z.enum(['system', 'manual']).default('system'),
  MOTCUA_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  MOTCUA_DEMO_DATA: bool.default(true),
  MOTCUA_SEED_CATALOGUE: bool.default(true),
  MOTCUA_COOKIE_SECURE: bool.default(false),
  MOTCUA_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  MOTCUA_WEB_DIR: z.string().min(1).default('./dist/web'),
  /** The messaging gateway (SMS / e-mail) that receives applicant messages as JSON POSTs; unset: kept pending. */
  MOTCUA_NOTIFY_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  /** Verification codes: `dev` keeps them in memory (GET /api/v1/dev/messages), `gateway` sends them. */
  MOTCUA_MESSAGES: z.enum(['dev', 'gateway']).optional(),
  MOTCUA_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  MOTCUA_EMAIL_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Which proxies in front of motcua are trusted to say the client's address (X-Forwarded-For): unset, none —
   * the address is the connection's own; a hop count (`1`: the load balancer just in front); or a list of
   * addresses / CIDR ranges (`10.0.0.5, 10.1.0.0/16`) or the names loopback, linklocal, uniquelocal.
   */
  MOTCUA_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return false as const;
      if (/^\d+$/.test(v)) return Number(v);
      const items = v.split(',').map((x) => x.trim());
      const bad = items.filter((x) => !isProxyAddress(x));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `not a hop count, nor a list of addresses / CIDR ranges: ${bad.join(', ')}`,
        });
        return z.NEVER;
      }
      return items;
    }),
  /**
   * Anonymous lookups by code (tracking, fees, rating state, feedback, appointment) each client address may make
   * per minute on each such route; raise it when many citizens reach motcua through one shared address.
   */
  MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /**
   * scrypt's work factor for new password hashes, as a power of two (N = 2^cost); 17 is OWASP's minimum and the
   * floor in production. The test suite uses 14: a sign-in there costs 80 ms of CPU instead of 600 ms.
   */
  MOTCUA_PASSWORD_COST: z.coerce.number().int().min(12).max(20).default(17),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyAddress(x: string): boolean {
  if (PROXY_NAMES.has(x)) return true;
  const [address, bits, ...rest] = x.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Where stored files' bytes live (MOTCUA_STORAGE; storage/storage.ts). */
  storage: StorageConfig;
  /** The read replica reports read from (DATABASE_READ_URL); unset, the primary. */
  readDatabase?: { kind: 'postgres'; url: string };
  adminPassword: string | undefined;
  clock: { mode: 'system' | 'manual'; start: Date | undefined };
  demoData: boolean;
  seedCatalogue: boolean;
  cookieSecure: boolean;
  sessionHours: number;
  webDir: string;
  notifyWebhook: string | undefined;
  messages: { mode: 'dev' | 'gateway'; smsUrl: string | undefined; emailUrl: string | undefined };
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Proxies trusted for X-Forwarded-For: none (false), a hop count, or addresses / CIDR ranges (decision 0012). */
  trustProxy: false | number | string[];
  /** Anonymous lookups by code per client address, minute and route (decision 0012); default 30. */
  publicLookupsPerMinute: number;
  /** scrypt work factor of new password hashes, log2 N (MOTCUA_PASSWORD_COST); at least 17 in production. */
  passwordCost: number;
  /** NODE_ENV=production: development routes (test clock, message sink) do not exist. */
  production: boolean;
  /**
   * The timed turns of the periodic jobs (jobs/jobs.ts: statistics rollup refresh, late-dossier warnings, message
   * dispatch); default on. Off for one-shot scripts such as the history generator, whose own writes they would
   * otherwise chase (reports still refresh the rollups on demand).
   */
  backgroundJobs?: boolean;
}

export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError naming each wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const nodeEnv = e.NODE_ENV ?? process.env.NODE_ENV;
  // Without any gateway configured outside production (`npm start` on a laptop), codes go to the
  // development sink so a newcomer can register and read the code; any gateway URL means real sending.
  const noGateway = !e.MOTCUA_SMS_URL && !e.MOTCUA_EMAIL_URL && !e.MOTCUA_NOTIFY_WEBHOOK;
  const messages =
    e.MOTCUA_MESSAGES ??
    (nodeEnv === 'development' || nodeEnv === 'test' || (noGateway && nodeEnv !== 'production')
      ? 'dev'
      : 'gateway');
  if (e.MOTCUA_CLOCK === 'manual' && nodeEnv === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  MOTCUA_CLOCK: "manual" (the test clock, settable over HTTP) is refused with NODE_ENV=production',
    );
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_READ_URL: a read replica needs DATABASE_URL (its PostgreSQL primary); the embedded database has none',
    );
  }
  if (messages === 'dev' && nodeEnv === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  MOTCUA_MESSAGES: "dev" (the development sink) is refused with NODE_ENV=production',
    );
  }
  if (e.MOTCUA_PASSWORD_COST < 17 && nodeEnv === 'production') {
    throw new ConfigError(
      "Invalid configuration:\n  MOTCUA_PASSWORD_COST: below 17 (OWASP's minimum for scrypt) is refused with NODE_ENV=production",
    );
  }
  let storage: StorageConfig;
  try {
    storage = parseStorage(e.MOTCUA_STORAGE, resolve(e.MOTCUA_DATA_DIR));
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  MOTCUA_STORAGE: ${(err as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.MOTCUA_DATA_DIR) },
    storage,
    readDatabase: e.DATABASE_READ_URL ? { kind: 'postgres', url: e.DATABASE_READ_URL } : undefined,
    adminPassword: e.MOTCUA_ADMIN_PASSWORD,
    clock: { mode: e.MOTCUA_CLOCK, start: e.MOTCUA_CLOCK_START ? new Date(e.MOTCUA_CLOCK_START) : undefined },
    demoData: e.MOTCUA_DEMO_DATA,
    seedCatalogue: e.MOTCUA_SEED_CATALOGUE,
    cookieSecure: e.MOTCUA_COOKIE_SECURE,
    sessionHours: e.MOTCUA_SESSION_HOURS,
    webDir: resolve(e.MOTCUA_WEB_DIR),
    notifyWebhook: e.MOTCUA_NOTIFY_WEBHOOK,
    messages: { mode: messages, smsUrl: e.MOTCUA_SMS_URL, emailUrl: e.MOTCUA_EMAIL_URL },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.MOTCUA_TRUST_PROXY,
    publicLookupsPerMinute: e.MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE,
    passwordCost: e.MOTCUA_PASSWORD_COST,
    production: nodeEnv === 'production',
  };
}
