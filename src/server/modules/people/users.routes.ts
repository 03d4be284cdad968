import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedUser,
  CreateUserBody,
  Person,
  UpdateUserBody,
  User,
} from '../../../contracts/users.js';
import { requireAdmin, requireUser } from '../../http/security.js';
import { IdParams, problems } from '../../http/schemas.js';
import { presentPerson } from './users.presenter.js';
import { createUser, listUsers, reinvite, updateUser } from './users.service.js';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const inviteUrl = (token: string, req: { protocol: string; headers: { host?: string } }) =>
    `${ctx.config.publicUrl?.origin ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`}/invite/${token}`;

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
      return reply.status(201).send({
        user: result.user,
        ...(result.inviteToken
          ? {
              inviteUrl: inviteUrl(result.inviteToken, req),
              inviteExpiresAt: result.inviteExpiresAt,
            }
          : {}),
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
        summary: 'Issue a new invitation link (also a password reset link)',
        params: IdParams,
        response: {
          200: z.object({ inviteUrl: z.string(), inviteExpiresAt: z.string() }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const admin = requireAdmin(req);
      const r = await reinvite(ctx, admin, req.params.id);
      return { inviteUrl: inviteUrl(r.inviteToken, req), inviteExpiresAt: r.inviteExpiresAt };
    },
  );
};
