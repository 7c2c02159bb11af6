import fastifyRateLimit, { type RateLimitOptions, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { AppError } from './errors';

/**
 * Per-address request limits on anonymous routes (decision 0012), with `@fastify/rate-limit`: registered
 * with `global: false`, so only the routes that name a limit in `config.rateLimit` are counted. The key is the
 * client address Fastify resolved (`req.ip`: the connection's own address unless a trusted proxy,
 * MOTCUA_TRUST_PROXY, says otherwise); the plugin counts an IPv6 client by its /64, which one household or
 * phone holds whole. Counting happens in `onRequest`, before the body is read or validated: a malformed
 * request counts like any other.
 */

/** One window of the public lookups by code (tracking, fees, rating state, feedback, appointment). */
export const PUBLIC_LOOKUP_WINDOW_MS = 60_000;

/** Payment requests made without login by dossier code: each one writes, so fewer than lookups. */
export const PUBLIC_PAYMENT_REQUESTS = { max: 20, timeWindowMs: 10 * 60_000 } as const;

/**
 * Where the counters live — the one place to change when several instances must share them (issue 18: a Redis
 * store, `{ redis: client, nameSpace: 'motcua-rl-' }`). In memory now: one LRU map per limited route, its size
 * bounded so that a flood from many addresses cannot grow it without end (the least recently seen address is
 * forgotten first).
 */
function counterStore(): Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace' | 'cache'> {
  return { cache: 10_000 };
}

/** "45 giây", "4 phút": how long to wait, in the unit a person reads at a glance. */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s <= 90 ? `${s} giây` : `${Math.ceil(s / 60)} phút`;
}

/**
 * Registers the plugin (before any route, whose options it reads as they are added). A refused request gets
 * 429 `TOO_MANY_REQUESTS` in the project's error shape, with `Retry-After` in seconds.
 */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    ...counterStore(),
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        429,
        'TOO_MANY_REQUESTS',
        `Địa chỉ mạng của bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại sau ${waitText(ctx.ttl / 1000)}.`,
      ),
  });
}

/**
 * Route options for an anonymous lookup by code: at most `config.publicLookupsPerMinute` (MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE,
 * default 30) per client address and minute, each route counted on its own.
 */
export function publicLookup(config: Config): { rateLimit: RateLimitOptions } {
  return { rateLimit: { max: config.publicLookupsPerMinute, timeWindow: PUBLIC_LOOKUP_WINDOW_MS } };
}

/** Route options for a payment request made without login: 20 per client address in 10 minutes. */
export function publicPaymentRequest(): { rateLimit: RateLimitOptions } {
  return {
    rateLimit: { max: PUBLIC_PAYMENT_REQUESTS.max, timeWindow: PUBLIC_PAYMENT_REQUESTS.timeWindowMs },
  };
}
