/**
 * The one runner for the server's periodic work (issue 17): the statistics rollup refresh, the late-dossier
 * warnings and the message dispatch are registered here by name (jobs.ts) and started in one place
 * (server.ts). For every job:
 * - runs never overlap: a turn that comes while the job is still running is skipped, and `runNow` waits for
 *   the running one before it starts its own;
 * - every failure is logged with the job's name at level error (decision 0011: fail loudly) and the job runs
 *   again at its next turn;
 * - its status (runs, failures, last run, last error) is kept for the operator;
 * - `stop()` cancels the next turns and waits for the running work, so the database is not closed under it.
 *
 * Several app instances (issue 18): a job marked `singleton` runs its timed turns only while it holds the
 * runner's `lease` (e.g. a row or advisory lock in PostgreSQL); without a lease every instance runs it.
 */

/** What the runner needs of a logger (the app's pino logger fits). */
export interface JobLogger {
  error(obj: object, msg: string): void;
}

/** The timer functions the runner schedules with; tests pass their own to drive turns by hand. */
export interface JobTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Cross-instance exclusion for `singleton` jobs (issue 18). `acquire` answers a release function when this
 * instance may run the job now, or null when another instance holds it (the turn is then skipped). `ttlMs` is
 * how long the holder may keep it before another instance may take it over (a crashed holder).
 */
export interface JobLease {
  acquire(job: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
}

export interface JobSpec<T = unknown> {
  /** Unique, dotted by module: `stats.rollups`. Appears in the log and the status. */
  name: string;
  /** Milliseconds from the end of one timed run to the start of the next. */
  everyMs: number;
  /** Milliseconds from `start()` to the first timed run; default `everyMs`. */
  firstDelayMs?: number;
  /** Runs once per cluster when the runner has a lease (issue 18); timed turns only, not `runNow`. */
  singleton?: boolean;
  run: () => Promise<T>;
}

export interface JobStatus {
  name: string;
  everyMs: number;
  singleton: boolean;
  running: boolean;
  /** Runs finished (succeeded or failed). */
  runs: number;
  failures: number;
  /** Timed turns that found another instance holding the job's lease. */
  skipped: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  lastSucceededAt: string | null;
  lastError: { at: string; message: string } | null;
}

/** A registered job: run it on demand. */
export interface Job<T> {
  readonly name: string;
  /**
   * A run that starts after this call (after the running one, if any, ends); callers arriving while one is
   * queued share it. Rejects with the run's error (which is logged too).
   */
  runNow(): Promise<T>;
}

class Entry<T> implements Job<T> {
  running: Promise<T> | null = null;
  queued: Promise<T> | null = null;
  timer: unknown = null;
  readonly status: JobStatus;

  constructor(
    readonly spec: JobSpec<T>,
    private readonly runner: JobRunner,
  ) {
    this.status = {
      name: spec.name,
      everyMs: spec.everyMs,
      singleton: spec.singleton === true,
      running: false,
      runs: 0,
      failures: 0,
      skipped: 0,
      lastStartedAt: null,
      lastFinishedAt: null,
      lastDurationMs: null,
      lastSucceededAt: null,
      lastError: null,
    };
  }

  get name(): string {
    return this.spec.name;
  }

