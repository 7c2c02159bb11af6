import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './password';
import { LoginThrottle } from './rate-limit';

describe('login throttle', () => {
  it('blocks after the fifth failure within the window and frees the key when it slides out', () => {
    const t = new LoginThrottle(5, 60_000);
    for (let i = 0; i < 5; i++) {
      assert.equal(t.retryAfter('k', i * 1000), 0);
      t.fail('k', i * 1000);
    }
    assert.equal(t.retryAfter('k', 5000), 55_000);
    assert.equal(t.retryAfter('other', 5000), 0);
    assert.equal(t.retryAfter('k', 60_000), 0);
  });

  it('counts an attempt before it is checked, so parallel attempts stop at the limit', () => {
    const t = new LoginThrottle(3, 60_000);
    const waits = Array.from({ length: 5 }, () => t.attempt('k', 1000));
    assert.deepEqual(waits, [0, 0, 0, 60_000, 60_000]);
    assert.equal(t.failures('k', 1000), 3);
    t.succeed('k');
    assert.equal(t.attempt('k', 1000), 0);
    assert.equal(t.failures('k', 1000), 1);
  });

  it('forgets failures after a successful login', () => {
    const t = new LoginThrottle(2, 60_000);
    t.fail('k', 0);
    t.succeed('k');
    t.fail('k', 1);
    assert.equal(t.retryAfter('k', 2), 0);
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
