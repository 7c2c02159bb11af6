import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/database';
import { DataDirLockedError } from '../../src/server/db/lock';
import { hashPassword, setPasswordCost, verifyPassword } from '../../src/server/modules/auth/password';
import { Client } from '../support/http';
import { startTestServer } from '../support/server';

describe('start-up', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'motcua-start-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('stops with a message naming each wrong configuration value', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', MOTCUA_CLOCK: 'fast' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /PORT/.test(e.message) &&
        /DATABASE_URL/.test(e.message) &&
        /MOTCUA_CLOCK/.test(e.message),
    );
  });

  it('defaults to PGlite under ./data on port 3000, and to PostgreSQL when DATABASE_URL is set', () => {
    const d = loadConfig({});
    assert.equal(d.port, 3000);
    assert.equal(d.database.kind, 'pglite');
    assert.match(d.database.kind === 'pglite' ? d.database.dataDir : '', /\/data$/);
    const p = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' });
    assert.deepEqual(p.database, { kind: 'postgres', url: 'postgres://u@h:5432/db' });
    assert.equal(p.port, 8080);
  });

  it('hashes passwords at OWASP strength by default and refuses a weaker work factor in production', async () => {
    assert.equal(loadConfig({}).passwordCost, 17);
    assert.equal(loadConfig({ MOTCUA_PASSWORD_COST: '14', NODE_ENV: 'test' }).passwordCost, 14);
    assert.throws(
      () => loadConfig({ MOTCUA_PASSWORD_COST: '14', NODE_ENV: 'production', MOTCUA_MESSAGES: 'gateway' }),
      (e: unknown) => e instanceof ConfigError && /MOTCUA_PASSWORD_COST/.test(e.message),
    );
    setPasswordCost(17);
    const strong = await hashPassword('Mật khẩu 2026');
    setPasswordCost(14);
    const quick = await hashPassword('Mật khẩu 2026');
    assert.match(strong, /^scrypt\$131072\$8\$1\$/);
    assert.match(quick, /^scrypt\$16384\$8\$1\$/);
    // A stored hash keeps its own parameters: both still verify whatever the current work factor.
    assert.ok(await verifyPassword('Mật khẩu 2026', strong));
    assert.ok(await verifyPassword('Mật khẩu 2026', quick));
    assert.ok(!(await verifyPassword('Mật khẩu 2025', strong)));
  });

  it('exits at once with a clear message when the server is started with a wrong value', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: 'ba nghìn' },
      encoding: 'utf8',
      // A bound for a hung process, not a measure: loading the server's TypeScript took over 30 s beside a
      // loaded machine's other work (issue 26). A wrong value exits before the server starts anything.
      timeout: 240_000,
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Invalid configuration/);
    assert.match(r.stderr, /PORT/);
  });

  it('refuses to open a PGlite data directory another process holds', async () => {
    const dir = tmp();
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir: dir }), DataDirLockedError);
    } finally {
      await db.close();
    }
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  });

  it('keeps data across restarts and seeds demo data only once', async () => {
    const dir = tmp();
    const first = await startTestServer('pglite', {}, { dataDir: dir });
    const admin = await new Client(first.app).login('admin', 'quantri-he-thong-2026');
    const before = await admin.get<{ total: number }>('/api/v1/users');
    await first.close();
    const second = await startTestServer(
      'pglite',
      { MOTCUA_ADMIN_PASSWORD: 'another-password' },
      { dataDir: dir },
    );
    try {
      // The administrator keeps the first password; the environment only applies on the first start.
      const again = await new Client(second.app).login('admin', 'quantri-he-thong-2026');
      const after = await again.get<{ total: number }>('/api/v1/users');
      assert.equal(after.body.total, before.body.total);
      const agencies = await again.get<{ items: unknown[] }>('/api/v1/agencies');
      assert.equal(agencies.body.items.length, 4);
    } finally {
      await second.close();
    }
  });

  it('creates the administrator with a random password printed once when none is configured', async () => {
    const lines: string[] = [];
    const { createServer } = await import('../../src/server/server');
    const { Writable } = await import('node:stream');
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const dir = tmp();
    const config = loadConfig({ MOTCUA_DATA_DIR: dir, MOTCUA_DEMO_DATA: 'false', LOG_LEVEL: 'info' });
    const s = await createServer(config, { logger: { level: 'info', stream } });
    try {
      const msg = lines.map((l) => JSON.parse(l).msg as string).find((m) => m.includes('"admin"'));
      assert.ok(msg, 'the log names the admin account');
      const pw = /password: (\S+)/.exec(msg)?.[1];
      assert.ok(pw && pw.length >= 12);
      await new Client(s.app).login('admin', pw);
    } finally {
      await s.close();
    }
  });
});
