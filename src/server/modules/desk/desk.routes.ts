import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Desk } from '../../../contracts/desk.js';
import { problems } from '../../http/schemas.js';
import { requireUser } from '../../http/security.js';
import { myDesk } from './desk.service.js';

/** My desk: what waits for the signed-in person now, demos this week, my initiatives. */
export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/desk',
    {
      schema: {
        tags: ['desk'],
        summary:
          'My desk: signatures, handoffs, questions, action items and stale metrics waiting for me; my demos in the next 7 days; my initiatives',
        response: { 200: Desk, ...problems(401) },
      },
    },
    async (req) => myDesk(app.ctx, requireUser(req)),
  );
};
