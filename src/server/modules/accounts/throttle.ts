/**
 * Limits how often codes are sent: one per key (purpose + phone) every `cooldownMs`, at most
 * `maxPerHour` per key and `maxPerIpHour` per client address in a sliding hour. Kept in memory like
 * the login throttle (decision 0001): one box per commune; a cluster puts a shared store behind it.
 */
export class CodeThrottle {
  readonly #sends = new Map<string, number[]>();
  constructor(
    readonly cooldownMs = 60_000,
    readonly maxPerHour = 5,
    readonly maxPerIpHour = 30,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#sends.get(key) ?? []).filter((t) => now - t < 3_600_000);
    if (list.length === 0) this.#sends.delete(key);
    else this.#sends.set(key, list);
    return list;
  }

  /** Milliseconds to wait before another code may be sent; 0 when allowed now. */
  retryAfter(key: string, ip: string, now: number): number {
    const list = this.#recent(key, now);
    const last = list[list.length - 1];
    let wait = last === undefined ? 0 : Math.max(0, this.cooldownMs - (now - last));
    if (list.length >= this.maxPerHour) {
      wait = Math.max(wait, 3_600_000 - (now - (list[list.length - this.maxPerHour] as number)));
    }
    const byIp = this.#recent(`ip|${ip}`, now);
    if (byIp.length >= this.maxPerIpHour) {
      wait = Math.max(wait, 3_600_000 - (now - (byIp[byIp.length - this.maxPerIpHour] as number)));
    }
    return wait;
  }

  sent(key: string, ip: string, now: number): void {
    this.#sends.set(key, [...this.#recent(key, now), now]);
    this.#sends.set(`ip|${ip}`, [...this.#recent(`ip|${ip}`, now), now]);
  }

  /** A failed delivery does not count: the user may ask again at once. */
  unsent(key: string, ip: string): void {
    for (const k of [key, `ip|${ip}`]) this.#sends.get(k)?.pop();
  }
}
