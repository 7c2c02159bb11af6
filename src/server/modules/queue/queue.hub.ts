import type { ServerResponse } from 'node:http';

/**
 * Server-Sent Events for the queue: each agency's listeners (display boards, counters, citizens
 * following their ticket) get the agency's full board state when they connect and again after every
 * change. The state lives in the database, so a board reconnecting after a server restart simply
 * receives the current state; a change is announced to the boards by its event id (the board speaks
 * only calls newer than the last one it saw). Listeners are kept in this process; with `publish`, a change is
 * announced to every app instance of a cluster (PostgreSQL NOTIFY, queue.routes.ts), and each instance —
 * this one too — `deliver`s it to its own listeners (issue 18).
 */
export class QueueHub {
  readonly #listeners = new Map<string, Set<ServerResponse>>();
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  #heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly load: (agencyId: string) => Promise<{ lastEventId: number }>,
    private readonly heartbeatMs = 15_000,
    /** Announces a change to every instance, which then `deliver`s it; unset: delivered here only. */
    private readonly publish?: (agencyId: string) => void,
  ) {}

  static write(res: ServerResponse, data: { lastEventId: number }): void {
    res.write(`id: ${data.lastEventId}\nevent: state\ndata: ${JSON.stringify(data)}\n\n`);
  }

  add(agencyId: string, res: ServerResponse): void {
    let set = this.#listeners.get(agencyId);
    if (!set) {
      set = new Set();
      this.#listeners.set(agencyId, set);
    }
    set.add(res);
    this.#heartbeat ??= setInterval(() => {
      for (const s of this.#listeners.values()) for (const r of s) r.write(': ping\n\n');
    }, this.heartbeatMs);
    this.#heartbeat.unref?.();
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0) this.#listeners.delete(agencyId);
    });
  }

  listeners(agencyId: string): number {
    return this.#listeners.get(agencyId)?.size ?? 0;
  }

  /** Something changed at the agency's desk: every instance's listeners get its state. */
  changed(agencyId: string): void {
    if (this.publish) this.publish(agencyId);
    else this.deliver(agencyId);
  }

  /** Every agency followed here gets its state again (after notifications may have been missed). */
  deliverAll(): void {
    for (const agencyId of this.#listeners.keys()) this.deliver(agencyId);
  }

  /** Pushes the agency's state to this instance's listeners, coalescing bursts of changes. */
  deliver(agencyId: string): void {
    if (!this.#listeners.has(agencyId) || this.#pending.has(agencyId)) return;
    this.#pending.set(
      agencyId,
      setTimeout(() => {
        this.#pending.delete(agencyId);
        void this.#push(agencyId);
      }, 30),
    );
  }

  async #push(agencyId: string): Promise<void> {
    const set = this.#listeners.get(agencyId);
    if (!set?.size) return;
    try {
      const state = await this.load(agencyId);
      for (const r of set) QueueHub.write(r, state);
    } catch {
      // The next change or the clients' reconnection resynchronises.
    }
  }

  close(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    for (const t of this.#pending.values()) clearTimeout(t);
    this.#pending.clear();
    for (const s of this.#listeners.values()) for (const r of s) r.end();
    this.#listeners.clear();
  }
}
