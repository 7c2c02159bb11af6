// The OpenAPI document as a first-class artefact (issue 17): every operation gets, in this one place, a stable
// `operationId`, its security requirement, its documented error answers (one shared error schema) and nullable
// enums that list `null`. tests/integration/openapi.test.ts lints the result with @redocly/cli.
import type { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** Operations anyone may call without a session (`security: []`); every other one needs the session cookie. */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'GET /api/v1/health',
  'GET /api/v1/auth/session',
  'GET /api/v1/agencies',
  'GET /api/v1/agencies/{id}',
  'GET /api/v1/agencies/{id}/procedures',
  'GET /api/v1/calendar/due',
  'GET /api/v1/calendar/explain',
  'GET /api/v1/calendar/days',
  'GET /api/v1/calendar/official',
  'GET /api/v1/fields',
  'GET /api/v1/procedures',
  'GET /api/v1/procedures/{code}',
  'GET /api/v1/procedures/{code}/versions',
  'GET /api/v1/procedures/{code}/versions/{versionNo}',
  'GET /api/v1/procedures/{code}/compare',
  'GET /api/v1/catalogue/export.xlsx',
  'GET /api/v1/divisions/provinces',
  'GET /api/v1/divisions/provinces/{code}/communes',
  'GET /api/v1/files/{id}',
  'GET /api/v1/public/dossiers/{code}',
  'GET /api/v1/public/dossiers/{code}/fees',
  'GET /api/v1/public/dossiers/{code}/rating',
  'GET /api/v1/public/feedback',
  'GET /api/v1/public/feedback/{code}',
  'GET /api/v1/public/transparency',
  'GET /api/v1/queue/agencies/{code}/board',
  'GET /api/v1/queue/agencies/{code}/stream',
  'GET /api/v1/queue/agencies/{code}/slots',
  'GET /api/v1/queue/tickets/{id}',
  'GET /api/v1/queue/bookings/{code}',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/accounts/login',
  'POST /api/v1/accounts/register',
  'POST /api/v1/accounts/verify',
  'POST /api/v1/accounts/verify/resend',
  'POST /api/v1/accounts/password/forgot',
  'POST /api/v1/accounts/password/reset',
  'POST /api/v1/public/dossiers/{code}/payments',
  'POST /api/v1/public/dossiers/by-reference',
  'POST /api/v1/public/dossiers/{code}/rating',
  'POST /api/v1/payments/callback/{gateway}',
  'POST /api/v1/feedback',
  'POST /api/v1/queue/agencies/{code}/tickets',
  'POST /api/v1/queue/agencies/{code}/check-in',
  'POST /api/v1/queue/agencies/{code}/bookings',
  'POST /api/v1/queue/bookings/{code}/cancel',
  // Development only (not registered in production): the settable test clock and the message sink.
  'GET /api/v1/dev/clock',
  'PUT /api/v1/dev/clock',
  'GET /api/v1/dev/messages',
]);

/**
 * Operations that count attempts in their handler and answer 429 (sign-in, codes, public forms). Routes limited
 * by `config.rateLimit` (@fastify/rate-limit) are found from the route itself.
 */
export const THROTTLED_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/accounts/login',
  'POST /api/v1/accounts/verify',
  'POST /api/v1/accounts/verify/resend',
  'POST /api/v1/accounts/password/reset',
  'POST /api/v1/public/dossiers/{code}/rating',
  'POST /api/v1/public/dossiers/by-reference',
  'POST /api/v1/feedback',
  'POST /api/v1/queue/agencies/{code}/check-in',
  'POST /api/v1/queue/agencies/{code}/bookings',
]);

/** The one error body of the API (src/server/errors.ts `ErrorBody`), as a component schema. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. VALIDATION_ERROR' },
        message: { type: 'string', description: 'Vietnamese message a user can act on' },
        details: { description: 'Optional details (e.g. the invalid fields)' },
      },
    },
  },
} as const;

const ERROR_ANSWERS: Record<string, string> = {
  '400': 'Invalid request (VALIDATION_ERROR or a business rule refusing the input)',
  '401': 'No valid session (sign in first)',
  '403': 'Signed in, but not allowed',
  '404': 'Not found (or not visible to the caller)',
  '429': 'Too many requests; try again later',
};

/** The operation's key in the lists above: method and the documented path (`{param}` style, no trailing slash). */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** `/api/v1/agencies/` → `/api/v1/agencies`; `:id` → `{id}`. */
export function documentedPath(url: string): string {
  const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * A stable, unique operationId from method and path: `GET /api/v1/dossiers/{id}/files` → `getDossiersByIdFiles`,
 * `GET /api/v1/catalogue/export.xlsx` → `getCatalogueExportXlsx`.
 */
export function deriveOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', ...(param[1] ?? '').split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return method.toLowerCase() + words.map(cap).join('');
}

