import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedUser,
  CreateUserBody,
  Person,
  Reinvited,
  UpdateUserBody,
  User,
} from '../../../contracts/users.js';
import { requireAdmin, requireUser } from '../../http/security.js';
import { IdParams, problems } from '../../http/schemas.js';
import { presentPerson } from './users.presenter.js';
import { createUser, emailInvitation, listUsers, reinvite, updateUser } from './users.service.js';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const inviteUrl = (token: string, req: { protocol: string; headers: { host?: string } }) =>
    `${ctx.config.publicUrl?.origin ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`}/invite/${token}`;
  /** Emails the link (after the commit); a failure is logged and shown, never thrown. */
  const sendInvite = async (
    req: { log: { warn: (o: object, m: string) => void } },
    invitation: { userId: string; inviterId: string; url: string; expiresAt: string },
  ) => {
    const sent = await emailInvitation(ctx, invitation);
    if (sent.error)
      req.log.warn({ userId: invitation.userId, err: sent.error }, 'invitation email failed');
    return sent.outcome;
  };

  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Active people, for choosing owners and members',
        response: { 200: z.array(Person), ...problems(401) },
      },
    },
    async (req) => {
      requireUser(req);
      const rows = await ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'name', 'email', 'department', 'side', 'role'])
        .where('disabled_at', 'is', null)
        .orderBy('name')
        .execute();
      return rows.map(presentPerson);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'All users (admin)',
        response: { 200: z.array(User), ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return listUsers(ctx);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Create a user with a password, or invite them (no password: returns a link, shown once)',
        body: CreateUserBody,
        response: { 201: CreatedUser, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const admin = requireAdmin(req);
      const result = await createUser(ctx, admin, req.body);
      if (!result.inviteToken || !result.inviteExpiresAt)
        return reply.status(201).send({ user: result.user });
      const url = inviteUrl(result.inviteToken, req);
      const inviteEmail = await sendInvite(req, {
        userId: result.user.id,
        inviterId: admin.id,
        url,
        expiresAt: result.inviteExpiresAt,
      });
      return reply.status(201).send({
        user: result.user,
        inviteUrl: url,
        inviteExpiresAt: result.inviteExpiresAt,
        inviteEmail,
      });
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Change a user: name, language, department, side, role, disabled (disabling ends their sessions at once)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => updateUser(ctx, requireAdmin(req), req.params.id, req.body),
  );

  app.post(
    '/users/:id/invite',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Issue a new invitation link (also a password reset link) and email it when SMTP is configured; the old link stops working',
        params: IdParams,
        response: {
          200: Reinvited,
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const admin = requireAdmin(req);
      const r = await reinvite(ctx, admin, req.params.id);
      const url = inviteUrl(r.inviteToken, req);
      const inviteEmail = await sendInvite(req, {
        userId: req.params.id,
        inviterId: admin.id,
        url,
        expiresAt: r.inviteExpiresAt,
      });
      return { inviteUrl: url, inviteExpiresAt: r.inviteExpiresAt, inviteEmail };
    },
  );
};
