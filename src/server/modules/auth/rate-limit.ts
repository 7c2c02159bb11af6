/**
 * Login throttle: after `max` failed attempts for one key (e.g. address and username) within `windowMs`,
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

  /** Failures counted for `key` within the window. */
  failures(key: string, now: number): number {
    return this.#recent(key, now).length;
  }

  fail(key: string, now: number): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  /**
   * Counts an attempt as failed before it is checked, so parallel attempts cannot all pass the limit
   * while the (slow) check runs; `succeed` forgets it. Returns the wait when over the limit (nothing
   * is counted then), 0 when the attempt may go ahead.
   */
  attempt(key: string, now: number): number {
    const wait = this.retryAfter(key, now);
    if (wait === 0) this.fail(key, now);
    return wait;
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
