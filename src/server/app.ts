import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/connect.js';
import { BackgroundWork } from './events/background.js';
import { eventRoutes } from './events/events.routes.js';
import { errorHandler, frameworkErrors } from './http/errors.js';
import { securityHeaders } from './http/headers.js';
import { refuseControlCharacters } from './http/input.js';
import { sessionHook } from './http/security.js';
import { trackRoutes } from './http/routes.js';
import { registerWebApp } from './http/web.js';
import fastifyCompress from '@fastify/compress';
import { packageVersion, webDist } from './paths.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { channelRoutes } from './modules/channels/channels.routes.js';
import { initiativeRoutes } from './modules/initiatives/initiatives.routes.js';
import { deskRoutes } from './modules/desk/desk.routes.js';
import { liveRoutes } from './modules/live/live.routes.js';
import { LiveHub } from './modules/live/live.service.js';
import { demoRoutes } from './modules/demos/demos.routes.js';
import { goalRoutes } from './modules/goals/goals.routes.js';
import { handoffRoutes } from './modules/handoffs/handoffs.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { reportRoutes } from './modules/report/report.routes.js';
import { metricRoutes } from './modules/metrics/metrics.routes.js';
import { accountSecurityRoutes } from './modules/people/account-security.routes.js';
import { authRoutes } from './modules/people/auth.routes.js';
import { commentRoutes } from './modules/conversation/comments.routes.js';
import { notificationRoutes } from './modules/conversation/notifications.routes.js';
import { userRoutes } from './modules/people/users.routes.js';
import { stageRoutes } from './modules/stages/stages.routes.js';
import { statusRoutes } from './modules/status/status.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { registerReactions } from './reactions.js';

export interface BuildOptions {
  config: Config;
  db: Db;
  now?: () => Date;
  /** pino logger options; false in tests. */
  logger?: boolean | object;
  /** The built web app; tests point it elsewhere. */
  webDir?: string;
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
    // Forwarded headers only from the configured proxies: anyone else could pick their own
    // client address (and escape the per-address sign-in limit) or protocol.
    trustProxy: options.config.trustProxy.length > 0 ? options.config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    // Requests are logged at debug, once each (below), not as two lines at info. (Through a
    // log controller: the top-level option prints a deprecation warning on every start.)
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', (req, reply, done) => {
    req.log.debug(
      { req, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
    done();
  });
  ctx.log = app.log;
  // API answers (and anything else not precompressed) as brotli or gzip when the client takes
  // it; the built assets come precompressed from disk (http/web.ts). Before every route.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  registerReactions();
  const background = new BackgroundWork(ctx, (err, msg) => app.log.error({ err }, msg));
  app.decorate('background', background);
  app.addHook('onClose', () => background.stop());
  const live = new LiveHub(ctx, {}, (err, msg) => app.log.warn({ err }, msg));
  app.decorate('live', live);
  // Before the server stops accepting: open streams would otherwise keep it from closing.
  app.addHook('preClose', () => live.close());
  trackRoutes(app);

  await app.register(cookie);
  await securityHeaders(app, ctx.config);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: packageVersion,
        description:
          'Business and IT run AI and automation initiatives together. Authenticate with the session cookie from POST /api/auth/login (state-changing requests must then come from the same origin: Origin or Sec-Fetch-Site header), or with a personal API token: Authorization: Bearer tdp_… (no origin check). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              "A personal API token (tdp_…) works on every session route with its owner's rights (read-only tokens: GET only); an initiative token (tdm_…) only pushes measurements",
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', sessionHook(ctx));
  app.addHook('preValidation', refuseControlCharacters);
  app.setErrorHandler(errorHandler);
  await registerWebApp(app, options.webDir ?? webDist);

  await app.register(
    async (api) => {
      await api.register(statusRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(accountSecurityRoutes);
      await api.register(stageRoutes);
      await api.register(initiativeRoutes);
      await api.register(auditRoutes);
      await api.register(metricRoutes);
      await api.register(goalRoutes);
      await api.register(demoRoutes);
      await api.register(handoffRoutes);
      await api.register(healthRoutes);
      await api.register(reportRoutes);
      await api.register(deskRoutes);
      await api.register(liveRoutes);
      await api.register(eventRoutes);
      await api.register(commentRoutes);
      await api.register(notificationRoutes);
      await api.register(channelRoutes);
      await api.register(privacyRoutes);
    },
    { prefix: '/api' },
  );
  await app.ready();
  return app;
}
