// The OpenAPI document is a first-class artefact (issue 17): an independent linter (@redocly/cli with its
// recommended rules) finds no error in it; every operation has an operationId, its security requirement and its
// error answers in the one shared error schema; nullable enums list `null`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);
const REDOCLY = join(import.meta.dirname, '../../node_modules/@redocly/cli/bin/cli.js');

/** Warnings of the recommended rules that are accepted, each with its reason. Everything else must be clean. */
const ACCEPTED_WARNINGS: Record<string, string> = {
  // `/payments/{id}/confirm` beside `/payments/callback/{gateway}`: both exist and are matched unambiguously by
  // Fastify (static segments win); renaming either breaks clients and gateways.
  'no-ambiguous-paths': 'routes kept as they are',
  // Worklist counts are `z.record(z.enum(...), …)`: the keys are required and typed by `additionalProperties`.
  'no-required-schema-properties-undefined': 'records keyed by an enum',
};

/** Operations without a success response schema (issue 17: none are left, and none may be added). */
const MAX_WITHOUT_RESPONSE_SCHEMA = 0;

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

describe('the OpenAPI document', () => {
  let s: TestServer;
  let doc: Doc;
  let dir: string;
  const ops: { key: string; path: string; op: Operation }[] = [];
  before(async () => {
    s = await startTestServer('pglite');
    const res = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as Doc;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods))
        ops.push({ key: `${method.toUpperCase()} ${path}`, path, op });
    dir = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes @redocly/cli lint with the recommended rules: no error, only accepted warnings', async (t) => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = await run(
      process.execPath,
      [REDOCLY, 'lint', file, '--format=json', '--max-problems=100000', '--extends=recommended'],
      {
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((e: { stdout?: string; stderr?: string }) => ({
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }));
    const report = JSON.parse(out.stdout) as {
      problems: { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }[];
    };
    const line = (p: (typeof report.problems)[number]) =>
      `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`;
    const errors = report.problems.filter((p) => p.severity === 'error').map(line);
    const unexpected = report.problems
      .filter((p) => p.severity !== 'error' && !ACCEPTED_WARNINGS[p.ruleId])
      .map(line);
    t.diagnostic(`${ops.length} operations; ${report.problems.length} problems, all accepted warnings`);
    assert.deepEqual({ errors, unexpected }, { errors: [], unexpected: [] });
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = ops.map((o) => o.op.operationId);
    assert.deepEqual(
      ops.filter((o) => !/^[a-z][A-Za-z0-9]*$/.test(o.op.operationId ?? '')).map((o) => o.key),
      [],
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    const byKey = Object.fromEntries(ops.map((o) => [o.key, o.op.operationId]));
    assert.equal(byKey['GET /api/v1/dossiers/{id}'], 'getDossiersById');
    assert.equal(byKey['GET /api/v1/catalogue/export.xlsx'], 'getCatalogueExportXlsx');
  });

  it('states each operation’s security: the session cookie, or none for public operations', () => {
    assert.deepEqual(
      ops.filter((o) => !Array.isArray(o.op.security)).map((o) => o.key),
      [],
    );
    const security = Object.fromEntries(ops.map((o) => [o.key, o.op.security]));
    assert.deepEqual(security['GET /api/v1/public/dossiers/{code}'], []);
    assert.deepEqual(security['POST /api/v1/auth/login'], []);
    assert.deepEqual(security['GET /api/v1/dossiers/{id}'], [{ session: [] }]);
  });

  it('documents the error answers with the one shared error schema', () => {
    const ref = { $ref: '#/components/schemas/Error' };
    assert.ok(doc.components.schemas.Error, 'an Error component schema');
    const missing: string[] = [];
    for (const { key, path, op } of ops) {
      const want = ['400'];
      if (op.security?.length) want.push('401', '403');
      if (path.includes('{')) want.push('404');
      for (const code of want) {
        const schema = op.responses[code]?.content?.['application/json']?.schema;
        if (JSON.stringify(schema) !== JSON.stringify(ref)) missing.push(`${key} ${code}`);
      }
    }
    assert.deepEqual(missing, []);
    const limited = ops.filter((o) => o.op.responses['429']).map((o) => o.key);
    assert.ok(limited.includes('GET /api/v1/public/dossiers/{code}'), 'rate-limited lookups document 429');
    assert.ok(limited.includes('POST /api/v1/auth/login'), 'throttled sign-in documents 429');
  });

  it('lists null among the values of every nullable enum', () => {
    const wrong: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) wrong.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    walk(doc, '#');
    assert.deepEqual(wrong, []);
  });

  it('gives (nearly) every operation a success response schema, and never more operations without one', () => {
    const without = ops
      .filter(({ op }) =>
        Object.entries(op.responses).every(([code, r]) => !code.startsWith('2') || !r.content),
      )
      .map((o) => o.key);
    assert.ok(
      without.length <= MAX_WITHOUT_RESPONSE_SCHEMA,
      `${without.length} operations without a response schema:\n${without.join('\n')}`,
    );
  });
});
