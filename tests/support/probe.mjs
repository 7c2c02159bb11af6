// Whether PostgreSQL answers, tried until it does: up to `attempts` tries, each allowed `perTryMs` to connect,
// a second apart — a bound generous enough that only a PostgreSQL that is really down fails it (issue 26).
// Plain JavaScript, so both the test runner (scripts/test.mjs) and the test support (server.ts) use it.
import pg from 'pg';

export async function probePostgres(url, attempts = 10, perTryMs = 15_000) {
  let error = '';
  for (let i = 1; i <= attempts; i++) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: perTryMs });
    try {
      await c.connect();
      await c.query('select 1');
      await c.end();
      return { ok: true, error: '' };
    } catch (e) {
      error = e.message;
      await c.end().catch(() => {});
      if (i < attempts) await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return { ok: false, error: `${error} (after ${attempts} tries)` };
}
