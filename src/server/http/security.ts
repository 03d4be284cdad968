import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { resolveSession, type SessionUser } from './sessions.js';
import { AppError, forbidden, unauthorized } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved once per request (undefined when anonymous). */
    user: SessionUser | undefined;
  }
}

export const cookieName = (ctx: AppContext): string =>
  ctx.config.secureCookies ? '__Host-tandem_session' : 'tandem_session';

export function cookieOptions(ctx: AppContext, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    ...(expires ? { expires } : {}),
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: the browser must say the request is
 * same-origin (Sec-Fetch-Site), or send an Origin equal to ours. Requests with neither
 * header are refused, so a forgotten header never opens a hole.
 */
export function assertSameOrigin(ctx: AppContext, req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin') return;
    throw forbidden('Cross-site request refused');
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string')
    throw forbidden('Cross-site request refused: Origin header missing');
  const expected = ctx.config.publicUrl?.origin ?? `${req.protocol}://${req.headers.host ?? ''}`;
  if (origin !== expected) throw forbidden('Cross-site request refused');
}

/**
 * onRequest hook: resolve the session cookie, guard writes against CSRF, and refuse
 * requests without the credentials the route declares (see routes.ts). Decided by the
 * route the router matched (its declared path), never by the raw URL: `/%61pi/auth/logout`
 * reaches the same handler as `/api/auth/logout` and gets the same checks.
 */
export function sessionHook(ctx: AppContext) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    req.user = undefined;
    const route = req.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const token = req.cookies[cookieName(ctx)];
    const writes = !SAFE_METHODS.has(req.method);
    if (writes && (token || route.startsWith('/api/auth/'))) assertSameOrigin(ctx, req);
    if (token) {
      req.user = await resolveSession(ctx, token);
      if (!req.user) reply.clearCookie(cookieName(ctx), cookieOptions(ctx));
    }
    // Authentication before validation: signed out is 401 on every session route.
    const access = req.routeOptions.config.access;
    if (access === 'session' && !req.user) throw unauthorized();
    if (access === 'bearer' && !/^Bearer \S/i.test(req.headers.authorization ?? ''))
      throw unauthorized('Send an API token: Authorization: Bearer tdm_…');
  };
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export function requireAdmin(req: FastifyRequest): SessionUser {
  const user = requireUser(req);
  if (user.role !== 'admin')
    throw new AppError(403, 'admin_only', 'Only administrators may do this');
  return user;
}

export function requireWriter(req: FastifyRequest): SessionUser {
  const user = requireUser(req);
  if (user.role === 'viewer')
    throw new AppError(403, 'read_only', 'Viewers can read but not change anything');
  return user;
}
