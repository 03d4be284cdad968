import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessCheckError } from '../../domain/access.js';
import type { AppContext } from '../context.js';
import { databaseUnavailable } from '../db/dialect.js';
import {
  PERSONAL_TOKEN_PREFIX,
  resolvePersonalToken,
  type TokenCredential,
} from './personal-tokens.js';
import { resolveSession, type SessionUser } from './sessions.js';
import { AppError, forbidden, unauthorized } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved once per request (undefined when anonymous). */
    user: SessionUser | undefined;
    /** Set when the user came with a personal API token instead of a session cookie. */
    token: TokenCredential | undefined;
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
    req.token = undefined;
    const route = req.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const access = req.routeOptions.config.access;
    const writes = !SAFE_METHODS.has(req.method);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (access === 'session' && bearer !== undefined) {
      // A personal API token instead of the cookie: no CSRF check (a browser never adds
      // this header across sites), exactly the owner's rights, read-only means no writes.
      if (!bearer.startsWith(PERSONAL_TOKEN_PREFIX))
        throw unauthorized(
          'Send a personal API token (tdp_…); initiative tokens only push measurements',
        );
      const resolved = await checkAccess('personal token', () => resolvePersonalToken(ctx, bearer));
      if (!resolved.ok)
        throw unauthorized(
          resolved.reason === 'expired'
            ? 'This API token has expired'
            : 'This API token is unknown or was revoked',
        );
      req.user = resolved.user;
      req.token = resolved.credential;
      if (writes && resolved.credential.access === 'read')
        throw new AppError(
          403,
          'token_read_only',
          'This API token can only read; create a read-write token to change things',
        );
      return;
    }
    const token = req.cookies[cookieName(ctx)];
    if (writes && (token || route.startsWith('/api/auth/'))) assertSameOrigin(ctx, req);
    if (token) {
      req.user = await checkAccess('session', () => resolveSession(ctx, token));
      if (!req.user) reply.clearCookie(cookieName(ctx), cookieOptions(ctx));
    }
    // Authentication before validation: signed out is 401 on every session route.
    if (access === 'session' && !req.user) throw unauthorized();
    if (access === 'bearer' && !/^Bearer \S/i.test(req.headers.authorization ?? ''))
      throw unauthorized('Send an API token: Authorization: Bearer tdm_…');
  };
}

/**
 * Runs a permission check (who is asking, may they read or change this) so that it fails
 * closed: problems it decides (404, 403, …) and an unreachable database (503) pass through;
 * anything else it throws becomes an AccessCheckError, answered 403 `access_check_failed`.
 * Only the check is wrapped, never the work after it: an ordinary bug stays a 500.
 */
export async function checkAccess<T>(name: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof AppError || err instanceof AccessCheckError || databaseUnavailable(err))
      throw err;
    throw new AccessCheckError(name, err);
  }
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/**
 * For what only a person at the keyboard may do (API tokens, sessions, password): a
 * personal API token is refused, so a token can never mint a longer-lived one.
 */
export function requireSessionUser(req: FastifyRequest): SessionUser {
  const user = requireUser(req);
  if (req.token)
    throw new AppError(
      403,
      'session_required',
      'Sign in with your password or single sign-on for this; API tokens cannot do it',
    );
  return user;
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
