// The project's single test entry point (npm test): typecheck, lint, then every test file in one
// node:test run so CI reads one closing summary. `npm test -- unit|integration|e2e` narrows the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { probePostgres } from '../tests/support/probe.mjs';

const only = process.argv[2];
const root = new URL('..', import.meta.url).pathname;

function run(cmd, args, env = {}, after = async () => {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  return after().then(() => {
    if (r.status === 0) return;
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  });
}

function walk(dir, pattern, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pattern, out);
    else if (pattern.test(name)) out.push(p);
  }
  return out;
}

const suites = {
  unit: () => walk(join(root, 'src'), /\.test\.tsx?$/),
  integration: () => walk(join(root, 'tests/integration'), /\.test\.ts$/),
  e2e: () => walk(join(root, 'tests/e2e'), /\.test\.ts$/),
};
const chosen = only ? [only] : Object.keys(suites);
if (only && !suites[only]) {
  console.error(`unknown suite "${only}"; use one of: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

/**
 * The type check runs beside the tests rather than before them (issue 26: 27 s of one core while the other
 * waited); its output is printed, and its failure fails the run, once the tests are done.
 */
let typecheck = null;
if (!only) {
  console.log('▶ typecheck (beside the tests; its answer comes at the end)');
  typecheck = new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { cwd: root, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, out }));
  });
  console.log('▶ lint');
  await run('npx', ['biome', 'lint', 'src', 'tests', 'scripts', 'bench']);
}
if (chosen.includes('e2e')) {
  console.log('▶ build web app for browser tests');
  await run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

/**
 * Longest first (issue 26): node:test hands files to its workers in this order, and a long file started last
 * kept one worker busy while the other had nothing left to do. The slowest files are named (measured in full runs,
 * 2026-12-07); then the browser files, the integration files, the unit tests — short ones fill
 * the end.
 */
const SLOWEST = [
  'tests/integration/crash.test.ts',
  'tests/integration/authz-matrix.test.ts',
  'tests/e2e/portal-submit.test.ts',
  'tests/e2e/portal-honest.test.ts',
  'tests/e2e/desk.test.ts',
  'tests/e2e/queue.test.ts',
  'tests/integration/dossier-search.test.ts',
  'tests/e2e/desk-usability.test.ts',
  'tests/e2e/portal-payments-feedback.test.ts',
  'tests/e2e/reception-form.test.ts',
  'tests/integration/dossier-forms.test.ts',
];
const rank = (f) => {
  const rel = f.slice(root.length);
  const i = SLOWEST.indexOf(rel);
  if (i >= 0) return i;
  return SLOWEST.length + (rel.startsWith('tests/e2e/') ? 0 : rel.startsWith('tests/') ? 1 : 2);
};
const files = chosen
  .flatMap((s) => suites[s]())
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

/**
 * PostgreSQL is probed once, here, before any test file starts (issue 26): a probe inside a test process
 * raced that file's own work for the event loop, and a busy file reported a healthy PostgreSQL as
 * unreachable. The answer reaches every test process in MOTCUA_TEST_PG (tests/support/server.ts).
 */
const env = { NODE_ENV: 'test', NO_COLOR: '1' };
const pgUrl = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (chosen.some((s) => s !== 'unit') && !process.env.MOTCUA_TEST_PG) {
  const url = pgUrl;
  const probe = await probePostgres(url);
  if (!probe.ok && process.env.CI === 'true') {
    console.error(`\n✗ PostgreSQL at ${url} is unreachable under CI: ${probe.error}`);
    process.exit(1);
  }
  if (!probe.ok) console.log(`▶ PostgreSQL unreachable at ${url}: its half of the tests is skipped`);
  env.MOTCUA_TEST_PG = probe.ok ? 'reachable' : 'unreachable';
}

/**
 * The test servers of this run start from seeded templates (tests/support/server.ts `seededTemplate`), made once
 * for the run by whichever test process needs one first; they are removed when the run ends.
 */
env.MOTCUA_TEST_RUN = `r${process.pid}`;
async function dropTemplates() {
  rmSync(join(tmpdir(), `motcua-templates-${env.MOTCUA_TEST_RUN}`), { recursive: true, force: true });
  if (env.MOTCUA_TEST_PG === 'unreachable' || process.env.MOTCUA_TEST_PG === 'unreachable') return;
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      `motcua_tpl_${env.MOTCUA_TEST_RUN}_`,
    ]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } catch (e) {
    console.error(`(could not remove this run's template databases: ${e.message})`);
  } finally {
    await admin.end().catch(() => {});
  }
}

/**
 * Files run two at a time on two cores. Three were tried once (2026-12-07): the counted CPU stayed at 1.2 cores of
 * the wall time, as at two, so a third file found no idle core (PostgreSQL's work, not counted, takes the rest),
 * and a loaded machine has one more process competing. `MOTCUA_TEST_CONCURRENCY` sets another number.
 */
const concurrency = Number(process.env.MOTCUA_TEST_CONCURRENCY ?? 2);
console.log(`▶ node:test over ${files.length} files, ${concurrency} at a time`);
const tests = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } },
);
await dropTemplates();
let failed = false;
if (typecheck) {
  const t = await typecheck;
  console.log(`\n▶ typecheck: ${t.code === 0 ? 'no errors' : 'FAILED'}`);
  if (t.out.trim()) console.log(t.out.trimEnd());
  if (t.code !== 0) {
    console.error(`\n✗ npx tsc --noEmit -p tsconfig.json failed (exit ${t.code ?? t.signal})`);
    failed = true;
  }
}
if (tests.status !== 0) {
  console.error(`\n✗ node:test failed (exit ${tests.status ?? tests.signal})`);
  failed = true;
}
process.exit(failed ? 1 : 0);
