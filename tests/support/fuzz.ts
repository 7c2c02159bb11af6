// The API fuzzer (issue 16): hostile requests generated from the OpenAPI document to every operation, sent
// anonymously and with privileged sessions, checking that no answer is a 5xx and that every JSON 4xx answer has
// the documented error shape `{ "error": { "code", "message", "details"? } }`. Shared by the CI test
// (tests/integration/fuzz.test.ts, a few requests per operation) and the long run (bench/fuzz.ts).
//
// Deterministic: every choice comes from a seeded generator (and fast-check, seeded, for strings matching a
// schema's pattern), so a seed and a round number name a request. Only the identifiers read back from the
// server (uuids of the seeded data) differ between runs.
import { tracingChannel } from 'node:diagnostics_channel';
import fc from 'fast-check';
import type { App } from '../../src/server/app';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { ADMIN_PASSWORD } from './server';

/** The seed of the CI run and the bench's default: the same hostile requests every time. */
export const FUZZ_SEED = 20260116;

// ---------------------------------------------------------------------------------------------------------
// The OpenAPI document, as much of it as the fuzzer reads

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path template, e.g. `/api/v1/agencies/{id}`. */
  path: string;
  params: Param[];
  /** The JSON request body's schema, when the operation takes one. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** An answer that never ends (Server-Sent Events): never called with real identifiers. */
  streaming: boolean;
  /** Ends the caller's session: sent without a session, so the privileged sessions survive the run. */
  endsSession: boolean;
  /** Must never receive a valid request (setting the test clock would move "now" under the whole run). */
  neverValid: boolean;
}

/** Operations no request may succeed on: their valid-looking body is replaced by an invalid one. */
const NEVER_VALID = [/^PUT \/api\/v1\/dev\/clock$/];

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, reads first and deletions last, minus the documentation routes. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path === '/api/openapi.json' || path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHOD_ORDER.includes(method)) continue;
      const params: Param[] = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
        .map((p) => ({
          name: p.name,
          in: p.in as Param['in'],
          required: p.in === 'path' || p.required === true,
          schema: p.schema ?? {},
        }));
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        params,
        body,
        bodyRequired: op.requestBody?.required === true,
        streaming:
          /\/stream$/.test(path) || /text\/event-stream/.test(`${op.summary ?? ''} ${op.description ?? ''}`),
        endsSession: method === 'post' && /\/logout$/.test(path),
        neverValid: NEVER_VALID.some((re) => re.test(`${method.toUpperCase()} ${path}`)),
      });
    }
  }
  const rank = (o: Operation) => METHOD_ORDER.indexOf(o.method.toLowerCase()) * 10 + (o.endsSession ? 5 : 0);
  return ops.sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small seeded generator; the same seed gives the same sequence on every machine. */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

function hash(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const c of parts.join('\u0001')) {
    h ^= c.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const patternArbitraries = new Map<string, fc.Arbitrary<string>>();

/** A string matching `pattern` (fast-check, seeded from `rng`), within the schema's length bounds. */
function matching(schema: JsonSchema, rng: Rng): string | undefined {
  const pattern = schema.pattern as string;
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return undefined;
  }
  let arb = patternArbitraries.get(pattern);
  if (!arb) {
    try {
      arb = fc.stringMatching(re);
    } catch {
      return undefined;
    }
    patternArbitraries.set(pattern, arb);
  }
  const samples = fc.sample(arb, { seed: rng.int(2 ** 31), numRuns: 10 });
  return samples.find(
    (s) => re.test(s) && s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Identifiers read from the running server, so that requests reach past "not found" into the handlers

export class Pools {
  /** Values of each key of the items a GET answered with, by that GET's path template. */
  readonly byTemplate = new Map<string, Map<string, string[]>>();
  /** Values of each key anywhere in any answer. */
  readonly byKey = new Map<string, string[]>();
  /** Values never to use (the fuzzing accounts themselves, so that no request edits or disables them). */
  readonly excluded = new Set<string>();

  record(template: string, body: unknown): void {
    const items = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
        ? (body as { items: unknown[] }).items
        : [body];
    const byKey = this.byTemplate.get(template) ?? new Map<string, string[]>();
    this.byTemplate.set(template, byKey);
    for (const item of items.slice(0, 20)) {
      if (!item || typeof item !== 'object') continue;
      for (const [k, v] of Object.entries(item)) if (isScalar(v)) add(byKey, k, String(v));
    }
    const walk = (v: unknown, depth: number) => {
      if (depth > 6 || !v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (isScalar(x)) add(this.byKey, k, String(x));
        else walk(x, depth + 1);
      }
    };
    walk(body, 0);
  }

  /** Candidate values for path parameter `name` of `template`, best first. */
  forPathParam(template: string, name: string): string[] {
    const at = template.indexOf(`{${name}}`);
    const prefix = template.slice(0, at).replace(/\/$/, '');
    const seg = prefix.split('/').pop() ?? '';
    const out: string[] = [];
    out.push(...this.#fromTemplate(prefix, name), ...this.#fromTemplate(`${prefix}/`, name));
    for (const [t, byKey] of this.byTemplate) {
      if (t.replace(/\/$/, '').split('/').pop() === seg && !/\{[^}]+\}\/?$/.test(t)) {
        out.push(...(byKey.get(name) ?? []));
      }
    }
    const singular = seg.replace(/ies$/, 'y').replace(/s$/, '');
    if (name === 'id' || name === 'code') out.push(...(this.byKey.get(`${singular}${capital(name)}`) ?? []));
    else out.push(...(this.byKey.get(name) ?? []));
    return [...new Set(out)].filter((v) => !this.excluded.has(v));
  }

  /** Candidate values for body field `key` (e.g. `agencyId`, `procedureCode`), best first. */
  forField(key: string): string[] {
    const out = [...(this.byKey.get(key) ?? [])];
    const m = /^(.+?)(Id|Code)$/.exec(key);
    if (m) {
      const stem = (m[1] as string).toLowerCase().replace(/y$/, '');
      const field = (m[2] as string).toLowerCase();
      for (const [t, byKey] of this.byTemplate) {
        const last = t.replace(/\/$/, '').split('/').pop() ?? '';
        if (last.toLowerCase().startsWith(stem) && !t.includes('{')) out.push(...(byKey.get(field) ?? []));
      }
    }
    return [...new Set(out)].filter((v) => !this.excluded.has(v));
  }

  #fromTemplate(template: string, key: string): string[] {
    return this.byTemplate.get(template)?.get(key) ?? [];
  }
}

function isScalar(v: unknown): v is string | number {
  return (
    (typeof v === 'string' && v.length > 0 && v.length <= 100) ||
    (typeof v === 'number' && Number.isFinite(v))
  );
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  if (list.length < 20 && !list.includes(value)) list.push(value);
  map.set(key, list);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Valid-looking values, so that a single hostile field reaches the code behind the validation

function variants(schema: JsonSchema): JsonSchema[] {
  if (schema.anyOf) return schema.anyOf;
  if (schema.oneOf) return schema.oneOf;
  if (schema.allOf) return schema.allOf;
  return [];
}

function typeOf(schema: JsonSchema): string | undefined {
  const alt = variants(schema);
  if (alt.length > 0) return typeOf(alt[0] as JsonSchema);
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.enum) return typeof schema.enum[0];
  return undefined;
}

/** Whether `value` plausibly satisfies `schema` (checked on candidates read from the server). */
function fits(schema: JsonSchema, value: string): boolean {
  const alt = variants(schema);
  if (alt.length > 0) return alt.some((s) => fits(s, value));
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value);
  if (type !== 'string' && type !== undefined) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  if (schema.format === 'uuid' && !/^[0-9a-f-]{36}$/i.test(value)) return false;
  return value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
}

