import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import { isDatabaseUnavailable } from './db/unavailable';
import { Background } from './background';
import { AppError, type ErrorBody } from './errors';
import { registerJobs } from './jobs/jobs';
import { databaseLease } from './jobs/lease';
import { JobRunner } from './jobs/runner';
import { errorSerializer, requestSerializer } from './log-privacy';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { agenciesRoutes } from './modules/agencies/agencies.routes';
import { authPlugin } from './modules/auth/auth.plugin';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { CalendarService } from './modules/calendar/calendar.service';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes';
import { devRoutes } from './modules/dev/dev.routes';
import { divisionsRoutes } from './modules/divisions/divisions.routes';
import { dossierFormsRoutes } from './modules/dossier-forms/forms.routes';
import { dossierFilesRoutes } from './modules/dossiers/dossier-files.routes';
import { dossiersRoutes } from './modules/dossiers/dossiers.routes';
import { draftsRoutes } from './modules/drafts/drafts.routes';
import { feedbackRoutes } from './modules/feedback/feedback.routes';
import { filesRoutes } from './modules/files/files.routes';
import { healthRoutes } from './modules/health/health.routes';
import { myRoutes } from './modules/my/my.routes';
import { createMessaging } from './modules/notifications/channels';
import { paymentsRoutes } from './modules/payments/payments.routes';
import { queueRoutes } from './modules/queue/queue.routes';
import { ratingsRoutes } from './modules/ratings/ratings.routes';
import { statsRoutes } from './modules/stats/stats.routes';
import { usersRoutes } from './modules/users/users.routes';
import { workflowsRoutes } from './modules/workflows/workflows.routes';
import { documentOperation, finishDocument } from './openapi';
import { registerRateLimits } from './rate-limit';
import { collectUnstoredUploads } from './modules/files/store';
import type { FileStorage } from './storage/storage';
import { refuseUnstorable } from './text-input';
import { VERSION } from './version';

// Zod's own messages in Vietnamese for anything a schema does not word itself.
z.config(z.locales.vi());

export interface AppDeps {
  config: Config;
  database: Database;
  /**
   * What statistics, the register and their exports read (issue 18): a read replica when DATABASE_READ_URL is set,
   * else `database` itself. Read-only work only; commands never read it.
   */
  reports: Database;
  /** Where stored files' bytes live (issue 18): local files or S3. */
  storage: FileStorage;
  clock: Clock;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** The runner of the periodic jobs; see jobs/runner.ts. */
    jobs: JobRunner;
  }
}

const BODY_LIMIT = 1024 * 1024; // JSON bodies; file uploads get their own limits

function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * The logger options: the caller's (level, stream…) or the configured level, always with the serializers that
 * keep personal data out of the log (log-privacy.ts). `false` stays off.
 */
function loggerOptions(
  given: FastifyServerOptions['logger'],
  level: Config['logLevel'],
): FastifyServerOptions['logger'] {
  if (given === false) return false;
  const base = given === undefined || given === true ? { level } : given;
  return { ...base, serializers: { ...base.serializers, req: requestSerializer, err: errorSerializer } };
}

