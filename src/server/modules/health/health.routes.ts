import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  HealthHistory,
  InitiativeHealth,
  PortfolioHistory,
} from '../../../contracts/collaboration-health.js';
import { HealthThresholdSettings, thresholdsTag } from '../../../contracts/health-thresholds.js';
import { Portfolio, PortfolioQuery } from '../../../contracts/portfolio.js';
import { WeeklyUpdates, WriteWeeklyUpdateBody } from '../../../contracts/weekly-updates.js';
import { readCache } from '../../db/read-cache.js';
import { type CachedJson, sendCachedJson } from '../../http/cached-json.js';
import { IdParams, problems } from '../../http/schemas.js';
import { requireAdmin, requireUser, requireWriter } from '../../http/security.js';
import { healthOf } from './health.service.js';
import { healthHistoryOf, portfolioHistoryOf } from './history.service.js';
import { portfolioAnswer } from './portfolio.service.js';
import { getThresholdSettings, updateThresholdSettings } from './thresholds.service.js';
import { listWeeklyUpdates, writeWeeklyUpdate } from './weekly-updates.service.js';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const portfolioCache = readCache<{ entry: CachedJson; validUntil: string | null }>(
    app.ctx.db,
    'portfolio',
  );
  const ctx = app.ctx;
  const tags = ['health'];

  app.get(
    '/initiatives/:id/health',
    {
      schema: {
        tags,
        summary:
          "An initiative's collaboration health: Ampel and score overall, per pillar and for the owners' view, each reason in words with a link to the thing to fix",
        params: IdParams,
        response: { 200: InitiativeHealth, ...problems(401, 404) },
      },
    },
    async (req) => healthOf(ctx, requireUser(req), req.params.id, ctx.now()),
  );

  app.get(
    '/initiatives/:id/health/history',
    {
      schema: {
        tags,
        summary:
          "An initiative's health over the last 90 days (daily snapshots) and the reasons that appeared or went away since a week ago",
        params: IdParams,
        response: { 200: HealthHistory, ...problems(401, 404) },
      },
    },
    async (req) => healthHistoryOf(ctx, requireUser(req), req.params.id, ctx.now()),
  );

  app.get(
    '/portfolio/history',
    {
      schema: {
        tags,
        summary:
          "The portfolio's health over the last 90 days (daily snapshots): per day the number of green, amber and red initiatives you may read and their mean score; the portfolio's filters on department, stage, owner and risk class apply",
        querystring: PortfolioQuery,
        response: { 200: PortfolioHistory, ...problems(400, 401) },
      },
    },
    async (req) => portfolioHistoryOf(ctx, requireUser(req), req.query, ctx.now()),
  );

  app.get(
    '/initiatives/:id/weekly-updates',
    {
      schema: {
        tags,
        summary: "The owners' weekly updates: each side's latest view and the last 12 weeks",
        params: IdParams,
        response: { 200: WeeklyUpdates, ...problems(401, 404) },
      },
    },
    async (req) => listWeeklyUpdates(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/weekly-updates',
    {
      schema: {
        tags,
        summary:
          "Write this week's update for your side (owners and deputies); writing again the same week replaces it",
        params: IdParams,
        body: WriteWeeklyUpdateBody,
        response: { 200: WeeklyUpdates, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => writeWeeklyUpdate(ctx, requireWriter(req), req.params.id, req.body),
  );

  app.get(
    '/portfolio',
    {
      schema: {
        tags,
        summary:
          'Every initiative you may read × the four pillars and the owners’ view, worst first, with what waits for whom',
        querystring: PortfolioQuery,
        response: { 200: Portfolio, 304: z.null(), ...problems(400, 401) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      // The answer is read from the stored health (brought up to date first) and kept per
      // reader and query until any write empties the cache or a row in it expires (a new
      // day, a demo that started), with its ETag and compressed forms.
      const now = ctx.now();
      const key = `${actor.id}|${JSON.stringify(req.query)}`;
      const token = ctx.db.changeToken();
      const load = async () => {
        const { body, validUntil, signature } = await portfolioAnswer(ctx, actor, req.query, now);
        // The ETag ignores the computation time: the same picture is the same answer. The
        // signature names each row's head and cells' revision instead of the 1.8 MB body.
        const tag = createHash('sha256').update(signature).digest('base64url').slice(0, 27);
        // Superseded once the change token moved on (a later read loads a new one).
        const current = () => token !== undefined && ctx.db.changeToken() === token;
        return { entry: { body, etag: `W/"${tag}"`, fastFirst: true, current }, validUntil };
      };
      // Concurrent misses (50 open pages after a write) share one answer, not 50 side by side.
      let cached = await portfolioCache.getOrLoad(key, token, load);
      if (cached.validUntil !== null && cached.validUntil <= now.toISOString()) {
        // Expired by the clock (a new day, a demo that started): the readers of this expired
        // answer share one new one as well.
        cached = await portfolioCache.getOrLoad(
          key,
          token === undefined ? undefined : `${token}|after ${cached.validUntil}`,
          load,
        );
      }
      const entry = cached.entry;
      return sendCachedJson(req, reply, entry);
    },
  );

  app.get(
    '/admin/health-thresholds',
    {
      schema: {
        tags,
        summary: 'The health thresholds: the defaults, the admin’s overrides and the table in use',
        response: { 200: HealthThresholdSettings, ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      requireAdmin(req);
      const settings = await getThresholdSettings(ctx);
      void reply.header('etag', thresholdsTag(settings.tag));
      return settings;
    },
  );
  app.put(
    '/admin/health-thresholds',
    {
      schema: {
        tags,
        summary:
          'Set the overrides (any subset of the table; {} restores the defaults). Bounds and the order of each pair of tiers are checked. Send If-Match with the ETag of the thresholds you read (GET): 409 version_conflict when someone saved others since',
        body: z.record(z.string(), z.unknown()),
        response: { 200: HealthThresholdSettings, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const ifMatch = req.headers['if-match'];
      const settings = await updateThresholdSettings(
        ctx,
        requireAdmin(req),
        req.body,
        typeof ifMatch === 'string' ? ifMatch : undefined,
      );
      void reply.header('etag', thresholdsTag(settings.tag));
      return settings;
    },
  );
};
