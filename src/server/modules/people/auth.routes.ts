import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInviteBody,
  ChangePasswordBody,
  InviteInfo,
  LoginBody,
  Me,
  PasswordResetBody,
  PasswordResetRequestBody,
  SignInOptions,
  UpdateMeBody,
} from '../../../contracts/auth.js';
import { cookieName, cookieOptions, requireSessionUser, requireUser } from '../../http/security.js';
import { NoContent, problems } from '../../http/schemas.js';
import { createSession, endSession, resolveSession } from '../../http/sessions.js';
import { acceptInvite, authenticate, changeOwnPassword, inviteInfo } from './sign-in.service.js';
import { updateMe } from './users.service.js';
import { finishSso, SsoRefused, startSso } from './sso.service.js';
import { AppError } from '../../http/problems.js';
import {
  passwordResetAvailable,
  requestPasswordReset,
  resetPassword,
} from './password-reset.service.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  const startSession = async (
    userId: string,
    req: { ip: string; headers: Record<string, unknown> },
    reply: { setCookie: (n: string, v: string, o: object) => unknown },
  ) => {
    const ua = req.headers['user-agent'];
    const { token, expiresAt } = await createSession(ctx, userId, {
      ip: req.ip,
      userAgent: typeof ua === 'string' ? ua : null,
    });
    reply.setCookie(cookieName(ctx), token, cookieOptions(ctx, expiresAt));
    const user = await resolveSession(ctx, token);
    if (!user) throw new Error('session vanished right after sign-in');
    return user;
  };

  /** The public address of this app (PUBLIC_URL, else as the request reached us). */
  const origin = (req: { protocol: string; host: string }) =>
    ctx.config.publicUrl?.origin ?? `${req.protocol}://${req.host}`;
  const callbackPath = '/api/auth/sso/callback';
  const localLoginOff = () =>
    new AppError(
      403,
      'local_login_off',
      'Passwords are switched off here; sign in with single sign-on',
    );

  app.get(
    '/auth/options',
    {
      schema: {
        tags: ['auth'],
        summary: 'How people sign in here: password, single sign-on, or both',
        security: [],
        response: { 200: SignInOptions },
      },
    },
    async () => ({
      localLogin: ctx.config.localLogin,
      sso: ctx.config.oidc
        ? { displayName: ctx.config.oidc.displayName, startUrl: '/api/auth/sso/start' }
        : null,
      passwordReset: passwordResetAvailable(ctx),
    }),
  );

  app.get(
    '/auth/sso/start',
    {
      schema: {
        tags: ['auth'],
        summary: "Start single sign-on: redirects to the company's sign-in (PKCE, state, nonce)",
        security: [],
        response: { 302: z.null(), ...problems(404) },
      },
    },
    async (req, reply) => {
      try {
        const url = await startSso(ctx, `${origin(req)}${callbackPath}`);
        return reply.redirect(url.href, 302);
      } catch (err) {
        if (err instanceof SsoRefused) {
          req.log.warn({ reason: err.reason, detail: err.message }, 'single sign-on refused');
          return reply.redirect(`/login?sso=${err.reason}`, 302);
        }
        throw err;
      }
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Where the sign-in provider sends the browser back; signs in and redirects to the app, or to the sign-in page with the reason',
        security: [],
        querystring: z.record(z.string(), z.string()),
        response: { 302: z.null(), ...problems(404) },
      },
    },
    async (req, reply) => {
      const current = new URL(req.url, origin(req));
      try {
        const userId = await finishSso(ctx, current);
        const old = req.cookies[cookieName(ctx)];
        if (old) await endSession(ctx, old);
        await startSession(userId, req, reply);
        return reply.redirect('/', 302);
      } catch (err) {
        if (err instanceof SsoRefused) {
          req.log.warn({ reason: err.reason, detail: err.message }, 'single sign-on refused');
          return reply.redirect(`/login?sso=${err.reason}`, 302);
        }
        throw err;
      }
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        security: [],
        body: LoginBody,
        response: { 200: Me, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      if (!ctx.config.localLogin) throw localLoginOff();
      const userId = await authenticate(ctx, req.body.email, req.body.password, req.ip);
      // A fresh session id at every sign-in; an older session in this browser ends.
      const old = req.cookies[cookieName(ctx)];
      if (old) await endSession(ctx, old);
      return startSession(userId, req, reply);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session (without one: nothing to end)',
        security: [],
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const token = req.cookies[cookieName(ctx)];
      if (token) await endSession(ctx, token);
      reply.clearCookie(cookieName(ctx), cookieOptions(ctx));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/invite/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who an invitation link is for',
        security: [],
        params: z.object({ token: z.string() }),
        response: { 200: InviteInfo, ...problems(404) },
      },
    },
    async (req) => inviteInfo(ctx, req.params.token),
  );

  app.post(
    '/auth/accept-invite',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a password from an invitation link and sign in',
        security: [],
        body: AcceptInviteBody,
        response: { 200: Me, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      if (!ctx.config.localLogin) throw localLoginOff();
      const userId = await acceptInvite(ctx, req.body.token, req.body.password);
      return startSession(userId, req, reply);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary:
          '"Forgot password?": emails a one-time link valid for an hour when an active account has this address. Always answers 202 the same way (throttled per address and IP).',
        security: [],
        body: PasswordResetRequestBody,
        response: { 202: NoContent, ...problems(400, 403, 429) },
      },
    },
    async (req, reply) => {
      const pending = await requestPasswordReset(ctx, req.body.email, req.ip);
      // Sent after answering: the answer and its timing are the same for unknown addresses.
      if (pending)
        setImmediate(() => {
          pending
            .send()
            .catch((err: unknown) =>
              req.log.warn({ err }, 'password reset link could not be stored or sent'),
            );
        });
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Set a new password from a reset link (works once, within an hour); ends every session of the person',
        security: [],
        body: PasswordResetBody,
        response: { 204: NoContent, ...problems(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await resetPassword(ctx, req.body.token, req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: Me, ...problems(401) },
      },
    },
    async (req) => requireUser(req),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my name or language',
        body: UpdateMeBody,
        response: { 200: Me, ...problems(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await updateMe(ctx, user.id, req.body);
      return { ...user, ...req.body };
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change my password. Ends my other sessions unless endOtherSessions is false; this one goes on with a fresh id.',
        body: ChangePasswordBody,
        response: { 200: Me, ...problems(400, 401, 403, 422, 429) },
      },
    },
    async (req, reply) => {
      const user = requireSessionUser(req);
      if (!ctx.config.localLogin) throw localLoginOff();
      const endOthers = req.body.endOtherSessions ?? true;
      await changeOwnPassword(
        ctx,
        user.id,
        req.body.currentPassword,
        req.body.newPassword,
        endOthers,
      );
      // A fresh session id either way; the old one ends.
      const old = req.cookies[cookieName(ctx)];
      if (old && !endOthers) await endSession(ctx, old);
      return startSession(user.id, req, reply);
    },
  );
};
