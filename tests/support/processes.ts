import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The real server as a child process (`src/server/main.ts`, configured by its environment like `npm start`), for
 * tests that kill it (issue 16's kill -9, issue 18's cluster behind a load balancer).
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A bound for a broken server, not a measure of speed. A first start (a TypeScript process, PGlite's initdb, the
 * migrations, the seed) took 79 s on 2 cores beside four other test runs; 90 s failed once there (issue 26).
 */
export const START_BOUND_MS = 240_000;

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `src/server/main.ts` with this environment (none of the test process's own MOTCUA_* or DATABASE_URL). */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const inherited = { ...process.env };
  for (const k of Object.keys(inherited))
    if (k === 'DATABASE_URL' || k.startsWith('MOTCUA_')) delete inherited[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    // Passwords hashed at the test servers' cost (tests/support/server.ts): at the production cost the first
    // start spent most of its 20 s of CPU hashing the demo users' passwords, which no test measures.
    env: { ...inherited, MOTCUA_PASSWORD_COST: '14', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Milliseconds from now until `base`/api/v1/health answers 200; fails if the process exits first. */
export async function untilHealthy(base: string, p: ServerProcess): Promise<number> {
  const t0 = performance.now();
  let gone: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void p.exited.then((e) => {
    gone = e;
  });
  for (;;) {
    if (gone) {
      assert.fail(`the server exited (${gone.code ?? gone.signal}) before answering:\n${p.output()}`);
    }
    try {
      const r = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
      await r.arrayBuffer();
      if (r.status === 200) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    assert.ok(
      performance.now() - t0 < START_BOUND_MS,
      `no health after ${START_BOUND_MS} ms:\n${p.output()}`,
    );
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nobody listens on now (the OS's choice). */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}