type TransformArgs = Parameters<typeof jsonSchemaTransform>[0];
type TransformResult = ReturnType<typeof jsonSchemaTransform>;

/**
 * Per route (the @fastify/swagger `transform`, after the Zod → JSON Schema one): operationId (unless the route
 * sets its own), security, and a mark for routes limited by @fastify/rate-limit, read by `finishDocument`.
 */
export function documentOperation(args: TransformArgs, out: TransformResult): TransformResult {
  const url = documentedPath(out.url);
  const route = (args as { route?: { method?: string | string[]; config?: { rateLimit?: unknown } } }).route;
  const method = String(Array.isArray(route?.method) ? route?.method[0] : (route?.method ?? 'GET'));
  const schema = { ...(out.schema as Record<string, unknown>) };
  if (schema.hide) return out;
  const key = operationKey(method, url);
  schema.operationId ??= deriveOperationId(method, url);
  schema.security ??= PUBLIC_OPERATIONS.has(key) ? [] : [{ session: [] }];
  if (route?.config?.rateLimit || THROTTLED_OPERATIONS.has(key)) schema['x-rate-limited'] = true;
  // A file answer (PDF, XLSX, an upload, an event stream) names its media types in `produces`; it has no JSON
  // schema to serialize with, so the document alone gets a binary 200 answer.
  const produces = schema.produces as readonly string[] | undefined;
  const response = schema.response as Record<string, unknown> | undefined;
  if (produces?.length && !Object.keys(response ?? {}).some((c) => c.startsWith('2'))) {
    schema.response = { ...response, 200: { description: 'The file', type: 'string', format: 'binary' } };
  }
  return { ...out, url, schema };
}

interface Operation {
  security?: unknown[];
  responses?: Record<string, unknown>;
  parameters?: { in?: string }[];
  'x-rate-limited'?: boolean;
}

/**
 * The whole document (the @fastify/swagger `transformObject`): the shared error schema and the error answers of
 * each operation, and nullable enums made to list `null`.
 */
export function finishDocument<T>(doc: T): T {
  const d = doc as {
    components?: { schemas?: Record<string, unknown> };
    paths?: Record<string, Record<string, Operation>>;
  };
  d.components ??= {};
  d.components.schemas = { ...d.components.schemas, Error: ERROR_SCHEMA };
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const op of Object.values(ops)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const codes = ['400'];
      if (op.security && op.security.length > 0) codes.push('401', '403');
      if (path.includes('{')) codes.push('404');
      if (op['x-rate-limited']) codes.push('429');
      delete op['x-rate-limited'];
      for (const code of codes) {
        op.responses[code] ??= {
          description: ERROR_ANSWERS[code],
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
    }
  }
  listNullInNullableEnums(d.paths);
  listNullInNullableEnums(d.components.schemas);
  return doc;
}

/** OpenAPI 3.0: a nullable enum must list `null` among its values, and `nullable` needs a `type` beside it. */
function listNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) listNullInNullableEnums(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.nullable === true && Array.isArray(o.enum)) {
    const values: unknown[] = o.enum;
    if (!values.includes(null)) o.enum = [...values, null];
    if (o.type === undefined) {
      const kinds = new Set(values.filter((v) => v !== null).map((v) => typeof v));
      if (kinds.size === 1) o.type = [...kinds][0];
    }
  } else if (
    o.nullable === true &&
    o.type === undefined &&
    !('$ref' in o || 'anyOf' in o || 'oneOf' in o || 'allOf' in o)
  ) {
    // An unconstrained value (`z.unknown().nullable()`) already admits null; `nullable` alone is not valid 3.0.
    delete o.nullable;
  }
  for (const value of Object.values(o)) listNullInNullableEnums(value);
}

/** Media types of file answers, for a route's `produces`. */
export const MEDIA = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  /** A stored upload: whatever type it was accepted as (PDF, image, office document). */
  file: 'application/octet-stream',
  events: 'text/event-stream',
} as const;

/**
 * `true` when each type is assignable to the other. Response schemas are checked against the types the services
 * return: `true satisfies Same<z.infer<typeof X>, ServiceType>` fails the typecheck when a required field is missing
 * on either side (Fastify, serializing through the schema, would drop it from the answer).
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
