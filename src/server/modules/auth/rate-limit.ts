/**
 * Login throttle: after `max` failed attempts for one username from one address within `windowMs`,
 * further attempts are refused until the window passes. Kept in memory: one app instance per
 * commune box; a province's cluster puts a shared store behind the same interface.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfter(key: string, now: number): number {
    const list = this.#recent(key, now);
    if (list.length < this.max) return 0;
    return this.windowMs - (now - (list[list.length - this.max] as number));
  }

  fail(key: string, now: number): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
