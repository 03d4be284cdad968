import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Who may call a route, read from what the route declares for OpenAPI (`schema.security`):
 * `[]` is public, a bearer-only list is for machines, anything else (the default) needs a
 * session. The kernel enforces it before validation, so a signed-out request gets 401 on
 * every session route, whatever its body — and a new route is protected unless it says
 * otherwise where everyone reads it.
 */
export type RouteAccess = 'public' | 'session' | 'bearer';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route as registered (tests walk them all). */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

function accessOf(route: RouteOptions): RouteAccess {
  // Outside the API (the web app and its files) and the interactive API docs are public.
  if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return 'public';
  const security = (route.schema as { security?: Record<string, unknown>[] } | undefined)?.security;
  if (security === undefined) return 'session';
  if (security.length === 0) return 'public';
  return security.every((s) => Object.keys(s).every((k) => k === 'bearer')) ? 'bearer' : 'session';
}

/** Records every route with its access; call before any route is registered. */
export function trackRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const access = accessOf(route);
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });
}
