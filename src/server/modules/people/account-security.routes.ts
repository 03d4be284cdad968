import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedPersonalToken,
  CreatePersonalTokenBody,
  EndedSessions,
  PersonalToken,
  SessionInfo,
} from '../../../contracts/account-security.js';
import { cookieName, requireAdmin, requireSessionUser, requireUser } from '../../http/security.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import {
  createPersonalToken,
  listPersonalTokens,
  revokePersonalToken,
} from './personal-tokens.service.js';
import { allowSsoLink } from './sso.service.js';
import {
  endAllSessionsOf,
  endMyOtherSessions,
  endMySession,
  mySessions,
  sessionsOf,
} from './sessions.service.js';

/** Personal API tokens and sessions: the person's own, and an admin's view of anyone's. */
export const accountSecurityRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/me/tokens',
    {
      schema: {
        tags: ['account security'],
        summary: 'My personal API tokens (never their secrets)',
        response: { 200: z.array(PersonalToken), ...problems(401) },
      },
    },
    async (req) => listPersonalTokens(ctx, requireUser(req).id),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        tags: ['account security'],
        summary:
          'Create a personal API token (read-only or read-write, with an expiry). Its secret is in this answer only. Needs a signed-in session: a token cannot create tokens.',
        body: CreatePersonalTokenBody,
        response: { 201: CreatedPersonalToken, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireSessionUser(req);
      return reply.status(201).send(await createPersonalToken(ctx, user.id, req.body));
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      schema: {
        tags: ['account security'],
        summary: 'Revoke one of my personal API tokens (from now on it answers 401)',
        params: IdParams,
        response: { 200: PersonalToken, ...problems(401, 403, 404) },
      },
    },
    async (req) => revokePersonalToken(ctx, requireSessionUser(req).id, req.params.id),
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags: ['account security'],
        summary: 'Where I am signed in: device, address, since, last seen',
        response: { 200: z.array(SessionInfo), ...problems(401) },
      },
    },
    async (req) => mySessions(ctx, requireUser(req).id, req.cookies[cookieName(ctx)]),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags: ['account security'],
        summary: 'End one of my sessions',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await endMySession(ctx, requireSessionUser(req).id, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/me/sessions',
    {
      schema: {
        tags: ['account security'],
        summary: 'End all my sessions except this one',
        response: { 200: EndedSessions, ...problems(401, 403) },
      },
    },
    async (req) => ({
      ended: await endMyOtherSessions(
        ctx,
        requireSessionUser(req).id,
        req.cookies[cookieName(ctx)],
      ),
    }),
  );

  app.get(
    '/users/:id/sessions',
    {
      schema: {
        tags: ['account security'],
        summary: "A person's sessions (admins)",
        params: IdParams,
        response: { 200: z.array(SessionInfo), ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return sessionsOf(ctx, req.params.id);
    },
  );

  app.delete(
    '/users/:id/sessions',
    {
      schema: {
        tags: ['account security'],
        summary: 'End every session of a person (admins); they must sign in again',
        params: IdParams,
        response: { 200: EndedSessions, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const admin = requireAdmin(req);
      return { ended: await endAllSessionsOf(ctx, admin, req.params.id) };
    },
  );

  app.post(
    '/users/:id/sso-link',
    {
      schema: {
        tags: ['account security'],
        summary:
          "Allow linking (admins): for 7 days, this person's next single sign-on with the same, verified email links to this account",
        params: IdParams,
        response: { 200: z.object({ linkAllowedUntil: z.string() }), ...problems(401, 403, 404) },
      },
    },
    async (req) => allowSsoLink(ctx, requireAdmin(req), req.params.id),
  );
};
