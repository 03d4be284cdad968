import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActivityQuery, AuditEvent } from '../../../contracts/audit.js';
import {
  AddMemberBody,
  CreateInitiativeBody,
  Initiative,
  InitiativeSummary,
  ListInitiativesQuery,
  MoveStageBody,
  UpdateInitiativeBody,
  UpdateMemberBody,
} from '../../../contracts/initiatives.js';
import { readCache } from '../../db/read-cache.js';
import { type CachedJson, cachedJson, sendCachedJson } from '../../http/cached-json.js';
import { requireUser, requireWriter } from '../../http/security.js';
import { IdParams, problems } from '../../http/schemas.js';
import {
  activityOf,
  createInitiative,
  getInitiative,
  listDepartments,
  listInitiatives,
  updateInitiative,
} from './initiatives.service.js';
import { addMember, removeMember, updateMember } from './members.service.js';
import { moveStage } from './stage-change.service.js';

const InitiativeList = z.array(InitiativeSummary);
const MemberParams = z.object({ id: z.string().min(1), userId: z.string().min(1) });

export const initiativeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['initiatives'];
  const listCache = readCache<CachedJson>(ctx.db, 'initiative-lists');

  app.get(
    '/initiatives',
    {
      schema: {
        tags,
        summary: 'Initiatives I may read, filtered',
        querystring: ListInitiativesQuery,
        response: { 200: InitiativeList, 304: z.null(), ...problems(400, 401) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      // The list is read far more often than written: serve it from a cache that any
      // write empties (see ReadCache), with its ETag and compressed forms. The first answer
      // passes the schema; a client that has this version gets 304 without a body.
      const scope = actor.role === 'admin' && req.query.mine !== 'true' ? '*' : actor.id;
      const key = `${scope}|${JSON.stringify(req.query)}`;
      const token = ctx.db.changeToken();
      const entry = await listCache.getOrLoad(key, token, async () =>
        cachedJson(
          JSON.stringify(InitiativeList.parse(await listInitiatives(ctx, actor, req.query))),
        ),
      );
      return sendCachedJson(req, reply, entry);
    },
  );
  app.get(
    '/departments',
    {
      schema: {
        tags,
        summary: 'Known departments (for filters and suggestions)',
        response: { 200: z.array(z.string()), ...problems(401) },
      },
    },
    async (req) => listDepartments(ctx, requireUser(req)),
  );
  app.post(
    '/initiatives',
    {
      schema: {
        tags,
        summary: 'Register an initiative (one AI/automation use case)',
        body: CreateInitiativeBody,
        response: { 201: Initiative, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createInitiative(ctx, requireWriter(req), req.body)),
  );
  app.get(
    '/initiatives/:id',
    {
      schema: {
        tags,
        summary: 'One initiative with members and my permissions',
        params: IdParams,
        response: { 200: Initiative, ...problems(401, 404) },
      },
    },
    async (req) => getInitiative(ctx, requireUser(req), req.params.id),
  );
  app.patch(
    '/initiatives/:id',
    {
      schema: {
        tags,
        summary: 'Change an initiative (send the version you read; 409 when it changed meanwhile)',
        params: IdParams,
        body: UpdateInitiativeBody,
        response: { 200: Initiative, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateInitiative(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/initiatives/:id/stage',
    {
      schema: {
        tags,
        summary:
          "Move to another stage, confirming the target stage's checklist (owners and deputies)",
        params: IdParams,
        body: MoveStageBody,
        response: { 200: Initiative, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => moveStage(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/initiatives/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member',
        params: IdParams,
        body: AddMemberBody,
        response: { 201: Initiative, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addMember(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.patch(
    '/initiatives/:id/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Initiative, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) =>
      updateMember(ctx, requireWriter(req), req.params.id, req.params.userId, req.body.role),
  );
  app.delete(
    '/initiatives/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member',
        params: MemberParams,
        response: { 200: Initiative, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => removeMember(ctx, requireWriter(req), req.params.id, req.params.userId),
  );
  app.get(
    '/initiatives/:id/activity',
    {
      schema: {
        tags: ['audit'],
        summary: "An initiative's activity feed, newest first",
        params: IdParams,
        querystring: ActivityQuery,
        response: { 200: z.array(AuditEvent), ...problems(401, 404) },
      },
    },
    async (req) => activityOf(ctx, requireUser(req), req.params.id, req.query),
  );
};
