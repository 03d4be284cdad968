import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodedPath, notFoundProblem } from './errors.js';
import { firstScreenDrawer } from './first-screen.js';

/**
 * The built single-page app: hashed assets cached for good, `index.html` (never cached) for
 * `/` and every client-side route, 404 problems for unknown API routes and missing assets.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  const drawFirstScreen = hasWeb ? firstScreenDrawer(app, webDir) : undefined;
  const sendIndex = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    if (drawFirstScreen) {
      // The big list pages with their first rows in (first-screen.ts): drawn per person, with
      // their answers in, so kept by no cache, as the API's answers (a shared computer's Back
      // button would show the last person's list).
      const page = await drawFirstScreen(req);
      if (page !== undefined)
        return reply
          .header('cache-control', 'no-store')
          .header('vary', 'cookie')
          .type('text/html; charset=utf-8')
          .send(page);
    }
    return reply.sendFile('index.html', webDir, { cacheControl: false });
  };
  if (hasWeb) {
    // wildcard: files built after start (a rebuild while running) are served too.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      // The build writes .br and .gz beside each asset (vite.config.ts): sent as the client
      // accepts, without compressing on every request.
      preCompressed: true,
      // Source maps stay on the server (for debugging a build), never served.
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      setHeaders: (reply, filePath) => {
        // Vite puts a content hash in every asset name: cache them for good.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
    // The static handler answers a directory (`/` is the build folder) with 403: the app's
    // home is its own route.
    app.get('/', { schema: { hide: true } }, (req, reply) => sendIndex(req, reply));
  }
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const route = decodedPath(req.url);
    if (
      route === undefined ||
      route === '/api' ||
      route.startsWith('/api/') ||
      route.startsWith('/assets/') ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !hasWeb
    ) {
      return notFoundProblem(req, reply);
    }
    return sendIndex(req, reply);
  });
}
