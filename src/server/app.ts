import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
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
import { packageVersion, webDist } from './paths.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { initiativeRoutes } from './modules/initiatives/initiatives.routes.js';
import { demoRoutes } from './modules/demos/demos.routes.js';
import { goalRoutes } from './modules/goals/goals.routes.js';
import { handoffRoutes } from './modules/handoffs/handoffs.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { metricRoutes } from './modules/metrics/metrics.routes.js';
import { authRoutes } from './modules/people/auth.routes.js';
import { userRoutes } from './modules/people/users.routes.js';
import { stageRoutes } from './modules/stages/stages.routes.js';
import { statusRoutes as systemRoutes } from './modules/status/status.routes.js';
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
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  registerReactions();
  const background = new BackgroundWork(ctx, (err, msg) => app.log.error({ err }, msg));
  app.decorate('background', background);
  app.addHook('onClose', () => background.stop());
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
  app.addHook('preValidation', refuseControlCharacters);
  app.setErrorHandler(errorHandler);
  await registerWebApp(app, options.webDir ?? webDist);

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
      await api.register(healthRoutes);
      await api.register(eventRoutes);
    },
    { prefix: '/api' },
  );
  await app.ready();
  return app;
}
