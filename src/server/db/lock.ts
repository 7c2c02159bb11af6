import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite takes no lock on its data directory: two processes can open it and lose writes
 * (STACK.md). motcua takes its own lock file and refuses a second process; a lock left by a
 * process that no longer runs (kill -9, a crash, a power cut) is taken over.
 *
 * The file names its holder by pid and, on Linux, by the boot and the moment the process started
 * (`/proc`), because a pid alone is reused: a container restarted after a kill gives the server the
 * same pid it had, and after a reboot the pid may be any other live process. A lock naming this very
 * process, or a live process that started at another moment, is therefore stale (PostgreSQL treats
 * its own postmaster.pid the same way). Without `/proc` only a dead pid or this process's own pid
 * mark a lock stale.
 */
export class DataDirLockedError extends Error {}

/** Lock files this process holds: opening the same directory twice in one process is refused. */
const held = new Set<string>();

interface Holder {
  pid: number;
  boot?: string;
  start?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** When `pid` started, in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined without /proc. */
function startTime(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function identity(pid: number): Holder {
  const boot = read('/proc/sys/kernel/random/boot_id');
  const start = startTime(pid);
  return boot && start ? { pid, boot, start } : { pid };
}

/** The lock file: the pid on the first line (all older versions wrote only that), then boot and start. */
function format(h: Holder): string {
  return [String(h.pid), ...(h.boot && h.start ? [`boot=${h.boot}`, `start=${h.start}`] : [])].join('\n');
}

function parse(text: string): Holder {
  const [first = '', ...rest] = text.split('\n');
  const field = (name: string) =>
    rest.find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1) || undefined;
  return { pid: Number.parseInt(first, 10), boot: field('boot'), start: field('start') };
}

/** Whether the process that wrote the lock still runs. */
function holderRuns(h: Holder): boolean {
  if (!Number.isInteger(h.pid) || h.pid <= 0) return false;
  if (h.pid === process.pid) return false; // an earlier process given our pid (this one's own locks are `held`)
  if (!alive(h.pid)) return false;
  if (h.boot && h.start) {
    const now = identity(h.pid);
    // A live process with the pid, started at another moment or in another boot: the pid was reused.
    if (now.boot && now.start) return now.boot === h.boot && now.start === h.start;
  }
  return true;
}

/**
 * Creates `path` with `text`, failing with EEXIST if it exists. Written whole to a draft, then linked into
 * place, so no other process reads a half-written lock; where the file system has no hard links, created
 * exclusively and written.
 */
function createWhole(path: string, text: string): void {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, text);
  try {
    linkSync(draft, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    writeFileSync(path, text, { flag: 'wx' });
  } finally {
    unlinkSync(draft);
  }
}

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'motcua.lock');
  if (held.has(path)) {
    throw new DataDirLockedError(`The data directory ${dir} is already open in this process.`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createWhole(path, format(identity(process.pid)));
      held.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(path);
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const text = read(path);
      if (text === undefined) continue; // removed meanwhile: try again
      const holder = parse(text);
      if (holderRuns(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dir} is in use by another motcua process (pid ${holder.pid}). ` +
            'Stop it first, or set MOTCUA_DATA_DIR to another directory.',
        );
      }
      try {
        unlinkSync(path); // stale lock from a process that died
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}.`);
}
