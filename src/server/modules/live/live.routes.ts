import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/problems.js';
import { problems } from '../../http/schemas.js';
import { cookieName, requireUser } from '../../http/security.js';
import { sessionStillValid } from '../../http/sessions.js';
import type { LiveHub } from './live.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Open live streams of this instance (GET /api/live). */
    live: LiveHub;
  }
}

/**
 * GET /api/live: a server-sent event stream for the signed-in person. `change` messages
 * name an initiative they may read that changed; `resync` asks to refresh everything (the
 * server may have missed messages, or, with `age`, something changed within that many ms
 * before the stream opened: the page's data may predate it); comments are heartbeats. The stream ends when the
 * session ends (checked at every heartbeat) and when the server shuts down.
 */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/live',
    {
      schema: {
        tags: ['live'],
        querystring: z.object({
          age: z.coerce
            .number()
            .int('must be a whole number of milliseconds')
            .min(0, 'must not be negative')
            .max(86_400_000, 'must be at most a day (86400000)')
            .optional()
            .describe(
              'How old (ms) the data the page shows may be: a change within that time starts the stream with "resync"',
            ),
        }),
        summary:
          'Server-sent events: "change" {initiativeId} for initiatives I may read, "resync", heartbeats',
        response: {
          200: z.string().describe('text/event-stream'),
          ...problems(400, 401, 406),
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      // Only event-stream clients (EventSource sends this): anything else would hang open.
      if (!/text\/event-stream/.test(req.headers.accept ?? ''))
        throw new AppError(406, 'not_acceptable', 'This stream answers Accept: text/event-stream');
      const token = req.cookies[cookieName(ctx)] ?? '';
      await app.live.ready();
      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(reply.getHeaders()))
        if (typeof v === 'string' || typeof v === 'number') headers[k] = String(v);
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.write('retry: 5000\n: connected\n\n');
      const remove = app.live.add(
        {
          actor: user,
          write: (chunk) => {
            if (!res.writableEnded) res.write(chunk);
          },
          end: () => {
            if (!res.writableEnded) res.end();
          },
          valid: () => sessionStillValid(ctx, token),
        },
        req.query.age,
      );
      req.raw.on('close', remove);
    },
  );
};
