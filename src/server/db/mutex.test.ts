import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Mutex, MutexReentryError } from './mutex';

describe('database mutex', () => {
  it('runs holders one at a time in arrival order, even when one fails', async () => {
    const m = new Mutex();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) =>
      m.run(async () => {
        log.push(`${name}+`);
        await sleep(ms);
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a', 20), job('b', 1, true), job('c', 5)]);
    assert.deepEqual(log, ['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
  });
});

describe('database mutex re-entry', () => {
  it('fails, instead of hanging, when the holder waits for a call that needs the mutex it holds', async () => {
    const m = new Mutex(50);
    const queued = m.run(async () => 'after'); // a caller queued behind the stuck holder still gets its turn
    await assert.rejects(
      m.run(() => m.run(async () => 1)),
      MutexReentryError,
    );
    assert.equal(await queued, 'after');
    assert.equal(await m.run(async () => 2), 2);
  });

  it('lets work a holder starts without waiting for it take its turn, even while the holder is still busy', async () => {
    const m = new Mutex(50);
    const log: string[] = [];
    let later: Promise<void> | undefined;
    await m.run(async () => {
      later = m.run(async () => {
        log.push('started work');
      });
      await sleep(20);
      log.push('holder done');
    });
    await later;
    assert.deepEqual(log, ['holder done', 'started work']);
  });
});
