import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './password';
import { slidingWait } from './rate-limit';

describe('sliding window of a limit', () => {
  it('blocks after the fifth hit within the window and frees the key when the oldest slides out', () => {
    const hits: number[] = [];
    for (let i = 0; i < 5; i++) {
      assert.equal(slidingWait(hits, 5, 60_000, i * 1000), 0);
      hits.push(i * 1000);
    }
    assert.equal(slidingWait(hits, 5, 60_000, 5000), 55_000);
    assert.equal(slidingWait([], 5, 60_000, 5000), 0);
    assert.equal(slidingWait(hits, 5, 60_000, 60_000), 0);
  });

  it('waits for the oldest of the last `max` hits, not the oldest of all', () => {
    const hits = [0, 10_000, 20_000, 30_000];
    assert.equal(slidingWait(hits, 3, 60_000, 35_000), 35_000);
  });
});

describe('password hashing', () => {
  it('verifies the right password (in any Unicode normalization) and nothing else', async () => {
    const h = await hashPassword('Mật khẩu 2026');
    assert.match(h, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword('Mật khẩu 2026', h), true);
    assert.equal(await verifyPassword('Mật khẩu 2026'.normalize('NFD'), h), true);
    assert.equal(await verifyPassword('Mat khau 2026', h), false);
    assert.equal(await verifyPassword('x', 'garbage'), false);
  });
});