const NAMED: Record<string, string> = {
  phone: '0901234567',
  email: 'fuzz@example.com',
  password: 'Fuzz-password-2026',
  newPassword: 'Fuzz-password-2027',
  currentPassword: 'not-the-password',
  idNumber: '079200000001',
  username: 'fuzz.user',
  year: '2026',
};

interface Plausible {
  rng: Rng;
  pools: Pools;
  /** Include optional object properties (a fuller body reaches more columns, but more cross-field rules). */
  full: boolean;
  /** Never use identifiers read from the server (the streaming routes). */
  noPools?: boolean;
}

export function plausible(schema: JsonSchema, key: string, ctx: Plausible): unknown {
  const alt = variants(schema).filter((s) => s.type !== 'null');
  if (alt.length > 0 && !schema.allOf) return plausible(alt[0] as JsonSchema, key, ctx);
  if (schema.allOf) return plausible(Object.assign({}, ...schema.allOf) as JsonSchema, key, ctx);
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined && schema.default !== null) return structuredClone(schema.default);
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const type = typeOf(schema);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (required.has(k) || ctx.full) out[k] = plausible(s, k, ctx);
      }
      return out;
    }
    case 'array': {
      const n = Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? 1);
      return Array.from({ length: n }, () => plausible(schema.items ?? {}, key, ctx));
    }
    case 'integer':
    case 'number': {
      if (key === 'year') return 2026;
      const lo =
        typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 1);
      return Math.min(Math.max(1, lo), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (!ctx.noPools) {
        const known = ctx.pools.forField(key).find((v) => fits(schema, v));
        if (known !== undefined) return known;
      }
      if (schema.format === 'uuid') return uuid(ctx.rng);
      if (schema.format === 'date') return '2026-11-23';
      if (schema.format === 'date-time') return '2026-11-23T09:00:00+07:00';
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.pattern) {
        const m = matching(schema, ctx.rng);
        if (m !== undefined) return m;
      }
      const named = NAMED[key];
      if (named !== undefined && fits(schema, named)) return named;
      return fitLength('Nội dung thử nghiệm', schema);
    }
    default:
      return 'Nội dung thử nghiệm';
  }
}

function fitLength(s: string, schema: JsonSchema): string {
  let out = s;
  while (out.length < (schema.minLength ?? 0)) out += ' nội dung';
  return out.slice(0, schema.maxLength ?? out.length);
}

