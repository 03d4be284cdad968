import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateStageBody,
  ReorderStagesBody,
  Stage,
  UpdateStageBody,
} from '../../../contracts/stages.js';
import { requireAdmin, requireUser } from '../../http/security.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import {
  createStage,
  deleteStage,
  listStages,
  reorderStages,
  updateStage,
} from './stages.service.js';

export const stageRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/stages',
    {
      schema: {
        tags: ['stages'],
        summary: 'The lifecycle stages in order',
        response: { 200: z.array(Stage), ...problems(401) },
      },
    },
    async (req) => listStages(ctx.db.kysely, requireUser(req)),
  );
  app.post(
    '/stages',
    {
      schema: {
        tags: ['stages'],
        summary: 'Add a stage (admin)',
        body: CreateStageBody,
        response: { 201: Stage, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createStage(ctx, requireAdmin(req), req.body)),
  );
  app.put(
    '/stages/order',
    {
      schema: {
        tags: ['stages'],
        summary: 'Reorder all stages (admin)',
        body: ReorderStagesBody,
        response: { 200: z.array(Stage), ...problems(400, 401, 403, 422) },
      },
    },
    async (req) => reorderStages(ctx, requireAdmin(req), req.body.ids),
  );
  app.patch(
    '/stages/:id',
    {
      schema: {
        tags: ['stages'],
        summary: 'Rename a stage, change its side or checklist (admin)',
        params: IdParams,
        body: UpdateStageBody,
        response: { 200: Stage, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => updateStage(ctx, requireAdmin(req), req.params.id, req.body),
  );
  app.delete(
    '/stages/:id',
    {
      schema: {
        tags: ['stages'],
        summary: 'Delete an unused stage (admin)',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteStage(ctx, requireAdmin(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
