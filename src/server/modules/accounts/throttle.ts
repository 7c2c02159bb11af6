import { type RateStore, slidingWait } from '../auth/rate-limit';

const HOUR = 3_600_000;

/**
 * Limits how often codes are sent: one per key (purpose + phone) every `cooldownMs`, at most `maxPerHour` per key
 * and `maxPerIpHour` per client address in a sliding hour. Counted in the shared `RateStore` (issue 18), so every
 * instance of a cluster sees the same sends; a send is decided under the lock of both rows.
 */
export class CodeThrottle {
  constructor(
    readonly store: RateStore,
    readonly cooldownMs = 60_000,
    readonly maxPerHour = 5,
    readonly maxPerIpHour = 30,
  ) {}

  #keys(key: string, ip: string): [string, string] {
    return [`code|${key}`, `code|ip|${ip}`];
  }

  #wait([byKey = [], byIp = []]: number[][], now: number): number {
    const last = byKey[byKey.length - 1];
    return Math.max(
      last === undefined ? 0 : Math.max(0, this.cooldownMs - (now - last)),
      slidingWait(byKey, this.maxPerHour, HOUR, now),
      slidingWait(byIp, this.maxPerIpHour, HOUR, now),
    );
  }

  /** Counts a send when allowed; answers the milliseconds to wait before another code may be sent (0: counted). */
  async take(key: string, ip: string, now: number): Promise<number> {
    return this.store.take(this.#keys(key, ip), now, HOUR, (hits) => this.#wait(hits, now));
  }

  /** A failed delivery does not count: the user may ask again at once. */
  async unsent(key: string, ip: string): Promise<void> {
    await this.store.dropLast(this.#keys(key, ip));
  }
}