function uuid(rng: Rng): string {
  const hex = () => rng.int(16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-${'89ab'[rng.int(4)]}${part(3)}-${part(12)}`;
}

/** A path parameter's value: read from the server when one fits, else made from the schema. */
function pathValue(op: Operation, p: Param, ctx: Plausible): string {
  if (!op.streaming && !ctx.noPools) {
    const known = ctx.pools.forPathParam(op.path, p.name).find((v) => fits(p.schema, v));
    if (known !== undefined) return known;
  }
  return String(plausible(p.schema, p.name, { ...ctx, noPools: true }));
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values

const HUGE = 'x'.repeat(100_000);
const HUGE_VI = 'Ằ'.repeat(100_000);
const CONTROL = [
  '\u0001',
  '\u001f',
  '\u007f',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\u202e',
  '\ufeff',
  '\r\n',
  '\u2028',
];
const NUL_TEXTS = ['\u0000', 'a\u0000b', 'Nguyễn\u0000Văn', '\u0000'.repeat(8)];
/** JSON number tokens JavaScript cannot hold, and their neighbours; written into the body text as they are. */
const NUMBER_TOKENS = [
  '1e309',
  '-1e309',
  '-0',
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '1e21',
  '9007199254740993',
  '-1',
  '0.5',
  '1e-400',
  '"1e309"',
];
const WRONG: unknown[] = [0, -1, 1.5, true, false, null, 'chuỗi', '', [], [1, 'a'], {}, { a: 1 }];
const PATH_HUGE = ['a'.repeat(500), '9'.repeat(500), 'a'.repeat(101), encodeURIComponent('Ằ'.repeat(200))];
const PATH_CONTROL = [
  'a\u0000b',
  '%00',
  'a%00b',
  '%01',
  '%1F',
  '%0A',
  '%0D%0A',
  '%ED%A0%80',
  '%zz',
  '%',
  '%C0%AF',
  '%FF',
];
const PATH_DOTS = ['..', '.', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%2E%2E%2F%2E%2E', '....%2F%2F'];
const PATH_WRONG = [
  'abc',
  '1e309',
  '-0',
  'NaN',
  '-1',
  '99999999999999999999',
  '1.5',
  'true',
  '%5B%5D',
  '%7B%7D',
  '%20',
  'null',
];
const QUERY_CONTROL = [
  '%00',
  'a%00b',
  '%01',
  '%1F',
  '%ED%A0%80',
  '%zz',
  '%',
  '%C0%AF',
  '%FF',
  '%0D%0A',
  'a\u0000b',
];
const QUERY_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e21',
  '9007199254740993',
  '0x10',
  '1.5',
  '',
];
const MALFORMED: (string | Buffer)[] = [
  '{"a": ',
  '{',
  '}',
  '{"a":1,}',
  "{'a':1}",
  'undefined',
  'NaN',
  '\u0000',
  '',
  '[',
  '"',
  '{"a":"\\x00"}',
  '\ufeff{}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  '9'.repeat(10_000),
  `{"a":${'['.repeat(200_000)}`,
];
const CONTENT_TYPES: { type: string; payload: string | Buffer }[] = [
  { type: 'text/plain', payload: '{"a":1}' },
  { type: 'application/xml', payload: '<?xml version="1.0"?><a><b>1</b></a>' },
  { type: 'text/xml', payload: '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
  { type: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00&c[d]=2' },
  { type: 'multipart/form-data', payload: 'garbage without a boundary' },
  { type: 'multipart/form-data; boundary=zzz', payload: '--zzz\r\nnot a header\r\n\r\n\u0000\u0001--zzz' },
  { type: 'application/json; charset=utf-16le', payload: Buffer.from('{"a":1}', 'utf16le') },
  { type: 'application/json;;;', payload: '{}' },
  { type: 'application/json\u0000', payload: '{}' },
  { type: 'application/octet-stream', payload: Buffer.from([0, 1, 2, 255, 254]) },
  { type: 'application/vnd.api+json', payload: '{}' },
  { type: '*/*', payload: '{}' },
  { type: '', payload: '{}' },
];

/** A marker placed in a value, replaced by a raw JSON token once the body is written as text. */
const RAW = '\u0007raw:';

// ---------------------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What is hostile about it, for the violation list. */
  input: string;
  /** Who sends it: an identity name, or null for no session. */
  as: string | null;
}

type Kind =
  | 'body.nulText'
  | 'path.huge'
  | 'query.nulText'
  | 'body.wrongType'
  | 'body.missing'
  | 'body.malformed'
  | 'path.control'
  | 'body.control'
  | 'body.huge'
  | 'query.wrongType'
  | 'body.contentType'
  | 'body.oversize'
  | 'path.dots'
  | 'body.array'
  | 'body.nested'
  | 'body.number'
  | 'query.huge'
  | 'query.number'
  | 'path.wrongType'
  | 'body.wrongTypeAll'
  | 'query.missing'
  | 'header.hostile'
  | 'multipart.garbage'
  | 'body.scalar'
  | 'body.unknownField'
  | 'cookie.garbage';

/** Kinds decided before any handler runs (routing, parsing): sent without a session as often as with one. */
const PARSE_LEVEL = new Set<Kind>([
  'path.huge',
  'path.control',
  'path.dots',
  'body.malformed',
  'body.contentType',
  'body.oversize',
  'body.scalar',
  'cookie.garbage',
]);

function kindsFor(op: Operation): Kind[] {
  const has = (where: Param['in']) => op.params.some((p) => p.in === where);
  const stringQuery = op.params.some((p) => p.in === 'query' && typeOf(p.schema) === 'string');
  const numberQuery = op.params.some(
    (p) => p.in === 'query' && (typeOf(p.schema) === 'integer' || typeOf(p.schema) === 'number'),
  );
  const body = op.body !== null;
  const takesBody = op.method !== 'GET';
  const all: [Kind, boolean][] = [
    ['multipart.garbage', takesBody && !body],
    ['body.nulText', body],
    ['path.huge', has('path')],
    ['query.nulText', stringQuery],
    ['body.wrongType', body],
    ['body.missing', body],
    ['body.malformed', true],
    ['path.control', has('path')],
    ['body.control', body],
    ['body.huge', body],
    ['query.wrongType', has('query')],
    ['header.hostile', has('header')],
    ['body.contentType', takesBody],
    ['body.oversize', takesBody],
    ['path.dots', has('path')],
    ['body.array', body],
    ['body.nested', body],
    ['body.number', body],
    ['query.huge', stringQuery],
    ['query.number', numberQuery || has('query')],
    ['path.wrongType', has('path')],
    ['body.wrongTypeAll', body],
    ['query.missing', true],
    ['multipart.garbage', takesBody && body],
    ['body.scalar', takesBody],
    ['body.unknownField', body],
    ['cookie.garbage', true],
  ];
  return all.filter(([, ok]) => ok).map(([k]) => k);
}

interface Leaf {
  path: (string | number)[];
  schema: JsonSchema;
  key: string;
}

/** Every value in `value` with its schema: objects and arrays as well as their members. */
function leaves(schema: JsonSchema, value: unknown, path: (string | number)[] = [], key = ''): Leaf[] {
  const out: Leaf[] = path.length > 0 ? [{ path, schema, key }] : [];
  const alt = variants(schema);
  const s = alt.length > 0 ? (alt[0] as JsonSchema) : schema;
  if (Array.isArray(value) && s.items) {
    value.forEach((v, i) => {
      out.push(...leaves(s.items as JsonSchema, v, [...path, i], key));
    });
  } else if (value && typeof value === 'object' && s.properties) {
    for (const [k, v] of Object.entries(value)) {
      const ps = s.properties[k];
      if (ps) out.push(...leaves(ps, v, [...path, k], k));
    }
  }
  return out;
}

/** Free text: strings without pattern, format or enum, which a handler stores or searches as they are. */
function isFreeText(s: JsonSchema): boolean {
  const alt = variants(s);
  if (alt.length > 0) return alt.some(isFreeText);
  return typeOf(s) === 'string' && !s.pattern && !s.format && !s.enum && s.const === undefined;
}

function isRecord(s: JsonSchema): boolean {
  return typeOf(s) === 'object' && !s.properties && s.additionalProperties !== false;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let at = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
  return root;
}

function deleteAt(root: unknown, path: (string | number)[]): void {
  let at = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  delete at[path[path.length - 1] as string | number];
}

function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${RAW}([^"]*)"`, 'g'), (_, token: string) =>
    token.replace(/\\"/g, '"'),
  );
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') {
    if (v.startsWith(RAW)) return v.slice(RAW.length);
    if (v.length > 40) return `${v.length}-char string ${JSON.stringify(v.slice(0, 12))}…`;
    return JSON.stringify(v);
  }
  const s = JSON.stringify(v);
  return s && s.length > 40 ? `${s.slice(0, 40)}…` : String(s);
}

