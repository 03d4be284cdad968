import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeliveryParams,
  EventDeliveriesQuery,
  EventDelivery,
  EventOverview,
  ScheduledJob,
} from '../../contracts/events.js';
import { conflict, notFound } from '../http/problems.js';
import { requireAdmin } from '../http/security.js';
import { problems } from '../http/schemas.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import {
  countDeliveries,
  type DeliveryRow,
  findDelivery,
  listDeliveries,
  retryFailed,
} from './outbox.repository.js';
import { findSubscriber, registeredJobs, registeredSubscribers } from './registry.js';

const presentDelivery = (r: DeliveryRow): EventDelivery => ({
  eventId: r.event_id,
  subscriber: r.subscriber,
  type: r.type,
  initiativeId: r.initiative_id,
  entityType: r.entity_type,
  entityId: r.entity_id,
  occurredAt: r.occurred_at,
  stream: r.stream,
  seq: r.seq,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? r.available_at : null,
  lastError: r.last_error,
  finishedAt: r.finished_at,
});

/** Admin view of the outbox (failed deliveries, retry) and of the scheduler's jobs. */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/admin/events',
    {
      schema: {
        tags: ['admin'],
        summary: 'Event deliveries by state (default: failed) and counts per subscriber',
        querystring: EventDeliveriesQuery,
        response: { 200: EventOverview, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      const db = ctx.db.kysely;
      const counts = await countDeliveries(db);
      const names = new Set([
        ...registeredSubscribers().map((s) => s.name),
        ...counts.map((c) => c.subscriber),
      ]);
      const count = (name: string, status: string) =>
        Number(counts.find((c) => c.subscriber === name && c.status === status)?.n ?? 0);
      return {
        subscribers: [...names].sort().map((name) => ({
          name,
          registered: findSubscriber(name) !== undefined,
          pending: count(name, 'pending'),
          failed: count(name, 'failed'),
          done: count(name, 'done'),
        })),
        deliveries: (await listDeliveries(db, req.query)).map(presentDelivery),
      };
    },
  );

  app.post(
    '/admin/events/:eventId/deliveries/:subscriber/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delivers a failed event to its subscriber again, with fresh attempts',
        params: DeliveryParams,
        response: { 200: EventDelivery, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const admin = requireAdmin(req);
      const key = { eventId: req.params.eventId, subscriber: req.params.subscriber };
      const retried = await ctx.db.kysely.transaction().execute(async (trx) => {
        const before = await findDelivery(trx, key);
        if (!before) throw notFound('Delivery');
        if (!(await retryFailed(trx, key)))
          throw conflict(
            `Only failed deliveries can be retried; this one is ${before.status}`,
            'not_failed',
          );
        await appendAudit(trx, {
          actorId: admin.id,
          entityType: 'event_delivery',
          entityId: `${key.eventId}/${key.subscriber}`,
          initiativeId: null,
          action: 'event_delivery.retried',
          before: {
            status: before.status,
            attempts: before.attempts,
            lastError: before.last_error,
          },
          after: { status: 'pending' },
          at: ctx.now(),
        });
        return findDelivery(trx, key);
      });
      if (!retried) throw notFound('Delivery');
      app.background.dispatcher.wake();
      return presentDelivery(retried);
    },
  );

  app.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Periodic jobs of the scheduler: next run, last run and its outcome',
        response: { 200: z.array(ScheduledJob), ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      const rows = await ctx.db.kysely
        .selectFrom('scheduled_jobs')
        .selectAll()
        .orderBy('name')
        .execute();
      const registered = new Set(registeredJobs().map((j) => j.name));
      const now = ctx.now().toISOString();
      return rows.map((r) => ({
        name: r.name,
        schedule: r.schedule,
        registered: registered.has(r.name),
        nextRunAt: r.next_run_at,
        runningUntil: r.lease_until !== null && r.lease_until > now ? r.lease_until : null,
        lastStartedAt: r.last_started_at,
        lastFinishedAt: r.last_finished_at,
        lastStatus: r.last_status,
        lastError: r.last_error,
        failures: r.failures,
        runs: r.runs,
      }));
    },
  );
};
