import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/connect.js';
import { AppError, statusTitle } from './http/problems.js';
import { sessionHook } from './http/security.js';
import { packageVersion, webDist } from './paths.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { initiativeRoutes } from './modules/initiatives/initiatives.routes.js';
import { demoRoutes } from './modules/demos/demos.routes.js';
import { goalRoutes } from './modules/goals/goals.routes.js';
import { handoffRoutes } from './modules/handoffs/handoffs.routes.js';
import { metricRoutes } from './modules/metrics/metrics.routes.js';
import { authRoutes } from './modules/people/auth.routes.js';
import { userRoutes } from './modules/people/users.routes.js';
import { stageRoutes } from './modules/stages/stages.routes.js';
import { statusRoutes as systemRoutes } from './modules/status/status.routes.js';

export interface BuildOptions {
  config: Config;
  db: Db;
  now?: () => Date;
  /** pino logger options; false in tests. */
  logger?: boolean | object;
}

export type App = FastifyInstance;

/** Builds the Fastify app without listening; tests drive it with `app.inject()`. */
export async function buildApp(options: BuildOptions): Promise<App> {
  const ctx: AppContext = {
    db: options.db,
    config: options.config,
    now: options.now ?? (() => new Date()),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.config.publicUrl !== undefined,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: packageVersion,
        description:
          'Business and IT run AI and automation initiatives together. Authenticate with the session cookie from POST /api/auth/login; state-changing requests must come from the same origin (Origin or Sec-Fetch-Site header). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token of one initiative (tdm_…)',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', sessionHook(ctx));
  app.addHook('onSend', async (_req, reply, payload) => {
    // Server time of the request (W3C Server-Timing), shown in the browser's dev tools and
    // used by the benchmarks to separate server time from the network.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    reply.header('x-content-type-options', 'nosniff');
    // Calendar feeds set a stricter no-referrer themselves.
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const send = (status: number, body: Record<string, unknown>) =>
      reply
        .status(status)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: statusTitle(status), status, ...body });
    if (err instanceof AppError) {
      reply.headers(err.headers);
      return send(err.status, {
        detail: err.message,
        code: err.code,
        ...(err.errors.length ? { errors: err.errors } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        pointer: `/${where}${v.instancePath === '/' ? '' : v.instancePath}`,
        message: v.message ?? 'is invalid',
        code: v.keyword,
      }));
      return send(400, {
        detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
        code: 'validation_failed',
        errors,
      });
    }
    const status =
      typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500;
    if (status === 500) req.log.error({ err }, 'unhandled error');
    return send(status, {
      detail: status === 500 ? 'Something went wrong on our side. It was logged.' : err.message,
      code: status === 500 ? 'internal' : (err.code ?? 'error').toLowerCase(),
    });
  });

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files built after start (a rebuild while running) are served too.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: false,
      setHeaders: (reply, filePath) => {
        // Vite puts a content hash in every asset name: cache them for good.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Unknown API routes and missing asset files are 404s; other GETs are app routes.
    if (
      req.url.startsWith('/api') ||
      req.url.startsWith('/assets/') ||
      req.method !== 'GET' ||
      !hasWeb
    ) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `No route ${req.method} ${req.url.split('?')[0] ?? ''}`,
          code: 'not_found',
        });
    }
    // The single-page app handles its own routes.
    return reply
      .header('cache-control', 'no-cache')
      .sendFile('index.html', { cacheControl: false });
  });

  await app.register(
    async (api) => {
      await api.register(systemRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(stageRoutes);
      await api.register(initiativeRoutes);
      await api.register(auditRoutes);
      await api.register(metricRoutes);
      await api.register(goalRoutes);
      await api.register(demoRoutes);
      await api.register(handoffRoutes);
    },
    { prefix: '/api' },
  );
  await app.ready();
  return app;
}