/** Fastify's form of the trusted proxies: a hop count becomes "the first n hops" (proxy-addr's meaning). */
function proxyTrust(t: Config['trustProxy']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_addr, hop) => hop < t : t;
}

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(opts.logger, deps.config.logLevel),
    bodyLimit: BODY_LIMIT,
    // The router's own refusals (a path part over 100 characters, a malformed %-escape) in the one error shape,
    // without echoing the URL back.
    frameworkErrors: (err, _req, res) => {
      const reply = res as unknown as { status(n: number): { send(b: ErrorBody): unknown } };
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return reply
          .status(414)
          .send(errorBody('URI_TOO_LONG', 'Địa chỉ yêu cầu quá dài (mỗi phần tối đa 100 ký tự).'));
      }
      return reply.status(400).send(errorBody('BAD_URL', 'Địa chỉ yêu cầu không hợp lệ (mã hóa ký tự sai).'));
    },
    // X-Forwarded-For is believed only from the proxies the operator names (decision 0012): trusted from anyone,
    // it let a client rotate its address past every per-address limit and forge the audit log.
    trustProxy: proxyTrust(deps.config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('calendar', new CalendarService(deps.database));
  app.decorate('background', new Background((err) => app.log.error({ err }, 'work after an answer failed')));
  app.addHook('onClose', async () => app.background.idle());
  // The periodic jobs (jobs/jobs.ts), started by createServer; closing waits for a running one.
  // Jobs marked `singleton` run on one instance of a cluster: the lease is a row in the shared PostgreSQL, held
  // under the instance's host and port, so an instance that restarts takes its jobs back at once. PGlite is held
  // by one process (its data directory is locked): no lease to take.
  const lease =
    deps.database.kind === 'postgres'
      ? databaseLease(deps.database, `${hostname()}:${deps.config.port}`)
      : undefined;
  app.decorate('jobs', new JobRunner({ log: app.log, lease }));
  app.addHook('onClose', async () => app.jobs.stop());
  registerJobs(app);
  app.decorate(
    'messaging',
    createMessaging(deps.config, () => deps.clock.now(), deps.database),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    // A refusal sent before the body was read to the end (an upload refused on permission, type or size) closes
    // the connection, as Fastify does for a body it refuses: the rest of the body is never read.
    if (req.raw.complete === false) reply.header('connection', 'close');
    if (err instanceof AppError) {
      // A limit that says how long to wait tells the client in the standard header too.
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.status === 429 && typeof wait === 'number') reply.header('retry-after', String(wait));
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext;
      const details = err.validation.map((v) => ({
        in: where,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message,
      }));
      const first = details[0];
      const field = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
      return reply
        .status(400)
        .send(
          errorBody(
            'VALIDATION_ERROR',
            `Dữ liệu gửi lên không hợp lệ${field}: ${first?.message ?? 'kiểm tra lại các trường.'}`,
            details,
          ),
        );
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      const file = err.code === 'FST_REQ_FILE_TOO_LARGE';
      return reply
        .status(413)
        .send(
          errorBody(
            'PAYLOAD_TOO_LARGE',
            file
              ? 'Tệp tải lên quá lớn (tối đa 20 MB).'
              : `Dữ liệu gửi lên quá lớn (tối đa ${BODY_LIMIT / 1024} KB).`,
          ),
        );
    }
    if (status === 415) {
      return reply
        .status(415)
        .send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.'));
    }
    if (status === 429) {
      return reply
        .status(429)
        .send(errorBody('TOO_MANY_REQUESTS', 'Quá nhiều yêu cầu; vui lòng thử lại sau.'));
    }
    if (status >= 400 && status < 500) {
      const json = err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError;
      return reply
        .status(400)
        .send(
          json
            ? errorBody('INVALID_JSON', 'Dữ liệu gửi lên không phải JSON hợp lệ.')
            : errorBody('BAD_REQUEST', 'Yêu cầu không hợp lệ.'),
        );
    }
    // A multipart body that ends early or has no boundary (busboy's words): the client's fault, not ours.
    if (
      /^(Unexpected end of (multipart|form) data|Multipart: Boundary not found|Malformed part header)/.test(
        err.message,
      )
    ) {
      return reply
        .status(400)
        .send(errorBody('INVALID_MULTIPART', 'Tệp gửi lên bị hỏng hoặc chưa gửi hết; vui lòng gửi lại.'));
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(
          errorBody(
            'DATABASE_UNAVAILABLE',
            'Hệ thống tạm thời không kết nối được cơ sở dữ liệu; thao tác chưa được ghi nhận. Vui lòng thử lại sau ít giây.',
          ),
        );
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(
        errorBody(
          'INTERNAL_ERROR',
          'Hệ thống gặp lỗi ngoài dự kiến. Vui lòng thử lại hoặc báo quản trị viên.',
        ),
      );
  });

  // Text PostgreSQL cannot store is refused for every route, before its own validation (text-input.ts).
  app.addHook('preValidation', async (req) => {
    refuseUnstorable([
      { in: 'params', value: req.params },
      { in: 'querystring', value: req.query },
      { in: 'body', value: req.body },
    ]);
  });

  // Before any route: the plugin reads each route's `config.rateLimit` as the route is added.
  await registerRateLimits(app);
  collectUnstoredUploads(app, deps.database, deps.storage);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 10, fields: 50 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'motcua API',
        version: VERSION,
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
        description:
          'API của hệ thống một cửa điện tử motcua. Every error is `{ "error": { "code", "message", "details"? } }`.',
      },
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' } },
      },
    },
    transform: documentUploads,
    transformObject: (documents) =>
      finishDocument('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin);
  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(accountsRoutes, { prefix: '/api/v1/accounts' });
  await app.register(agenciesRoutes, { prefix: '/api/v1/agencies' });
  await app.register(usersRoutes, { prefix: '/api/v1/users' });
  await app.register(calendarRoutes, { prefix: '/api/v1/calendar' });
  await app.register(catalogueRoutes, { prefix: '/api/v1' });
  await app.register(dossiersRoutes, { prefix: '/api/v1' });
  await app.register(dossierFilesRoutes, { prefix: '/api/v1' });
  await app.register(dossierFormsRoutes, { prefix: '/api/v1' });
  await app.register(workflowsRoutes, { prefix: '/api/v1' });
  await app.register(divisionsRoutes, { prefix: '/api/v1/divisions' });
  await app.register(filesRoutes, { prefix: '/api/v1/files' });
  await app.register(draftsRoutes, { prefix: '/api/v1' });
  await app.register(myRoutes, { prefix: '/api/v1' });
  await app.register(paymentsRoutes, { prefix: '/api/v1' });
  await app.register(ratingsRoutes, { prefix: '/api/v1' });
  await app.register(feedbackRoutes, { prefix: '/api/v1' });
  await app.register(queueRoutes, { prefix: '/api/v1' });
  await app.register(statsRoutes, { prefix: '/api/v1' });
  // Development routes (the settable test clock, the message sink) do not exist in production.
  if (!deps.config.production) await app.register(devRoutes, { prefix: '/api/v1/dev' });

  const webDir = deps.config.webDir;
  const indexHtml = join(webDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      return reply
        .status(404)
        .send(errorBody('NOT_FOUND', `Không có địa chỉ ${req.method} ${path} trên hệ thống.`));
    }
    // Single-page app: every other GET is a client route.
    return reply.type('text/html; charset=utf-8').send(readFileSync(indexHtml));
  });

  return app;
}

/**
 * The OpenAPI document names the upload operations' multipart body (a `file` part and any text fields), which a
 * route's `consumes` alone leaves out; the documentation only, validation is the route's own.
 */
function documentUploads(
  args: Parameters<typeof jsonSchemaTransform>[0],
): ReturnType<typeof jsonSchemaTransform> {
  const out = documentOperation(args, jsonSchemaTransform(args));
  const consumes = (args.schema as { consumes?: string[] } | undefined)?.consumes;
  if (!consumes?.includes('multipart/form-data')) return out;
  return {
    ...out,
    schema: {
      ...out.schema,
      body: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: 'Tệp tải lên' } },
      },
    },
  };
}
