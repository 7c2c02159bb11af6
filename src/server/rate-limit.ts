import fastifyRateLimit, { type RateLimitOptions, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { RateStore } from './modules/auth/rate-limit';
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
 * Where the counters live (issue 18): in the shared `rate_limits` table, so that the instances of a cluster count
 * one address together and a restart forgets nothing — one row per (route, address), counted in one statement
 * (`RateStore.count`, a fixed window on the system clock, like the plugin's own store: a flood is measured in
 * real seconds, whatever time a test or demo sets). The plugin calls `child` once per limited route; its
 * URL and method name the route's counters.
 */
function sharedStore(store: RateStore): RateLimitPluginOptions['store'] {
  interface Route {
    routeInfo?: { method?: string | string[]; url?: string };
  }
  type Answer = (err: Error | null, res?: { current: number; ttl: number }) => void;
  class SharedCounters {
    readonly scope: string;
    constructor(params: Route = {}) {
      const r = params.routeInfo ?? {};
      this.scope = `lookup|${[r.method ?? ''].flat().join(',')} ${r.url ?? ''}`;
    }
    incr(key: string, cb: Answer, timeWindow: number) {
      store.count(`${this.scope}|${key}`, Date.now(), timeWindow).then((res) => cb(null, res), cb);
    }
    read(key: string, cb: Answer) {
      store.peek(`${this.scope}|${key}`, Date.now()).then((res) => cb(null, res), cb);
    }
    child(params: Route) {
      return new SharedCounters(params);
    }
  }
  return SharedCounters as unknown as RateLimitPluginOptions['store'];
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
    store: sharedStore(new RateStore(app.deps.database)),
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
