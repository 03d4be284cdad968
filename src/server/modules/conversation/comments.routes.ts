import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PersonRef } from '../../../contracts/common.js';
import {
  Comment,
  CommentParams,
  CreateCommentBody,
  UpdateCommentBody,
} from '../../../contracts/conversation.js';
import { IdParams, problems } from '../../http/schemas.js';
import { requireUser, requireWriter } from '../../http/security.js';
import {
  addComment,
  deleteComment,
  editComment,
  listComments,
  mentionCandidates,
} from './comments.service.js';

export const commentRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['comments'];

  app.get(
    '/comments/:type/:id',
    {
      schema: {
        tags,
        summary: 'The comments on a thing of an initiative, oldest first',
        params: CommentParams,
        response: { 200: z.array(Comment), ...problems(400, 401, 404) },
      },
    },
    async (req) => listComments(ctx, requireUser(req), req.params.type, req.params.id),
  );
  app.get(
    '/comments/:type/:id/people',
    {
      schema: {
        tags,
        summary: 'People who may read the thing and can therefore be mentioned',
        params: CommentParams,
        querystring: z.object({ q: z.string().max(100).default('') }),
        response: { 200: z.array(PersonRef), ...problems(400, 401, 404) },
      },
    },
    async (req) =>
      mentionCandidates(ctx, requireUser(req), req.params.type, req.params.id, req.query.q),
  );
  app.post(
    '/comments/:type/:id',
    {
      schema: {
        tags,
        summary: 'Comment (Markdown); the people mentioned are notified',
        params: CommentParams,
        body: CreateCommentBody,
        response: { 201: Comment, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const comment = await addComment(
        ctx,
        requireWriter(req),
        req.params.type,
        req.params.id,
        req.body,
      );
      return reply.code(201).send(comment);
    },
  );
  app.patch(
    '/comments/:id',
    {
      schema: {
        tags,
        summary: 'Change one’s comment; the earlier text is kept',
        params: IdParams,
        body: UpdateCommentBody,
        response: { 200: Comment, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => editComment(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.delete(
    '/comments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a comment (author or admin); it keeps its place without its text',
        params: IdParams,
        response: { 200: Comment, ...problems(401, 403, 404) },
      },
    },
    async (req) => deleteComment(ctx, requireWriter(req), req.params.id),
  );
};
