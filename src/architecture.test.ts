import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2]) as string);
}

/** Where a relative import lands, as a path under src/ ("domain/…", "server/…", "web/…"). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(SRC, resolve(file, '..', spec));
}

describe('architecture: imports point inward', () => {
  it('keeps the domain pure: no server, web, database or I/O imports', () => {
    const bad: string[] = [];
    for (const f of files(join(SRC, 'domain'))) {
      if (f.endsWith('.test.ts')) continue;
      for (const spec of imports(f)) {
        const t = target(f, spec);
        if (t !== null && !t.startsWith('domain')) bad.push(`${relative(SRC, f)} → ${spec}`);
        if (/^(node:|fs$|path$|pg$|drizzle|fastify|@electric-sql|react)/.test(spec)) {
          bad.push(`${relative(SRC, f)} → ${spec}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it('keeps the server independent of the web app', () => {
    const bad = files(join(SRC, 'server')).flatMap((f) =>
      imports(f)
        .filter((s) => target(f, s)?.startsWith('web'))
        .map((s) => `${relative(SRC, f)} → ${s}`),
    );
    assert.deepEqual(bad, []);
  });

  it('lets the web app reach the server only through the contract (src/contract)', () => {
    const bad = files(join(SRC, 'web')).flatMap((f) =>
      imports(f)
        .filter((s) => target(f, s)?.startsWith('server'))
        .map((s) => `${relative(SRC, f)} → ${s}`),
    );
    assert.deepEqual(bad, []);
  });

  it('keeps the contract type-only: the web bundle gets no server or Zod code from it', () => {
    const bad: string[] = [];
    for (const f of files(join(SRC, 'contract'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (!m[2]) bad.push(`${relative(SRC, f)} → ${m[3]}`);
      }
      // nothing but types: no values declared or exported
      if (/^export\s+(const|let|var|function|class|enum|default)\b/m.test(text)) bad.push(relative(SRC, f));
      for (const spec of imports(f)) {
        const t = target(f, spec);
        if (t !== null && !t.startsWith('server') && !t.startsWith('domain'))
          bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('keeps the tables out of the routes (db/schema): routes call services and stores', () => {
    // `*.routes.ts` and the files of a `routes/` folder (the queue's).
    // Audit rows and lookups go through the module's service or store functions (issue 17).
    const reading = files(join(SRC, 'server'))
      .filter((f) => f.endsWith('.routes.ts') || /[/\\]routes[/\\][^/\\]+\.ts$/.test(f))
      .filter((f) => imports(f).some((s) => /^server[/\\]db[/\\]schema([/\\]|$)/.test(target(f, s) ?? '')))
      .map((f) => relative(SRC, f));
    assert.deepEqual(reading, []);
  });

  it('reads no clock in the domain', () => {
    const bad = files(join(SRC, 'domain'))
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    assert.deepEqual(bad, []);
  });
});

describe('architecture: one writer of the dossier log', () => {
  it('writes dossiers and their events only in the dossier store', () => {
    // Every other module goes through `store.ts` (appendEvents, insertHistoryRows): one place checks each
    // transition, keeps the projection and writes the outbox and the audit line with the events (issue 17).
    const WRITE =
      /\b(insert\s+into|update|delete\s+from)\s+(dossiers|dossier_events)\b|\.(insert|update|delete)\((dossiers|dossierEvents)\)/i;
    const bad = files(join(SRC, 'server'))
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => relative(SRC, f) !== join('server', 'modules', 'dossiers', 'store.ts'))
      .filter((f) => WRITE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    assert.deepEqual(bad, []);
  });
});

describe('architecture: one writer of stored files', () => {
  it('writes files rows only in the file store, where object storage will plug in', () => {
    const WRITE = /\.(insert|update|delete)\(files\)|\b(insert\s+into|update|delete\s+from)\s+files\b/i;
    const bad = files(join(SRC, 'server'))
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => relative(SRC, f) !== join('server', 'modules', 'files', 'store.ts'))
      .filter((f) => WRITE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    assert.deepEqual(bad, []);
  });
});
