// A client typed from the OpenAPI document (issue 17): openapi-typescript turns /api/openapi.json into TypeScript,
// and the TypeScript compiler checks that (a) every operation's success answer is typed (not `never`, `unknown` or
// `any`), and (b) the key answers agree with src/contract, the types the web app is written against (each
// assignable to the other). A schema that Fastify serializes through but that the document renders differently,
// or a contract type drifting from its schema, fails here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { startTestServer, type TestServer } from '../support/server';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Contract types and the operation whose JSON answer they describe. `Same`: each assignable to the other.
 * Left out on purpose: records keyed by an enum (e.g. WorklistCounts), which JSON Schema renders as an open map.
 */
const AGREEMENT: [contract: string, operationId: string, status: number][] = [
  ['Me', 'getAuthMe', 200],
  ['DossierView', 'getDossiersById', 200],
  ['DossierList', 'getDossiers', 200],
  ['ProcedureDetail', 'getProceduresByCode', 200],
  ['ProcedureList', 'getProcedures', 200],
  ['PublicDossier', 'getPublicDossiersByCode', 200],
  ['MyDossier', 'getMyDossiersById', 200],
  ['Draft', 'getDraftsById', 200],
  ['FeesView', 'getDossiersByIdFees', 200],
  ['QueueTicket', 'getQueueTicketsById', 200],
  ['BoardState', 'getQueueAgenciesByCodeBoard', 200],
  ['FeedbackItem', 'getPublicFeedbackByCode', 200],
  ['ProcessingReport', 'getStatsProcessing', 200],
  ['Explanation', 'getCalendarExplain', 200],
  ['WorkflowView', 'getProceduresByCodeWorkflow', 200],
  ['Assignee[]', 'getDossiersByIdAssignees', 200],
];

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('the client typed from the OpenAPI document (openapi-typescript)', () => {
  let s: TestServer;
  let dir: string;
  let doc: OpenAPI3;
  const answers: { name: string; alias: string }[] = [];
  let diagnostics: ts.Diagnostic[] = [];
  let checker: ts.TypeChecker;
  let check: ts.SourceFile;

  before(async () => {
    s = await startTestServer('pglite');
    const res = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as OpenAPI3;
    await s.close();
    dir = mkdtempSync(join(tmpdir(), 'motcua-openapi-ts-'));
    writeFileSync(join(dir, 'openapi.d.ts'), astToString(await openapiTS(doc)));

    // One alias per success answer and media type, then one `Same` per contract type.
    const lines = [
      `import type { operations } from './openapi';`,
      `import type * as C from '${join(ROOT, 'src/contract')}';`,
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      `type Json<O extends keyof operations, S extends keyof operations[O]['responses']> =`,
      `  operations[O]['responses'][S] extends { content: { 'application/json': infer T } } ? T : never;`,
    ];
    const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
    for (const [path, methods] of Object.entries(paths))
      for (const [method, op] of Object.entries(methods))
        for (const [status, r] of Object.entries(op.responses))
          if (/^2\d\d$/.test(status) && status !== '204')
            for (const media of Object.keys(r.content ?? { '(none)': null })) {
              const alias = `A${answers.length}`;
              answers.push({ name: `${method.toUpperCase()} ${path} ${status} ${media}`, alias });
              lines.push(
                `export type ${alias} = operations['${op.operationId}']['responses'][${status}] extends { content: { '${media}': infer T } } ? T : never;`,
              );
            }
    for (const [i, [contract, operationId, status]] of AGREEMENT.entries()) {
      const name = `${i}${contract.replace('[]', 'List')}`;
      lines.push(`export const agree${name}: Same<C.${contract}, Json<'${operationId}', ${status}>> = true;`);
      // the same properties, optional ones included (mutual assignability alone lets an optional one differ)
      lines.push(
        `export const keys${name}: Same<keyof C.${contract}, keyof Json<'${operationId}', ${status}>> = true;`,
      );
    }
    writeFileSync(join(dir, 'check.ts'), `${lines.join('\n')}\n`);

    // The project's own compiler options (tsconfig.json), on this one file and what it imports.
    const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram([join(dir, 'check.ts')], { ...parsed.options, noEmit: true });
    // Only these two files are checked (the project's typecheck covers the rest): the checker resolves what they
    // need of src/contract and the server's schemas lazily, which keeps this test fast.
    check = program.getSourceFile(join(dir, 'check.ts'))!;
    const generated = program.getSourceFile(join(dir, 'openapi.d.ts'))!;
    diagnostics = [check, generated].flatMap((f) => [
      ...program.getSyntacticDiagnostics(f),
      ...program.getSemanticDiagnostics(f),
    ]);
    checker = program.getTypeChecker();
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const explain = (d: ts.Diagnostic) => {
    const where = d.file
      ? `${d.file.fileName === join(dir, 'check.ts') ? 'check.ts' : d.file.fileName}:${
          d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1
        } ${d.file.text.split('\n')[d.file.getLineAndCharacterOfPosition(d.start ?? 0).line]?.slice(0, 160)}`
      : '';
    return `${where}\n  ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`;
  };

  it('generates TypeScript that compiles with the project options', () => {
    const inGenerated = diagnostics.filter((d) => d.file?.fileName === join(dir, 'openapi.d.ts'));
    assert.deepEqual(inGenerated.map(explain), []);
    assert.ok(answers.length > 100, `only ${answers.length} success answers found`);
  });

  it('types every operation’s success answer (no `never`, `unknown` or `any`)', () => {
    const untyped: string[] = [];
    const byAlias = new Map(answers.map((a) => [a.alias, a.name]));
    let objects = 0;
    for (const st of check.statements) {
      if (!ts.isTypeAliasDeclaration(st) || !byAlias.has(st.name.text)) continue;
      const t = checker.getTypeAtLocation(st.name);
      if (t.flags & (ts.TypeFlags.Never | ts.TypeFlags.Unknown | ts.TypeFlags.Any))
        untyped.push(`${byAlias.get(st.name.text)}: ${checker.typeToString(t)}`);
      if (t.flags & ts.TypeFlags.Object) objects++;
    }
    assert.deepEqual(untyped, []);
    // the check resolved the answers themselves (JSON objects for most), not error types
    assert.ok(objects > 100, `only ${objects} answers resolved to object types`);
  });

  it('agrees with src/contract on the key answers (each type assignable to the other)', () => {
    const inCheck = diagnostics.filter((d) => d.file?.fileName === join(dir, 'check.ts'));
    assert.deepEqual(inCheck.map(explain), []);
  });
});
