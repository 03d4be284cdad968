import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ActivityPillar, ActivityQuery, AuditEvent } from '../../../contracts/audit.js';
import { requireAdmin, requireUser } from '../../http/security.js';
import { IdParams, problems } from '../../http/schemas.js';
import { assertReadable } from '../initiatives/initiatives.service.js';
import { listAudit } from './audit.repository.js';

/**
 * The entity types each pillar's events are written with: measurements and pushes belong to
 * their metric or token, action items to their feedback, members to the initiative's team.
 */
const PILLAR_ENTITIES: Record<ActivityPillar, readonly string[]> = {
  goals: ['goal'],
  handoffs: ['handoff'],
  demos: ['demo', 'demo_cadence', 'demo_feedback', 'calendar_feed'],
  metrics: ['metric', 'api_token'],
  initiative: ['initiative', 'member'],
};

/** The audit trail is read-only over the API: there is no route that edits or deletes it. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/initiatives/:id/activity',
    {
      schema: {
        tags: ['audit'],
        summary: "An initiative's activity feed, newest first",
        params: IdParams,
        querystring: ActivityQuery,
        response: { 200: z.array(AuditEvent), ...problems(401, 404) },
      },
    },
    async (req) => {
      await assertReadable(ctx, requireUser(req), req.params.id);
      return listAudit(ctx.db.kysely, {
        initiativeId: req.params.id,
        entityTypes: req.query.pillar ? PILLAR_ENTITIES[req.query.pillar] : undefined,
        before: req.query.before,
        limit: req.query.limit,
      });
    },
  );
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
