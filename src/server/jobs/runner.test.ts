import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JobLease, JobRunner, type JobTimers } from './runner';

/** Timers driven by hand: `fire()` runs every due callback, as if their delay had passed. */
class HandTimers implements JobTimers {
  #next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }
  /** Fires every pending timer, then lets the work they started settle. */
  async fire(): Promise<void> {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
    await settle();
  }
}

const settle = () => new Promise<void>((r) => setImmediate(r));

class Log {
  readonly errors: { obj: Record<string, unknown>; msg: string }[] = [];
  error(obj: object, msg: string): void {
    this.errors.push({ obj: obj as Record<string, unknown>, msg });
  }
}

/** A promise opened and closed by the test. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((r) => {
    open = r;
  });
  return { promise, open };
}

describe('the background job runner', () => {
  it('runs a job at its first delay, then every interval after the previous run ends', async () => {
    const timers = new HandTimers();
    const runner = new JobRunner({ log: new Log(), timers });
    let runs = 0;
    runner.register({
      name: 'count',
      everyMs: 1000,
      firstDelayMs: 10,
      run: async () => {
        runs++;
      },
    });
    assert.deepEqual(timers.delays(), [], 'nothing is scheduled before start');
    runner.start();
    assert.deepEqual(timers.delays(), [10]);
    await timers.fire();
    assert.equal(runs, 1);
    assert.deepEqual(timers.delays(), [1000]);
    await timers.fire();
    assert.equal(runs, 2);
    const [s] = runner.status();
    assert.equal(s?.runs, 2);
    assert.equal(s?.failures, 0);
    assert.ok(s?.lastSucceededAt);
    await runner.stop();
  });

  it('logs a failing job and runs it again at its next turn', async () => {
    const timers = new HandTimers();
    const log = new Log();
    const runner = new JobRunner({ log, timers });
    let calls = 0;
    runner.register({
      name: 'flaky',
      everyMs: 1000,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('gateway down');
      },
    });
    runner.start();
    await timers.fire();
    assert.equal(log.errors.length, 1);
    assert.equal(log.errors[0]?.obj.job, 'flaky');
    assert.equal((log.errors[0]?.obj.err as Error | undefined)?.message, 'gateway down');
    assert.match(log.errors[0]?.msg ?? '', /flaky/);
    let [s] = runner.status();
    assert.equal(s?.failures, 1);
    assert.equal(s?.lastError?.message, 'gateway down');
    assert.deepEqual(timers.delays(), [1000], 'the next turn is still scheduled');
    await timers.fire();
    assert.equal(calls, 2);
    [s] = runner.status();
    assert.equal(s?.runs, 2);
    assert.equal(s?.failures, 1);
    assert.equal(log.errors.length, 1);
    await runner.stop();
  });

  it('logs a job that throws before it returns a promise', async () => {
    const log = new Log();
    const runner = new JobRunner({ log, timers: new HandTimers() });
    runner.register({
      name: 'sync',
      everyMs: 1000,
      run: () => {
        throw new Error('at once');
      },
    });
    await assert.rejects(runner.runNow('sync'), /at once/);
    assert.equal(log.errors[0]?.obj.job, 'sync');
  });

  it('never runs a job twice at once', async () => {
    const timers = new HandTimers();
    const runner = new JobRunner({ log: new Log(), timers });
    let active = 0;
    let most = 0;
    let runs = 0;
    let g = gate();
    runner.register({
      name: 'slow',
      everyMs: 1000,
      run: async () => {
        active++;
        most = Math.max(most, active);
        runs++;
        await g.promise;
        active--;
      },
    });
    runner.start();
    await timers.fire(); // a timed run starts and hangs
    assert.equal(runs, 1);
    assert.deepEqual(timers.delays(), [], 'the next turn waits for the end of the run');
    // Callers on demand while it runs share one run after it.
    const a = runner.runNow('slow');
    const b = runner.runNow('slow');
    await settle();
    assert.equal(runs, 1);
    const first = g;
    g = gate();
    first.open();
    await settle();
    assert.equal(runs, 2, 'one queued run for both callers');
    g.open();
    await Promise.all([a, b]);
    assert.equal(most, 1);
    assert.deepEqual(timers.delays(), [1000]);
    // A timed turn that comes while an on-demand run is going on is skipped.
    g = gate();
    const c = runner.runNow('slow');
    await timers.fire();
    assert.equal(runs, 3);
    g.open();
    await c;
    assert.equal(most, 1);
    assert.equal(runner.status()[0]?.runs, 3);
    await runner.stop();
  });

  it('starts an on-demand run after the running one, so it sees what was committed before the call', async () => {
    const runner = new JobRunner({ log: new Log(), timers: new HandTimers() });
    const seen: number[] = [];
    let committed = 0;
    const g = gate();
    runner.register({
      name: 'snapshot',
      everyMs: 1000,
      run: async () => {
        const at = committed;
        await g.promise;
        seen.push(at);
        return at;
      },
    });
    const first = runner.runNow<number>('snapshot');
    committed = 1;
    const second = runner.runNow<number>('snapshot');
    g.open();
    assert.equal(await first, 0);
    assert.equal(await second, 1);
    assert.deepEqual(seen, [0, 1]);
  });

  it('hands an on-demand caller the failure, and logs it', async () => {
    const log = new Log();
    const runner = new JobRunner({ log, timers: new HandTimers() });
    const job = runner.register({
      name: 'broken',
      everyMs: 1000,
      run: async () => {
        throw new Error('no database');
      },
    });
    await assert.rejects(job.runNow(), /no database/);
    assert.equal(log.errors.length, 1);
    assert.equal(runner.status()[0]?.failures, 1);
  });

  it('waits for a running job when the server closes', async () => {
    const timers = new HandTimers();
    const runner = new JobRunner({ log: new Log(), timers });
    const g = gate();
    let finished = false;
    runner.register({
      name: 'long',
      everyMs: 1000,
      run: async () => {
        await g.promise;
        finished = true;
      },
    });
    runner.register({ name: 'idle', everyMs: 5000, firstDelayMs: 5000, run: async () => {} });
    runner.start();
    const long = [...timers.pending.entries()].find(([, t]) => t.ms === 1000);
    timers.pending.delete(long![0]);
    long![1].fn();
    await settle();
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    assert.deepEqual(timers.delays(), [], 'no more turns once stopping');
    await settle();
    assert.equal(stopped, false, 'stop waits for the running job');
    g.open();
    await stopping;
    assert.equal(finished, true);
    assert.deepEqual(timers.delays(), [], 'a run that ends after stop schedules nothing');
  });

  it('refuses a second job of the same name and an unknown name', () => {
    const runner = new JobRunner({ log: new Log(), timers: new HandTimers() });
    runner.register({ name: 'a', everyMs: 1, run: async () => {} });
    assert.throws(() => runner.register({ name: 'a', everyMs: 1, run: async () => {} }), /registered twice/);
    assert.throws(() => runner.job('b'), /no background job named b/);
  });

  it('runs a singleton job only while it holds the lease, and releases it after the run', async () => {
    const timers = new HandTimers();
    let holder: string | null = 'another instance';
    const released: string[] = [];
    const lease: JobLease = {
      acquire: async (job) => {
        if (holder !== null) return null;
        holder = job;
        return async () => {
          released.push(job);
          holder = null;
        };
      },
    };
    const runner = new JobRunner({ log: new Log(), timers, lease });
    let singletonRuns = 0;
    let everywhereRuns = 0;
    runner.register({
      name: 'once-per-cluster',
      everyMs: 1000,
      singleton: true,
      run: async () => {
        singletonRuns++;
      },
    });
    runner.register({
      name: 'every-instance',
      everyMs: 1000,
      run: async () => {
        everywhereRuns++;
      },
    });
    runner.start();
    await timers.fire();
    assert.equal(singletonRuns, 0, 'skipped while another instance holds it');
    assert.equal(everywhereRuns, 1, 'a job that is not a singleton takes no lease');
    assert.equal(runner.status().find((s) => s.name === 'once-per-cluster')?.skipped, 1);
    holder = null;
    await timers.fire();
    assert.equal(singletonRuns, 1);
    assert.deepEqual(released, ['once-per-cluster']);
    assert.equal(holder, null);
    await runner.stop();
  });
});
