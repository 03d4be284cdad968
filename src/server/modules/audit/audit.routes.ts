import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActivityQuery, AuditEvent } from '../../../contracts/audit.js';
import { requireAdmin } from '../../http/security.js';
import { problems } from '../../http/schemas.js';
import { listAudit } from './audit.repository.js';
import { PILLAR_ENTITIES } from './audit.service.js';

/**
 * The audit trail is read-only over the API: there is no route that edits or deletes it.
 * An initiative's activity feed is the initiatives module's (it decides who may read it).
 */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The whole audit trail (admin), newest first',
        querystring: ActivityQuery.extend({
          entityType: z.string().optional(),
          entityId: z.string().optional(),
        }),
        response: { 200: z.array(AuditEvent), ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return listAudit(ctx.db.kysely, {
        entityType: req.query.entityType,
        entityTypes: req.query.pillar ? PILLAR_ENTITIES[req.query.pillar] : undefined,
        entityId: req.query.entityId,
        before: req.query.before,
        limit: req.query.limit,
      });
    },
  );
};
