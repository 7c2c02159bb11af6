import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataDirLockedError, lockDataDir } from './lock';

const LOCK_MODULE = fileURLToPath(new URL('./lock.ts', import.meta.url));
const PROC = existsSync('/proc/self/stat') && existsSync('/proc/sys/kernel/random/boot_id');

/** The identity lines a lock written by `pid` would carry (Linux). */
function identityOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return `${pid}\nboot=${boot}\nstart=${start}`;
}

describe('data directory lock', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'motcua-lock-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a directory another live process holds, and takes it over once that process is killed with SIGKILL', async () => {
    const dir = tmp();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)};
         lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 60_000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => holder.once('exit', r));
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d) => String(d).includes('locked') && resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited (${code}) before locking`)));
      });
      assert.throws(
        () => lockDataDir(dir),
        (e: unknown) => e instanceof DataDirLockedError && e.message.includes(`pid ${holder.pid}`),
      );
    } finally {
      holder.kill('SIGKILL');
      await exited;
    }
    // Its lock file is still there, naming a process that no longer runs.
    assert.equal(Number.parseInt(readFileSync(join(dir, 'motcua.lock'), 'utf8'), 10), holder.pid);
    const release = lockDataDir(dir);
    assert.equal(Number.parseInt(readFileSync(join(dir, 'motcua.lock'), 'utf8'), 10), process.pid);
    release();
    assert.equal(existsSync(join(dir, 'motcua.lock')), false);
  });

  it('takes over a lock naming its own pid, left by an earlier process given the same pid (a restarted container)', () => {
    for (const left of [String(process.pid), `${process.pid}\nboot=another-boot\nstart=1`]) {
      const dir = tmp();
      writeFileSync(join(dir, 'motcua.lock'), left);
      const release = lockDataDir(dir);
      // Opening the directory a second time in this process is still refused.
      assert.throws(() => lockDataDir(dir), /already open in this process/);
      release();
      lockDataDir(dir)();
    }
  });

  it('takes over a lock naming a live process that started at another moment (a reused pid)', {
    skip: PROC ? false : 'needs /proc (Linux)',
  }, () => {
    const live = process.ppid; // the test runner: alive, and not the process that wrote these locks
    const [pid, boot] = identityOf(live).split('\n');
    for (const left of [`${pid}\n${boot}\nstart=1`, `${pid}\nboot=another-boot\nstart=1`]) {
      const dir = tmp();
      writeFileSync(join(dir, 'motcua.lock'), left);
      lockDataDir(dir)();
    }
    // The same pid with the identity it really has is its lock: refused.
    const dir = tmp();
    writeFileSync(join(dir, 'motcua.lock'), identityOf(live));
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
  });

  it('takes over an empty or unreadable lock (a process killed while writing it)', () => {
    for (const left of ['', 'not a pid']) {
      const dir = tmp();
      writeFileSync(join(dir, 'motcua.lock'), left);
      lockDataDir(dir)();
    }
  });
});