  runNow(): Promise<T> {
    if (!this.running) return this.execute();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.execute();
      });
    return this.queued;
  }

  /** Starts a run at once (the caller made sure none is running). */
  execute(): Promise<T> {
    const started = this.runner.now();
    this.status.running = true;
    this.status.lastStartedAt = started.toISOString();
    const run = (async () => this.spec.run())().then(
      (value) => {
        this.finish(started, null);
        return value;
      },
      (err: unknown) => {
        this.finish(started, err);
        throw err;
      },
    );
    this.running = run;
    // The caller may not wait for the run (a timed turn): its failure is handled by finish().
    run
      .catch(() => undefined)
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    return run;
  }

  private finish(started: Date, err: unknown): void {
    const ended = this.runner.now();
    this.status.running = false;
    this.status.runs++;
    this.status.lastFinishedAt = ended.toISOString();
    this.status.lastDurationMs = ended.getTime() - started.getTime();
    if (err === null) {
      this.status.lastSucceededAt = ended.toISOString();
      return;
    }
    this.status.failures++;
    const message = err instanceof Error ? err.message : String(err);
    this.status.lastError = { at: ended.toISOString(), message: message.slice(0, 500) };
    this.runner.log.error(
      { err, job: this.name, failures: this.status.failures },
      `background job ${this.name} failed`,
    );
  }

  /** One timed turn: skipped while a run is going on or another instance holds the lease. */
  async turn(): Promise<void> {
    if (this.running) return;
    const lease = this.spec.singleton ? this.runner.lease : undefined;
    let release: (() => Promise<void>) | null = null;
    if (lease) {
      try {
        release = await lease.acquire(this.name, Math.max(this.spec.everyMs, 60_000));
      } catch (err) {
        this.runner.log.error(
          { err, job: this.name },
          `background job ${this.name}: its lease could not be taken`,
        );
        return;
      }
      if (!release) {
        this.status.skipped++;
        return;
      }
      if (this.running) {
        await release();
        return;
      }
    }
    try {
      await this.execute().catch(() => undefined);
    } finally {
      if (release) {
        await release().catch((err: unknown) =>
          this.runner.log.error(
            { err, job: this.name },
            `background job ${this.name}: its lease could not be released`,
          ),
        );
      }
    }
  }
}

export class JobRunner {
  readonly #jobs = new Map<string, Entry<unknown>>();
  #started = false;
  #stopped = false;
  /** Timed turns in progress (with their lease), awaited by stop(). */
  readonly #turns = new Set<Promise<void>>();
  readonly log: JobLogger;
  readonly lease: JobLease | undefined;
  readonly now: () => Date;
  readonly #timers: JobTimers;

  constructor(opts: { log: JobLogger; lease?: JobLease; timers?: JobTimers; now?: () => Date }) {
    this.log = opts.log;
    this.lease = opts.lease;
    this.now = opts.now ?? (() => new Date());
    this.#timers = opts.timers ?? {
      setTimeout: (fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref(); // the jobs never keep the process alive
        return t;
      },
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
  }

  register<T>(spec: JobSpec<T>): Job<T> {
    if (this.#jobs.has(spec.name)) throw new Error(`background job ${spec.name} is registered twice`);
    if (!(spec.everyMs > 0)) throw new Error(`background job ${spec.name}: everyMs must be positive`);
    const entry = new Entry(spec, this);
    this.#jobs.set(spec.name, entry as Entry<unknown>);
    if (this.#started && !this.#stopped)
      this.#schedule(entry as Entry<unknown>, spec.firstDelayMs ?? spec.everyMs);
    return entry;
  }

  /** The job registered under `name`; throws on an unknown name (a typo must not pass silently). */
  job<T = unknown>(name: string): Job<T> {
    const entry = this.#jobs.get(name);
    if (!entry) throw new Error(`no background job named ${name}`);
    return entry as Job<T>;
  }

  runNow<T = unknown>(name: string): Promise<T> {
    return this.job<T>(name).runNow();
  }

  /** Starts the timed turns of every job (registered now or later). */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    for (const e of this.#jobs.values()) this.#schedule(e, e.spec.firstDelayMs ?? e.spec.everyMs);
  }

  get started(): boolean {
    return this.#started && !this.#stopped;
  }

  status(): JobStatus[] {
    return [...this.#jobs.values()].map((e) => ({
      ...e.status,
      lastError: e.status.lastError && { ...e.status.lastError },
    }));
  }

  /** No more timed turns; resolves once every running job (and queued `runNow`) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const e of this.#jobs.values()) {
      if (e.timer !== null) this.#timers.clearTimeout(e.timer);
      e.timer = null;
    }
    for (;;) {
      const pending = [
        ...this.#turns,
        ...[...this.#jobs.values()].flatMap((e) => [e.running, e.queued]),
      ].filter((p): p is Promise<unknown> => p !== null);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  #schedule(e: Entry<unknown>, ms: number): void {
    e.timer = this.#timers.setTimeout(() => {
      e.timer = null;
      if (this.#stopped) return;
      const turn = e.turn().finally(() => {
        this.#turns.delete(turn);
        if (!this.#stopped) this.#schedule(e, e.spec.everyMs);
      });
      this.#turns.add(turn);
    }, ms);
  }
}
