// The long fuzzing run (issue 16): the CI test's generator (tests/support/fuzz.ts) at ≥ 100,000 hostile
// requests against every operation of the OpenAPI document, on a fresh test server (PGlite unless told
// otherwise). Prints the requests per second, the answers by status class and every violation found: a 5xx, or
// a JSON 4xx that is not `{ "error": { "code", "message", "details"? } }`. Exits 1 when there is any.
//
//   node --import tsx bench/fuzz.ts [--requests 100000] [--seed 20260116] [--backend pglite|postgres] [--log]
//
// --log starts the server with LOG_LEVEL=error, so the stack of every unhandled error is printed as it happens.
// `npm run bench` runs it too (`benchFuzz`, BENCH_FUZZ_REQUESTS, default 100,000; 0 leaves it out).
import { pathToFileURL } from 'node:url';
import type { FuzzReport } from '../tests/support/fuzz';

export interface FuzzBenchOptions {
  requests: number;
  backend: 'pglite' | 'postgres';
  seed?: number;
  /** LOG_LEVEL=error on the server: the stack of every unhandled error. */
  log?: boolean;
  /** A progress line every 5,000 requests, the slowest operations and the non-JSON 4xx answers. */
  details?: boolean;
}

function classes(r: FuzzReport): string {
  return Object.entries(r.byClass)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
    .join(', ');
}

/** Runs the fuzzer on a fresh server, prints its figures and violations; sets exit code 1 on any violation. */
export async function benchFuzz(o: FuzzBenchOptions): Promise<FuzzReport> {
  // On PGlite no PostgreSQL is needed: tell the test support so, instead of letting it probe for one.
  if (o.backend === 'pglite' && !process.env.MOTCUA_TEST_PG && process.env.CI !== 'true') {
    process.env.MOTCUA_TEST_PG = 'unreachable';
  }
  const { FUZZ_IDENTITIES, FUZZ_SEED, Fuzzer, formatViolations } = await import('../tests/support/fuzz');
  const { startTestServer } = await import('../tests/support/server');
  const seed = o.seed ?? FUZZ_SEED;
  const t0 = performance.now();
  // Thousands of requests per operation: the per-address limit on lookups by code (30 a minute) would answer
  // nearly all of them 429 before validation, so the long run lifts it; the CI test keeps the default.
  const server = await startTestServer(o.backend, {
    MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE: '1000000',
    ...(o.log ? { LOG_LEVEL: 'error' } : {}),
  });
  if (o.details) {
    console.log(
      `fuzz: ${o.backend} server started in ${((performance.now() - t0) / 1000).toFixed(1)} s; seed ${seed}`,
    );
  }
  let lastPrinted = 0;
  try {
    const fuzzer = new Fuzzer(server.app, {
      seed,
      identities: FUZZ_IDENTITIES,
      rounds: Number.POSITIVE_INFINITY,
      maxRequests: o.requests,
      onProgress: (r) => {
        if (!o.details) return;
        if (r.requests - lastPrinted < 5_000 && r.requests < o.requests) return;
        lastPrinted = r.requests;
        const rate = r.requests / (r.elapsedMs / 1000);
        console.log(
          `fuzz: ${r.requests.toLocaleString('en')} requests, ${rate.toFixed(0)} req/s, ${classes(r)}, ` +
            `${r.violations.length} violations`,
        );
      },
    });
    const r = await fuzzer.run();
    const seconds = r.elapsedMs / 1000;
    const where = o.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const fiveHundreds = r.byClass['5xx'] ?? 0;
    if (o.details) console.log('');
    console.log(
      `fuzz over the OpenAPI document (${where}, ${r.operations} operations, seed ${seed})`.padEnd(62) +
        ` ${r.requests.toLocaleString('en')} requests in ${seconds.toFixed(1)} s, ` +
        `${(r.requests / seconds).toFixed(0)} req/s`,
    );
    console.log(
      `  answers by status class: ${classes(r)}; answers ≥ 500: ${fiveHundreds}; violations: ${r.violations.length}; ` +
        `sessions re-opened: ${r.relogins}`,
    );
    if (o.details) {
      const slowest = [...r.time].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
      console.log('slowest operations (total time):');
      for (const [op, t] of slowest) {
        console.log(
          `  ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${String(t.requests).padStart(6)} requests  ${op}`,
        );
      }
      if (r.nonJson4xx.size > 0) {
        console.log('4xx answers that are not JSON (not asserted):');
        for (const [what, n] of r.nonJson4xx) console.log(`  ×${n}  ${what}`);
      }
      console.log('');
    }
    if (r.violations.length === 0) {
      if (o.details) console.log('no violations: no 5xx, and every JSON 4xx has the documented error shape');
    } else {
      console.log(formatViolations(r.violations));
      process.exitCode = 1;
    }
    return r;
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const requests = Number(option('requests') ?? 100_000);
  const backend = option('backend') ?? 'pglite';
  if (!Number.isInteger(requests) || requests <= 0)
    throw new Error('--requests takes a positive whole number');
  if (backend !== 'pglite' && backend !== 'postgres') throw new Error('--backend is pglite or postgres');
  const seed = option('seed');
  await benchFuzz({
    requests,
    backend,
    ...(seed === undefined ? {} : { seed: Number(seed) }),
    log: process.argv.includes('--log'),
    details: true,
  });
}
