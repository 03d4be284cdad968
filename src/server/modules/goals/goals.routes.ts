import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloseGoalBody,
  CreateGoalBody,
  Goal,
  GoalDetail,
  GoalVersionBody,
  ListGoalsQuery,
  SignGoalBody,
  UpdateGoalBody,
} from '../../../contracts/goals.js';
import { IdParams, problems } from '../../http/schemas.js';
import { requireUser, requireWriter } from '../../http/security.js';
// Loaded with the routes: goals mark themselves achieved when measurements arrive.
import './achievement.service.js';
import {
  createGoal,
  getGoal,
  listGoals,
  listInitiativeGoals,
  updateGoal,
} from './goals.service.js';
import { closeGoal, proposeGoal, signGoal } from './lifecycle.service.js';

export const goalRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['goals'];
  app.get(
    '/goals',
    {
      schema: {
        tags,
        summary:
          'Goals across the initiatives I may read; filter by status or by the side whose signature is missing',
        querystring: ListGoalsQuery,
        response: { 200: z.array(Goal), ...problems(400, 401) },
      },
    },
    async (req) => listGoals(ctx, requireUser(req), req.query),
  );
  app.get(
    '/initiatives/:id/goals',
    {
      schema: {
        tags,
        summary: "An initiative's goals with status and progress",
        params: IdParams,
        response: { 200: z.array(Goal), ...problems(401, 404) },
      },
    },
    async (req) => listInitiativeGoals(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/goals',
    {
      schema: {
        tags,
        summary: 'Start a goal (as a draft)',
        params: IdParams,
        body: CreateGoalBody,
        response: { 201: GoalDetail, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createGoal(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.get(
    '/goals/:id',
    {
      schema: {
        tags,
        summary: 'A goal with progress, signatures and version history',
        params: IdParams,
        response: { 200: GoalDetail, ...problems(401, 404) },
      },
    },
    async (req) => getGoal(ctx, requireUser(req), req.params.id),
  );
  app.patch(
    '/goals/:id',
    {
      schema: {
        tags,
        summary:
          'Change a goal; changing metric, baseline, target or due date of a proposed or agreed goal makes a new version and voids the signatures',
        params: IdParams,
        body: UpdateGoalBody,
        response: { 200: GoalDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateGoal(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/goals/:id/propose',
    {
      schema: {
        tags,
        summary: 'Propose a draft for signing (only when it is measurable)',
        params: IdParams,
        body: GoalVersionBody,
        response: { 200: GoalDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => proposeGoal(ctx, requireWriter(req), req.params.id, req.body.version),
  );
  app.post(
    '/goals/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Sign the current version for your side',
        params: IdParams,
        body: SignGoalBody,
        response: { 200: GoalDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      signGoal(ctx, requireWriter(req), req.params.id, req.body.version, req.body.side),
  );
  app.post(
    '/goals/:id/close',
    {
      schema: {
        tags,
        summary: 'Mark a goal missed (agreed goals) or dropped, with a reason',
        params: IdParams,
        body: CloseGoalBody,
        response: { 200: GoalDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => closeGoal(ctx, requireWriter(req), req.params.id, req.body),
  );
};
