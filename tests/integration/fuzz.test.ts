// Issue 16: hostile requests to every operation of the OpenAPI document — wrong types, missing fields, huge
// and control-character strings (NUL above all), malformed JSON, wrong content types, oversize bodies, long
// and encoded path parameters, deep nesting, numbers JavaScript cannot hold — anonymously and as privileged
// accounts. No answer may be a 5xx, and every JSON 4xx must be `{ "error": { "code", "message", "details"? } }`.
// A fixed seed makes the run the same every time; `node --import tsx bench/fuzz.ts` is the long run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FUZZ_IDENTITIES, FUZZ_SEED, Fuzzer, type FuzzReport, formatViolations } from '../support/fuzz';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/**
 * Hostile requests per operation in CI (the bench sends ≥ 100,000 in all). The 18–22 requests each rate-limited
 * operation gets stay under its limit (lookups by code: 30 per address and minute; payment requests by code: 20
 * in 10 minutes), so the server keeps its production limits and every request still reaches validation; a 429
 * would be checked for shape like any other 4xx. More rounds: lift MOTCUA_PUBLIC_LOOKUPS_PER_MINUTE as
 * bench/fuzz.ts does.
 */
const ROUNDS = 16;

for (const backend of BACKENDS) {
  describe(`API fuzzing on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let report: FuzzReport;
    before(async () => {
      s = await startTestServer(backend);
      report = await new Fuzzer(s.app, {
        seed: FUZZ_SEED,
        identities: FUZZ_IDENTITIES,
        rounds: ROUNDS,
      }).run();
    });
    after(() => s?.close());

    it('sends at least the planned number of hostile requests to every operation of the OpenAPI document', (t) => {
      t.diagnostic(
        `${report.requests} requests to ${report.operations} operations in ${(report.elapsedMs / 1000).toFixed(1)} s: ` +
          JSON.stringify(report.byClass),
      );
      assert.ok(report.operations >= 100, `only ${report.operations} operations in the OpenAPI document`);
      assert.equal(report.time.size, report.operations, 'every operation was called');
      const thin = [...report.time].filter(([, t]) => t.requests < ROUNDS).map(([op]) => op);
      assert.deepEqual(thin, [], `operations sent fewer than ${ROUNDS} requests`);
      assert.ok((report.byClass['4xx'] ?? 0) > report.requests / 2, JSON.stringify(report.byClass));
    });

    it('answers every hostile request to every operation with a documented 4xx, never 500', () => {
      if (report.violations.length > 0) assert.fail(formatViolations(report.violations));
    });
  });
}
