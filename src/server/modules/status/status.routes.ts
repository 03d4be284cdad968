import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Liveness } from '../../../contracts/liveness.js';
import { packageVersion } from '../../paths.js';
import { migrationsCurrent } from '../../db/migrate.js';

/** Whether this instance is up (for load balancers), and the OpenAPI document. */
export const statusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['status'],
        summary: 'Liveness and readiness: version, database dialect, migrations current',
        security: [],
        response: { 200: Liveness, 503: Liveness },
      },
    },
    async (_req, reply) => {
      let current = false;
      try {
        current = await migrationsCurrent(app.ctx.db.kysely);
      } catch {
        current = false;
      }
      const body = {
        status: current ? ('ok' as const) : ('degraded' as const),
        version: packageVersion,
        database: { dialect: app.ctx.db.dialect, migrationsCurrent: current },
      };
      return reply.status(current ? 200 : 503).send(body);
    },
  );

  app.get('/openapi.json', { schema: { hide: true, security: [] } }, async () => app.swagger());
};
