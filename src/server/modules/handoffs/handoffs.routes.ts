import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerQuestionBody,
  AskQuestionBody,
  CreateHandoffBody,
  Handoff,
  HandoffsAttention,
  HandoffsWaiting,
  HandoffVersionBody,
  HighRiskChecklist,
  QuestionParams,
  ReturnHandoffBody,
  UpdateHandoffBody,
  UpdateHighRiskChecklistBody,
  WithdrawHandoffBody,
} from '../../../contracts/handoffs.js';
import { IdParams, problems } from '../../http/schemas.js';
import { requireAdmin, requireUser, requireWriter } from '../../http/security.js';
import { createHandoff, updateHandoff } from './drafts.service.js';
import {
  getHandoff,
  handoffsAttention,
  handoffsWaiting,
  listInitiativeHandoffs,
} from './handoffs.service.js';
import { answerQuestion, askQuestion, withdrawQuestion } from './questions.service.js';
import {
  acceptHandoff,
  returnHandoff,
  submitHandoff,
  withdrawHandoff,
} from './transitions.service.js';
import { loadHighRiskChecklist, updateHighRiskChecklist } from './high-risk.service.js';

export const handoffRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['handoffs'];
  const act = { 200: Handoff, ...problems(400, 401, 403, 404, 409, 422) };

  app.get(
    '/initiatives/:id/handoffs',
    {
      schema: {
        tags,
        summary: "An initiative's handoffs along its stages, in the order they were started",
        params: IdParams,
        response: { 200: z.array(Handoff), ...problems(401, 404) },
      },
    },
    async (req) => listInitiativeHandoffs(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/handoffs',
    {
      schema: {
        tags,
        summary:
          'Start a handoff (as a draft): to another stage, or within the stage to the other side',
        params: IdParams,
        body: CreateHandoffBody,
        response: { 201: Handoff, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createHandoff(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.get(
    '/handoffs/mine',
    {
      schema: {
        tags,
        summary: 'Handoffs waiting for me: to receive, to answer, to (re)submit',
        response: { 200: HandoffsWaiting, ...problems(401) },
      },
    },
    async (req) => handoffsWaiting(ctx, requireUser(req)),
  );
  app.get(
    '/handoffs/attention',
    {
      schema: {
        tags,
        summary: 'Across the portfolio: overdue handoffs and handoffs returned more than once',
        response: { 200: HandoffsAttention, ...problems(401) },
      },
    },
    async (req) => handoffsAttention(ctx, requireUser(req)),
  );
  app.get(
    '/handoffs/:id',
    {
      schema: {
        tags,
        summary: 'A handoff with deliverables, checklist, questions, timeline and timings',
        params: IdParams,
        response: { 200: Handoff, ...problems(401, 404) },
      },
    },
    async (req) => getHandoff(ctx, requireUser(req), req.params.id),
  );
  app.patch(
    '/handoffs/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft or a returned handoff (sender or deputy)',
        params: IdParams,
        body: UpdateHandoffBody,
        response: act,
      },
    },
    async (req) => updateHandoff(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/handoffs/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit, or resubmit after a return (every mandatory checklist item checked)',
        params: IdParams,
        body: HandoffVersionBody,
        response: act,
      },
    },
    async (req) => submitHandoff(ctx, requireWriter(req), req.params.id, req.body.version),
  );
  app.post(
    '/handoffs/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Accept (receiver or deputy; no open questions); a stage handoff moves the initiative into its target stage',
        params: IdParams,
        body: HandoffVersionBody,
        response: act,
      },
    },
    async (req) => acceptHandoff(ctx, requireWriter(req), req.params.id, req.body.version),
  );
  app.post(
    '/handoffs/:id/return',
    {
      schema: {
        tags,
        summary: 'Return to the sender with a reason and the checklist items that failed',
        params: IdParams,
        body: ReturnHandoffBody,
        response: act,
      },
    },
    async (req) => returnHandoff(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/handoffs/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a handoff that is not accepted yet (sender or deputy)',
        params: IdParams,
        body: WithdrawHandoffBody,
        response: act,
      },
    },
    async (req) => withdrawHandoff(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/handoffs/:id/questions',
    {
      schema: {
        tags,
        summary: 'Ask the other side a clarification question (blocks acceptance until closed)',
        params: IdParams,
        body: AskQuestionBody,
        response: act,
      },
    },
    async (req) => askQuestion(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/handoffs/:id/questions/:questionId/answer',
    {
      schema: {
        tags,
        summary: 'Answer a question the other side asked',
        params: QuestionParams,
        body: AnswerQuestionBody,
        response: act,
      },
    },
    async (req) =>
      answerQuestion(ctx, requireWriter(req), req.params.id, req.params.questionId, req.body),
  );
  app.post(
    '/handoffs/:id/questions/:questionId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a question your side asked',
        params: QuestionParams,
        body: HandoffVersionBody,
        response: act,
      },
    },
    async (req) =>
      withdrawQuestion(ctx, requireWriter(req), req.params.id, req.params.questionId, req.body),
  );
  app.get(
    '/settings/high-risk-checklist',
    {
      schema: {
        tags,
        summary: 'The extra checklist items high-risk initiatives get on every stage handoff',
        response: { 200: HighRiskChecklist, ...problems(401) },
      },
    },
    async (req) => {
      requireUser(req);
      return loadHighRiskChecklist(ctx.db.kysely);
    },
  );
  app.put(
    '/settings/high-risk-checklist',
    {
      schema: {
        tags,
        summary: 'Set the extra checklist for high-risk initiatives (admin)',
        body: UpdateHighRiskChecklistBody,
        response: { 200: HighRiskChecklist, ...problems(400, 401, 403, 422) },
      },
    },
    async (req) => updateHighRiskChecklist(ctx, requireAdmin(req), req.body),
  );
};
