import { AsyncLocalStorage } from 'node:async_hooks';

/** A call that waited for the mutex its own caller holds: it could never have proceeded. */
export class MutexReentryError extends Error {
  constructor() {
    super(
      'database access from inside a transaction on the embedded database waited for that transaction: pass the transaction handle instead',
    );
    this.name = 'MutexReentryError';
  }
}

/**
 * A FIFO async mutex: one holder at a time, waiters served in arrival order.
 *
 * A call made from inside the holder's own work (its async context) while the holder still holds the mutex is
 * either work the holder started and does not wait for (it waits its turn, as any caller), or a call the holder
 * awaits — which would wait for itself forever. After `reentryMs` of such waiting with the same holder, the call
 * fails with `MutexReentryError`, so a mistake surfaces as an error naming it instead of a request that hangs.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #holder: symbol | null = null;
  readonly #context = new AsyncLocalStorage<symbol>();

  constructor(private readonly reentryMs = 5_000) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const mine = this.#context.getStore();
    let release!: () => void;
    const next = new Promise<void>((r) => {
      release = r;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    if (mine !== undefined && mine === this.#holder) {
      let timer: NodeJS.Timeout | undefined;
      const stuck = await Promise.race([
        previous.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(this.#holder === mine), this.reentryMs);
        }),
      ]);
      clearTimeout(timer);
      if (stuck) {
        // Our turn passes to whoever comes next, once the holder is done.
        void previous.then(release);
        throw new MutexReentryError();
      }
    }
    await previous;
    const token = Symbol('holder');
    this.#holder = token;
    try {
      return await this.#context.run(token, fn);
    } finally {
      this.#holder = null;
      release();
    }
  }
}
