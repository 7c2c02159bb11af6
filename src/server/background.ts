/**
 * Work that runs after its request has been answered, so that the answer's time does not depend on it
 * (e.g. looking up a phone number and sending it a code: decision 0012). The server waits for it when
 * it closes; the development message sink waits for it before it lists messages, so tests and demos
 * read what was sent without racing it.
 */
export class Background {
  readonly #pending = new Set<Promise<void>>();
  constructor(readonly onError: (err: unknown) => void) {}

  /**
   * Starts `work` once the current answer has been handed to the network (after this turn of the event
   * loop): with the embedded database, queries run on this thread and would otherwise delay the answer.
   */
  run(work: () => Promise<unknown>): void {
    const p: Promise<void> = new Promise<void>((started) => setImmediate(started))
      .then(work)
      .then(
        () => undefined,
        (err: unknown) => this.onError(err),
      )
      .finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  /** Resolves once no work is running (including work started by the work awaited). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Work after the answer; see Background. */
    background: Background;
  }
}
