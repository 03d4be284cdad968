import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Desk } from '../../../contracts/desk.js';
import { readCache } from '../../db/read-cache.js';
import { type CachedJson, cachedJson, sendCachedJson } from '../../http/cached-json.js';
import { problems } from '../../http/schemas.js';
import { requireUser } from '../../http/security.js';
import { myDesk } from './desk.service.js';

/**
 * How long a cached desk may be reused without any write: what waits and for how long
 * (overdue, stale metrics, demos of the next 7 days, health) also changes with the clock.
 */
export const DESK_CACHE_MS = 30_000;

/** My desk: what waits for the signed-in person now, demos this week, my initiatives. */
export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const deskCache = readCache<CachedJson>(ctx.db, 'desks');
  app.get(
    '/desk',
    {
      schema: {
        tags: ['desk'],
        summary:
          'My desk: signatures, handoffs, questions, action items and stale metrics waiting for me; my demos in the next 7 days; my initiatives',
        response: { 200: Desk, 304: z.null(), ...problems(401) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      // Kept per person until any write (the change token) or for at most DESK_CACHE_MS of
      // the app's clock; 50 open desks of one person asking at once compute it once.
      const token = ctx.db.changeToken();
      const slot = Math.floor(ctx.now().getTime() / DESK_CACHE_MS);
      const entry = await deskCache.getOrLoad(
        actor.id,
        token === undefined ? undefined : `${token}|${slot}`,
        async () => cachedJson(JSON.stringify(Desk.parse(await myDesk(ctx, actor)))),
      );
      return sendCachedJson(req, reply, entry);
    },
  );
};