function multipart(
  boundary: string,
  parts: { headers: string; body: string | Buffer }[],
  close = true,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\n${p.headers}\r\n\r\n`),
      Buffer.from(p.body),
      Buffer.from('\r\n'),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const MULTIPART: { input: string; type: string; payload: () => Buffer }[] = [
  {
    input: 'multipart file named ../../etc/passwd with NUL',
    type: 'multipart/form-data; boundary=b0',
    payload: () =>
      multipart('b0', [
        {
          headers:
            'Content-Disposition: form-data; name="file"; filename="../../etc/passwd\u0000.pdf"\r\nContent-Type: application/pdf',
          body: '%PDF-1.4 garbage',
        },
      ]),
  },
  {
    input: 'multipart truncated (no closing boundary)',
    type: 'multipart/form-data; boundary=b1',
    payload: () =>
      multipart(
        'b1',
        [{ headers: 'Content-Disposition: form-data; name="file"; filename="a.pdf"', body: 'abc' }],
        false,
      ),
  },
  {
    input: 'multipart with no parts',
    type: 'multipart/form-data; boundary=b2',
    payload: () => Buffer.from('--b2--\r\n'),
  },
  {
    input: 'multipart with 60 fields (over the limit of 50)',
    type: 'multipart/form-data; boundary=b3',
    payload: () =>
      multipart(
        'b3',
        Array.from({ length: 60 }, (_, i) => ({
          headers: `Content-Disposition: form-data; name="f${i}"`,
          body: 'x',
        })),
      ),
  },
  {
    input: 'multipart with 12 files (over the limit of 10)',
    type: 'multipart/form-data; boundary=b4',
    payload: () =>
      multipart(
        'b4',
        Array.from({ length: 12 }, (_, i) => ({
          headers: `Content-Disposition: form-data; name="file"; filename="f${i}.pdf"\r\nContent-Type: application/pdf`,
          body: '%PDF-1.4',
        })),
      ),
  },
  {
    input: 'multipart field with a NUL value and a 10,000-char name',
    type: 'multipart/form-data; boundary=b5',
    payload: () =>
      multipart('b5', [
        { headers: `Content-Disposition: form-data; name="${'n'.repeat(10_000)}"`, body: 'a\u0000b' },
        { headers: 'Content-Disposition: form-data; name="component"', body: 'Tờ khai\u0000' },
        {
          headers:
            'Content-Disposition: form-data; name="file"; filename="\u0000"\r\nContent-Type: \u0001/\u0000',
          body: Buffer.from([0, 1, 2]),
        },
      ]),
  },
  {
    input: 'multipart with a garbage part header',
    type: 'multipart/form-data; boundary=b6',
    payload: () => Buffer.from('--b6\r\n\u0000\u0001garbage\r\n\r\nxyz\r\n--b6--\r\n'),
  },
  {
    input: 'multipart declared, JSON sent',
    type: 'multipart/form-data; boundary=b7',
    payload: () => Buffer.from('{"a":1}'),
  },
];

export interface CaseContext {
  seed: number;
  pools: Pools;
  /** Identities whose session reached past authorisation on this operation (else every privileged one). */
  reached: string[];
  /** Whether the valid-looking body includes the optional fields (decided on calibration). */
  full: boolean;
}

/** The round-`round` hostile request to `op`: the kinds in turn, each time aimed at the next field. */
export function hostileRequest(op: Operation, round: number, ctx: CaseContext): FuzzRequest {
  const kinds = kindsFor(op);
  const takesBody = op.method !== 'GET';
  const kindIndex = round % kinds.length;
  const kind = kinds[kindIndex] as Kind;
  const occurrence = Math.floor(round / kinds.length);
  const rng = new Rng(hash(ctx.seed, op.method, op.path, round));
  const p: Plausible = { rng, pools: ctx.pools, full: ctx.full, noPools: op.streaming };

  const pathValues = new Map<string, string>();
  for (const prm of op.params) {
    if (prm.in === 'path') pathValues.set(prm.name, encodeURIComponent(pathValue(op, prm, p)));
  }
  const query = new Map<string, string[]>();
  for (const prm of op.params) {
    if (prm.in === 'query' && prm.required) {
      query.set(prm.name, [encodeURIComponent(String(plausible(prm.schema, prm.name, p)))]);
    }
  }
  const headers: Record<string, string> = {};
  for (const prm of op.params) {
    if (prm.in === 'header' && prm.required)
      headers[prm.name] = `fuzz-${hash(ctx.seed, op.method, op.path, round)}-key`;
  }
  let body: unknown = op.body ? baseline(op, p) : undefined;
  let payload: string | Buffer | undefined;
  let contentType: string | undefined;
  let input: string = kind;

  const nth = <T>(items: readonly T[], salt = 0): T =>
    items[(occurrence + salt + rng.int(items.length)) % items.length] as T;
  const pathParams = op.params.filter((x) => x.in === 'path');
  const queryParams = op.params.filter((x) => x.in === 'query');
  const bodyLeaves = op.body ? leaves(op.body, body) : [];
  const stringLeaves = bodyLeaves.filter((l) => typeOf(l.schema) === 'string');
  const freeText = bodyLeaves.filter((l) => isFreeText(l.schema));
  const records = bodyLeaves.filter((l) => isRecord(l.schema));
  /** The field this occurrence aims at: each field in turn over the rounds, from a seeded start. */
  const target = <T>(items: T[]): T | undefined =>
    items.length === 0
      ? undefined
      : (items[(occurrence + hash(ctx.seed, op.path, kind)) % items.length] as T);

  switch (kind) {
    case 'body.nulText': {
      const text = nth(NUL_TEXTS);
      const aim = freeText.length > 0 ? freeText : stringLeaves;
      if (occurrence % 2 === 0 && aim.length > 0) {
        for (const l of aim) setAt(body, l.path, nulInto(text, l.schema));
        for (const r of records) setAt(body, r.path, { 'ghi\u0000chu': text, ghichu: text });
        input = `NUL (${JSON.stringify(text)}) in every free-text field: ${aim.map((l) => l.path.join('.')).join(', ')}`;
      } else {
        const l = target([...aim, ...records]);
        if (l) {
          setAt(body, l.path, isRecord(l.schema) ? { 'ghi\u0000chu': text } : nulInto(text, l.schema));
          input = `NUL (${JSON.stringify(text)}) in ${l.path.join('.')}`;
        } else {
          body = text;
          input = `body is the string ${JSON.stringify(text)}`;
        }
      }
      break;
    }
    case 'body.control': {
      const text = nth(CONTROL);
      const l = target(stringLeaves);
      if (occurrence % 2 === 0 && freeText.length > 0) {
        for (const f of freeText) setAt(body, f.path, nulInto(text, f.schema));
        input = `control character ${JSON.stringify(text)} in every free-text field`;
      } else if (l) {
        setAt(body, l.path, nulInto(text, l.schema));
        input = `control character ${JSON.stringify(text)} in ${l.path.join('.')}`;
      } else {
        body = { [text]: text };
        input = `control character ${JSON.stringify(text)} as a key`;
      }
      break;
    }
    case 'body.huge': {
      const text = occurrence % 2 === 0 ? HUGE : HUGE_VI;
      const l = target(stringLeaves.length > 0 ? stringLeaves : bodyLeaves);
      if (l) {
        setAt(body, l.path, text);
        input = `${text.length}-char string (${text.slice(0, 1)}…) in ${l.path.join('.')}`;
      } else {
        body = { [text.slice(0, 1000)]: text };
        input = '100k-char string under a 1000-char key';
      }
      break;
    }
    case 'body.wrongType': {
      const l = target(bodyLeaves);
      const v = wrongFor(l?.schema ?? op.body ?? {}, rng, occurrence);
      if (l) setAt(body, l.path, v);
      else body = v;
      input = `wrong type ${describeValue(v)} for ${l ? l.path.join('.') : 'the body'}`;
      break;
    }
    case 'body.wrongTypeAll': {
      for (const l of bodyLeaves.filter((x) => x.path.length === 1))
        setAt(body, l.path, wrongFor(l.schema, rng, occurrence));
      input = 'a wrong type for every top-level field';
      break;
    }
    case 'body.missing': {
      const required = requiredPaths(op.body as JsonSchema, body);
      const r = target(required);
      if (r && occurrence % 3 !== 2) {
        deleteAt(body, r);
        input = `missing required field ${r.join('.')}`;
      } else {
        body = {};
        input = 'empty object: every field missing';
      }
      break;
    }
    case 'body.number': {
      const token = nth(NUMBER_TOKENS);
      const numeric = bodyLeaves.filter((l) => ['integer', 'number'].includes(typeOf(l.schema) ?? ''));
      const l = target(numeric.length > 0 ? numeric : bodyLeaves);
      if (l) setAt(body, l.path, RAW + token);
      else body = RAW + token;
      input = `number token ${token} in ${l ? l.path.join('.') : 'the body'}`;
      break;
    }
    case 'body.array': {
      const objects = bodyLeaves.filter((l) => typeOf(l.schema) === 'object');
      const l = target(objects);
      if (occurrence % 2 === 1 && l) {
        setAt(body, l.path, [structuredClone(valueAt(body, l.path))]);
        input = `array instead of the object ${l.path.join('.')}`;
      } else {
        body = occurrence % 4 === 2 ? [] : [body, body];
        input = 'array instead of the body object';
      }
      break;
    }
    case 'body.nested': {
      const depth = nth([100, 1_000, 10_000, 50_000]);
      const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const l = target([...records, ...bodyLeaves]);
      if (l && occurrence % 2 === 0) setAt(body, l.path, RAW + deep);
      else body = RAW + deep;
      input = `object nested ${depth} deep in ${l && occurrence % 2 === 0 ? l.path.join('.') : 'the body'}`;
      break;
    }
    case 'body.unknownField': {
      const k = nth(['isAdmin', '__proto__', 'constructor', '\u0000', 'x'.repeat(1000), 'roles']);
      const text = body && typeof body === 'object' && !Array.isArray(body) ? jsonText(body) : '{}';
      payload = `${text.slice(0, -1)}${text === '{}' ? '' : ','}${JSON.stringify(k)}:{"admin":true}}`;
      contentType = 'application/json';
      input = `unknown field ${describeValue(k)}`;
      break;
    }
    case 'body.malformed': {
      if (!takesBody && occurrence % 3 !== 0) {
        // A GET's body is never read: one kind for it, in turn a wrong content type, an oversize body, bad JSON.
        const c = nth([...CONTENT_TYPES, { type: 'application/json', payload: 'x'.repeat(1_100_000) }]);
        payload = c.payload;
        contentType = c.type;
        input = `body on a GET: content type ${JSON.stringify(c.type)}, ${c.payload.length} bytes`;
        break;
      }
      const m = nth(MALFORMED);
      payload = m;
      contentType = 'application/json';
      input = `malformed JSON ${describeValue(typeof m === 'string' ? m : `bytes ${m.toString('hex')}`)}`;
      break;
    }
    case 'body.contentType': {
      const c = nth(CONTENT_TYPES);
      payload = c.payload;
      contentType = c.type;
      input = `content type ${JSON.stringify(c.type)}`;
      break;
    }
    case 'body.oversize': {
      const which = occurrence % 3;
      if (which === 0) {
        payload = JSON.stringify({ x: 'a'.repeat(1_100_000) });
        contentType = 'application/json';
        input = '1.1 MB JSON body';
      } else if (which === 1) {
        payload = `[${'1,'.repeat(700_000)}1]`;
        contentType = 'application/json';
        input = '1.4 MB JSON array';
      } else {
        payload = 'a'.repeat(1_500_000);
        contentType = 'text/plain';
        input = '1.5 MB text/plain body';
      }
      break;
    }
    case 'body.scalar': {
      payload = nth(['null', '0', '"x"', 'true', '[]', '[null]', '""', '-0']);
      contentType = 'application/json';
      input = `JSON ${payload} as the body`;
      break;
    }
    case 'multipart.garbage': {
      const m = nth(MULTIPART);
      payload = m.payload();
      contentType = m.type;
      input = m.input;
      break;
    }
    case 'path.huge':
    case 'path.control':
    case 'path.dots':
    case 'path.wrongType': {
      const prm = target(pathParams) as Param;
      const values =
        kind === 'path.huge'
          ? PATH_HUGE
          : kind === 'path.control'
            ? PATH_CONTROL
            : kind === 'path.dots'
              ? PATH_DOTS
              : PATH_WRONG;
      const v = nth(values);
      pathValues.set(prm.name, v);
      input = `path parameter ${prm.name} = ${describeValue(v)}${v.length > 40 ? ` (${v.length} chars)` : ''}`;
      break;
    }
    case 'query.nulText':
    case 'query.huge':
    case 'query.wrongType':
    case 'query.number': {
      const candidates =
        kind === 'query.number'
          ? queryParams.filter((x) => ['integer', 'number'].includes(typeOf(x.schema) ?? ''))
          : kind === 'query.wrongType'
            ? queryParams
            : queryParams.filter((x) => typeOf(x.schema) === 'string');
      const prm = target(candidates.length > 0 ? candidates : queryParams);
      const name = prm?.name ?? 'fuzz';
      let values: string[];
      if (kind === 'query.nulText')
        values = [occurrence % 3 === 2 ? nth(QUERY_CONTROL) : nth(['%00', 'a%00b', '%00%00'])];
      else if (kind === 'query.huge')
        values = [occurrence % 2 === 0 ? HUGE : encodeURIComponent(HUGE_VI.slice(0, 20_000))];
      else if (kind === 'query.number') values = [nth(QUERY_NUMBERS)];
      else {
        const wrong = nth(['array', 'object', 'string', 'empty', 'unicode'] as const);
        values =
          wrong === 'array'
            ? ['1', 'a']
            : wrong === 'object'
              ? ['__object__']
              : wrong === 'string'
                ? ['not-a-valid-value']
                : wrong === 'empty'
                  ? ['']
                  : [encodeURIComponent('Ằ\u0000')];
      }
      if (values[0] === '__object__') {
        query.delete(name);
        query.set(`${name}[a]`, ['1']);
        query.set(`${name}[__proto__][x]`, ['1']);
        input = `query ${name} as an object (${name}[a]=1)`;
      } else {
        query.set(name, values);
        input = `query ${name} = ${values.map((v) => describeValue(v)).join(' & ')}`;
      }
      break;
    }
    case 'query.missing': {
      const required = queryParams.filter((x) => x.required);
      const prm = target(required);
      if (prm && occurrence % 2 === 0) {
        query.delete(prm.name);
        input = `missing required query ${prm.name}`;
      } else {
        query.set('%00', ['%00']);
        query.set('__proto__', ['1']);
        query.set('x'.repeat(1000), ['1']);
        input = 'unknown query keys (%00, __proto__, 1000-char)';
      }
      break;
    }
    case 'header.hostile': {
      const prm = target(op.params.filter((x) => x.in === 'header')) as Param;
      const v = nth([
        'x'.repeat(100_000),
        'short',
        'a\u0000bcdefghij',
        '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008',
        'Ằ'.repeat(50),
        '',
      ]);
      headers[prm.name] = v;
      input = `header ${prm.name} = ${describeValue(v)}`;
      break;
    }
    case 'cookie.garbage': {
      const v = nth(['a\u0000b', 'x'.repeat(10_000), '%', '%00', 'Ằ', '"', 'a;b=c', '']);
      headers.cookie = `motcua_session=${v}`;
      input = `session cookie ${describeValue(v)}`;
      break;
    }
  }

  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues.get(name) ?? 'x');
  const qs = [...query].flatMap(([k, vs]) => vs.map((v) => `${encodeQueryKey(k)}=${v}`)).join('&');
  if (qs) url += `?${qs}`;
  if (payload === undefined && body !== undefined && op.method !== 'GET') {
    payload = jsonText(body);
    contentType = 'application/json';
  }
  if (contentType !== undefined) headers['content-type'] = contentType;

  // Who sends it: handler-level kinds with a session that reached the handler, parse-level ones as often
  // without a session as with one; one in four rounds of the rest goes without a session too.
  let as: string | null;
  if (kind === 'cookie.garbage' || op.endsSession) as = null;
  else if (PARSE_LEVEL.has(kind) ? occurrence % 2 === 0 : occurrence % 4 === 3) as = null;
  else as = ctx.reached[(occurrence + kindIndex) % ctx.reached.length] ?? null;

  return { method: op.method, url, headers, payload, input, as };
}

/** The valid-looking body, or for a never-valid operation the same body with every string made invalid. */
function baseline(op: Operation, p: Plausible): unknown {
  const body = plausible(op.body as JsonSchema, '', p);
  if (op.neverValid) {
    for (const l of leaves(op.body as JsonSchema, body)) {
      if (typeOf(l.schema) === 'string') setAt(body, l.path, 'không phải giá trị hợp lệ');
    }
  }
  return body;
}

function encodeQueryKey(k: string): string {
  return k.includes('%') || k.includes('[') ? k : encodeURIComponent(k);
}

function nulInto(text: string, schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  let out = `Ghi ${text} chú`;
  while (out.length < min) out += ' thêm';
  if (out.length > max) out = text.slice(0, max);
  return out;
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let at = root as Record<string | number, unknown>;
  for (const k of path) at = at[k] as Record<string | number, unknown>;
  return at;
}

function requiredPaths(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[][] {
  const alt = variants(schema);
  const s = alt.length > 0 ? (alt[0] as JsonSchema) : schema;
  const out: (string | number)[][] = [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of s.required ?? []) if (k in value) out.push([...path, k]);
    for (const [k, v] of Object.entries(value)) {
      const ps = s.properties?.[k];
      if (ps) out.push(...requiredPaths(ps, v, [...path, k]));
    }
  } else if (Array.isArray(value) && s.items) {
    value.forEach((v, i) => {
      out.push(...requiredPaths(s.items as JsonSchema, v, [...path, i]));
    });
  }
  return out;
}

function wrongFor(schema: JsonSchema, rng: Rng, occurrence: number): unknown {
  const type = typeOf(schema);
  const jsType = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;
  const expected = type === 'integer' ? 'number' : type;
  const wrong = WRONG.filter((v) => jsType(v) !== expected);
  return wrong[(occurrence + rng.int(wrong.length)) % wrong.length];
}

// ---------------------------------------------------------------------------------------------------------
// Running: sessions, calibration, checks

export interface Identity {
  name: string;
  username: string;
  password: string;
}

/** The system administrator, the province administrator, a reception officer and a citizen. */
export const FUZZ_IDENTITIES: Identity[] = [
  { name: 'admin', username: 'admin', password: ADMIN_PASSWORD },
  { name: 'quantri', username: 'quantri', password: DEMO_PASSWORD },
  { name: 'tiepnhan', username: 'tiepnhan', password: DEMO_PASSWORD },
  { name: 'congdan', username: 'congdan', password: DEMO_PASSWORD },
];

export interface Violation {
  method: string;
  path: string;
  url: string;
  as: string | null;
  input: string;
  status: number;
  problem: string;
  body: string;
  /** What the handler threw, when the answer was a 5xx (read from Fastify's diagnostics channel). */
  thrown?: string;
}

export interface FuzzReport {
  operations: number;
  requests: number;
  byClass: Record<string, number>;
  /** 4xx answers that are not JSON (not asserted; listed for information). */
  nonJson4xx: Map<string, number>;
  violations: Violation[];
  relogins: number;
  elapsedMs: number;
  /** Requests and milliseconds spent, by operation (`METHOD /path`), for finding what makes a run slow. */
  time: Map<string, { requests: number; ms: number }>;
  /** What each operation's valid-looking request answered, by identity: how deep the hostile ones can reach. */
  calibration: Map<string, string>;
}

export interface FuzzOptions {
  seed: number;
  identities: Identity[];
  /** Hostile requests per operation (rounds); the run may stop earlier at `maxRequests`. */
  rounds: number;
  maxRequests?: number;
  timeoutMs?: number;
  onProgress?: (report: FuzzReport) => void;
}

const thrown = new Map<string, string>();
let subscribed = false;

/** Remembers what each handler threw, by the request's `x-fuzz-id` header (Fastify's tracing channel). */
function subscribeToHandlerErrors(): void {
  if (subscribed) return;
  subscribed = true;
  tracingChannel('fastify.request.handler').subscribe({
    start() {},
    end() {},
    asyncStart() {},
    asyncEnd() {},
    error(message: unknown) {
      const store = message as { error?: unknown; request?: { headers?: Record<string, unknown> } };
      const id = store.request?.headers?.['x-fuzz-id'];
      if (typeof id !== 'string' || !store.error) return;
      type Thrown = { name?: string; message?: string; code?: string; stack?: string; cause?: Thrown };
      const err = store.error as Thrown;
      const line = (e: Thrown) =>
        `${e.name ?? 'Error'}${e.code ? ` [${e.code}]` : ''}: ${(e.message ?? '').split('\n')[0]?.slice(0, 200)}`;
      const frame = (err.stack ?? '')
        .split('\n')
        .find((l) => /\/src\/(server|domain)\//.test(l) && !l.includes('node_modules'));
      const cause = err.cause && typeof err.cause === 'object' ? ` ← caused by ${line(err.cause)}` : '';
      thrown.set(id, printable(`${line(err)}${cause}${frame ? ` ${frame.trim()}` : ''}`));
    },
  });
}

/** What is wrong with an answer, or null when it is acceptable. */
export function problemWith(status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400 || !/json/i.test(contentType)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `answered ${status} with a JSON content type but a body that is not JSON`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return `answered ${status} with a non-object body`;
  const top = Object.keys(parsed);
  const error = (parsed as { error?: unknown }).error;
  if (top.length !== 1 || top[0] !== 'error' || !error || typeof error !== 'object' || Array.isArray(error)) {
    return `answered ${status} with a body that is not { error: { code, message } } (top-level keys: ${top.join(', ')})`;
  }
  const e = error as Record<string, unknown>;
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k));
  if (typeof e.code !== 'string' || typeof e.message !== 'string' || extra.length > 0) {
    return `answered ${status} with an error object that is not { code: string, message: string, details? } (keys: ${Object.keys(e).join(', ')})`;
  }
  return null;
}

export class Fuzzer {
  readonly pools = new Pools();
  readonly #sessions = new Map<string, string | undefined>();
  readonly #report: FuzzReport = {
    operations: 0,
    requests: 0,
    byClass: {},
    nonJson4xx: new Map(),
    violations: [],
    relogins: 0,
    elapsedMs: 0,
    time: new Map(),
    calibration: new Map(),
  };
  #next = 0;

  constructor(
    readonly app: App,
    readonly options: FuzzOptions,
  ) {
    subscribeToHandlerErrors();
  }

  get report(): FuzzReport {
    return this.#report;
  }

  async run(): Promise<FuzzReport> {
    const t0 = performance.now();
    const { identities, rounds } = this.options;
    const max = this.options.maxRequests ?? Infinity;
    const docAnswer = await this.app.inject({ method: 'GET', url: '/api/openapi.json' });
    if (docAnswer.statusCode !== 200)
      throw new Error(`GET /api/openapi.json answered ${docAnswer.statusCode}`);
    const ops = operationsOf(docAnswer.json<OpenApiDocument>());
    this.#report.operations = ops.length;
    for (const id of identities) await this.#login(id);
    await this.#crawl(ops);

    // Calibration: the valid-looking request from each identity, to learn who reaches each handler.
    const contexts = new Map<Operation, CaseContext>();
    for (const op of ops) contexts.set(op, await this.#calibrate(op));
    // The calibration created things (dossiers, decisions, counters…): read them, and calibrate again the
    // operations that found nothing to act on.
    await this.#crawl(ops);
    for (const op of ops) {
      if (/NOT_FOUND/.test(this.#report.calibration.get(`${op.method} ${op.path}`) ?? '')) {
        contexts.set(op, await this.#calibrate(op));
      }
    }

    for (let round = 0; round < rounds && this.#report.requests < max; round++) {
      for (const op of ops) {
        if (this.#report.requests >= max) break;
        const ctx = contexts.get(op) as CaseContext;
        await this.#send(op, hostileRequest(op, round, ctx));
      }
      this.#report.elapsedMs = performance.now() - t0;
      this.options.onProgress?.(this.#report);
    }
    this.#report.elapsedMs = performance.now() - t0;
    return this.#report;
  }

  async #login(id: Identity): Promise<void> {
    const r = await this.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: id.username, password: id.password },
    });
    if (r.statusCode !== 200) throw new Error(`fuzz: login ${id.username} failed: ${r.statusCode} ${r.body}`);
    const cookie = sessionCookie(r.headers['set-cookie']);
    this.#sessions.set(id.name, cookie ?? undefined);
    const me = await this.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: cookie ?? '' },
    });
    const user = me.json<{ id?: string; agencyId?: string }>();
    if (user.id) this.pools.excluded.add(user.id);
  }

  /** Reads identifiers from every GET (lists first), as every identity, so requests can name real things. */
  async #crawl(ops: Operation[]): Promise<void> {
    // The segments right before a path parameter (`agencies` in `/queue/agencies/{code}`): the collections.
    const named = new Set<string>();
    for (const o of ops) for (const m of o.path.matchAll(/([^/]+)\/\{[^}]+\}/g)) named.add(m[1] as string);
    const gets = ops
      .filter((o) => o.method === 'GET' && !o.streaming && named.has(lastSegment(o.path)))
      .sort((a, b) => countParams(a) - countParams(b));
    const rng = new Rng(hash(this.options.seed, 'crawl'));
    for (const op of gets) {
      for (const id of this.options.identities.map((i) => i.name)) {
        const p: Plausible = { rng, pools: this.pools, full: false };
        let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const prm = op.params.find((x) => x.in === 'path' && x.name === name) as Param;
          return encodeURIComponent(pathValue(op, prm, p));
        });
        const qs = op.params
          .filter((x) => x.in === 'query' && x.required)
          .map((x) => `${x.name}=${encodeURIComponent(String(plausible(x.schema, x.name, p)))}`)
          .join('&');
        if (qs) url += `?${qs}`;
        const answer = await this.#send(op, {
          method: 'GET',
          url,
          headers: {},
          input: 'crawl (valid-looking)',
          as: id,
        });
        if (answer?.status === 200 && answer.json !== undefined) this.pools.record(op.path, answer.json);
      }
    }
  }

  async #calibrate(op: Operation): Promise<CaseContext> {
    const privileged = this.options.identities.map((i) => i.name);
    const ctx = (full: boolean, reached: string[]): CaseContext => ({
      seed: this.options.seed,
      pools: this.pools,
      reached: reached.length > 0 ? reached : privileged,
      full,
    });
    if (op.endsSession || op.neverValid) return ctx(false, []);
    // Without a session first: validation comes before authorisation, so one request tells a body that fails
    // validation (try the other) and a public route (every session reaches it) from one that needs a session.
    let full = op.body !== null;
    let anonymous = await this.#send(op, validRequest(op, ctx(full, []), null));
    if (anonymous?.code === 'VALIDATION_ERROR' && full) {
      full = false;
      anonymous = await this.#send(op, validRequest(op, ctx(full, []), null));
    }
    const key = `${op.method} ${op.path}`;
    if (!anonymous || (anonymous.status !== 401 && anonymous.status !== 403)) {
      this.#report.calibration.set(
        key,
        `${anonymous?.status ?? 'no answer'} ${anonymous?.code ?? ''} without a session`,
      );
      return ctx(full, []);
    }
    const reached: string[] = [];
    const seen: string[] = [];
    for (const name of privileged) {
      const answer = await this.#send(op, validRequest(op, ctx(full, []), name));
      if (answer && answer.status !== 401 && answer.status !== 403) reached.push(name);
      seen.push(`${name} ${answer?.status ?? '-'}${answer?.code ? ` ${answer.code}` : ''}`);
    }
    this.#report.calibration.set(key, seen.join(', '));
    return ctx(full, reached);
  }

  /** Sends one request, checks the answer, keeps the sessions alive. */
  async #send(
    op: Operation,
    req: FuzzRequest,
  ): Promise<{ status: number; json?: unknown; code?: string } | null> {
    const fuzzId = String(++this.#next);
    const headers: Record<string, string> = { ...req.headers, 'x-fuzz-id': fuzzId };
    const cookie = req.as ? this.#sessions.get(req.as) : undefined;
    if (cookie && headers.cookie === undefined) headers.cookie = cookie;
    const report = this.#report;
    report.requests++;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    let answer: Awaited<ReturnType<App['inject']>> | 'timeout';
    const started = performance.now();
    try {
      answer = await Promise.race([
        this.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers,
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        }),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        }),
      ]);
    } catch (e) {
      report.byClass.error = (report.byClass.error ?? 0) + 1;
      report.violations.push(
        violation(op, req, 0, 'the request could not be sent (harness)', (e as Error).message),
      );
      return null;
    } finally {
      clearTimeout(timer);
      const t = report.time.get(`${op.method} ${op.path}`) ?? { requests: 0, ms: 0 };
      t.requests++;
      t.ms += performance.now() - started;
      report.time.set(`${op.method} ${op.path}`, t);
    }
    if (answer === 'timeout') {
      report.byClass.timeout = (report.byClass.timeout ?? 0) + 1;
      report.violations.push(violation(op, req, 0, `no answer within ${timeoutMs} ms`, ''));
      return null;
    }
    const status = answer.statusCode;
    const cls = `${Math.floor(status / 100)}xx`;
    report.byClass[cls] = (report.byClass[cls] ?? 0) + 1;
    const contentType = String(answer.headers['content-type'] ?? '');
    const problem =
      op.neverValid && status < 300
        ? `answered ${status}: the fuzzer sent a valid request to an operation it must never change (harness)`
        : problemWith(status, contentType, answer.body);
    if (problem) {
      const v = violation(op, req, status, problem, answer.body);
      const t = thrown.get(fuzzId);
      if (t) v.thrown = t;
      report.violations.push(v);
    }
    thrown.delete(fuzzId);
    if (status >= 400 && status < 500 && !/json/i.test(contentType)) {
      const key = `${status} ${contentType || '(no content type)'}: ${op.method} ${op.path}`;
      report.nonJson4xx.set(key, (report.nonJson4xx.get(key) ?? 0) + 1);
    }
    let json: unknown;
    let code: string | undefined;
    if (/json/i.test(contentType)) {
      try {
        json = JSON.parse(answer.body);
        code = (json as { error?: { code?: string } } | null)?.error?.code;
      } catch {}
    }
    if (req.as && headers.cookie === cookie) {
      const set = sessionCookie(answer.headers['set-cookie']);
      const ended =
        set === null || (status === 401 && code === 'UNAUTHENTICATED' && !(await this.#alive(req.as)));
      if (ended) {
        const id = this.options.identities.find((i) => i.name === req.as) as Identity;
        report.relogins++;
        await this.#login(id);
      } else if (set) this.#sessions.set(req.as, set);
    }
    return { status, json, code };
  }

  async #alive(name: string): Promise<boolean> {
    const cookie = this.#sessions.get(name);
    const r = await this.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: cookie ? { cookie } : {},
    });
    return r.statusCode === 200;
  }
}

/** The valid-looking request (no hostile part) to `op`, as `as`. */
function validRequest(op: Operation, ctx: CaseContext, as: string | null): FuzzRequest {
  const rng = new Rng(hash(ctx.seed, op.method, op.path, 'valid'));
  const p: Plausible = { rng, pools: ctx.pools, full: ctx.full, noPools: op.streaming };
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const prm = op.params.find((x) => x.in === 'path' && x.name === name) as Param;
    return encodeURIComponent(pathValue(op, prm, p));
  });
  const qs = op.params
    .filter((x) => x.in === 'query' && x.required)
    .map((x) => `${x.name}=${encodeURIComponent(String(plausible(x.schema, x.name, p)))}`)
    .join('&');
  if (qs) url += `?${qs}`;
  const headers: Record<string, string> = {};
  for (const prm of op.params)
    if (prm.in === 'header') headers[prm.name] = `fuzz-valid-${hash(ctx.seed, op.method, op.path)}-key`;
  let payload: string | undefined;
  if (op.body) {
    payload = jsonText(baseline(op, p));
    headers['content-type'] = 'application/json';
  }
  return {
    method: op.method,
    url,
    headers,
    payload,
    input: `valid-looking request (${ctx.full ? 'all fields' : 'required fields'})`,
    as,
  };
}

function lastSegment(path: string): string {
  return path.replace(/\/$/, '').split('/').pop() ?? '';
}

function countParams(op: Operation): number {
  return op.params.filter((p) => p.in === 'path').length;
}

/** The motcua_session pair a Set-Cookie sets: the pair, null when it clears the session, undefined if absent. */
function sessionCookie(set: string | string[] | number | undefined): string | null | undefined {
  for (const c of Array.isArray(set) ? set : set ? [String(set)] : []) {
    const [pair] = c.split(';');
    if (pair?.startsWith('motcua_session=')) return pair.endsWith('=') ? null : pair;
  }
  return undefined;
}

function violation(
  op: Operation,
  req: FuzzRequest,
  status: number,
  problem: string,
  body: string,
): Violation {
  return {
    method: op.method,
    path: op.path,
    url: printable(req.url.length > 160 ? `${req.url.slice(0, 160)}… (${req.url.length} chars)` : req.url),
    as: req.as,
    input: printable(req.input),
    status,
    problem,
    body: printable(body.length > 300 ? `${body.slice(0, 300)}…` : body),
  };
}

/** Control characters and lone surrogates written as \\uXXXX, so that a report stays plain text. */
function printable(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const pair = high && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (pair) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += s[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reporting

/** The answer's signature: status and error code (or Fastify's own code), so equal defects group together. */
function signature(v: Violation): string {
  let code = '';
  try {
    const b = JSON.parse(v.body.replace(/…$/, '')) as { error?: unknown; code?: string };
    code =
      typeof b.error === 'object' && b.error
        ? String((b.error as { code?: string }).code)
        : String(b.code ?? b.error ?? '');
  } catch {
    const m = /"code":"([^"]+)"/.exec(v.body);
    code = m?.[1] ?? '';
  }
  return `${v.status} ${code} — ${v.problem}`;
}

/** The violations grouped by answer, each operation once with its distinct failures, for a readable failure. */
export function formatViolations(violations: Violation[]): string {
  type Entry = {
    first: Violation;
    count: number;
    examples: Map<string, { v: Violation; inputs: Set<string> }>;
  };
  const groups = new Map<string, Map<string, Entry>>();
  for (const v of violations) {
    const sig = signature(v);
    const g = groups.get(sig) ?? new Map<string, Entry>();
    groups.set(sig, g);
    const key = `${v.method} ${v.path}`;
    const e = g.get(key) ?? { first: v, count: 0, examples: new Map() };
    g.set(key, e);
    e.count++;
    // Distinct causes apart: what the handler threw (without the query text), else the problem itself.
    const cause = (v.thrown ?? '').replace(/Failed query: .*? ← /, '').replace(/ at .*$/, '') || v.problem;
    const ex = e.examples.get(cause) ?? { v, inputs: new Set<string>() };
    e.examples.set(cause, ex);
    if (ex.inputs.size < 3) ex.inputs.add(`${v.input} (as ${v.as ?? 'anonymous'})`);
  }
  const operations = new Set(violations.map((v) => `${v.method} ${v.path}`)).size;
  const lines: string[] = [`${violations.length} violations on ${operations} operations:`];
  for (const [sig, ops] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
    lines.push('', `● ${sig} — ${ops.size} operation(s)`);
    for (const [key, e] of ops) {
      lines.push(`  ${key}  ×${e.count}`);
      for (const { v, inputs } of e.examples.values()) {
        lines.push(`      input: ${[...inputs].join(' | ')}`);
        lines.push(`      url:   ${v.url}`);
        lines.push(`      body:  ${v.body}`);
        if (v.thrown) lines.push(`      threw: ${v.thrown}`);
      }
    }
  }
  return lines.join('\n');
}
