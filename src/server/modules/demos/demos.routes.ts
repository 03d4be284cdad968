import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActionBody,
  AddFeedbackBody,
  CalendarFeed,
  CreateFeedBody,
  DemoOverview,
  HeldDemo,
  MoveOccurrenceBody,
  NewCalendarFeed,
  OccurrenceReasonBody,
  RecordDemoBody,
  SetCadenceBody,
  UpdateActionBody,
} from '../../../contracts/demos.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import { requireUser, requireWriter } from '../../http/security.js';
import { listMyFeeds } from './calendar-feeds.service.js';
import { createFeed, FEED_HEADERS, renderFeed, revokeFeed } from './calendar.service.js';
import { setCadence } from './cadence.service.js';
import { addFeedback, makeAction, updateAction } from './feedback.service.js';
import {
  cancelOccurrence,
  getOccurrence,
  moveOccurrence,
  skipOccurrence,
} from './occurrences.service.js';
import { getOverview } from './overview.service.js';
import { recordDemo } from './records.service.js';

export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['demos'];
  app.get(
    '/initiatives/:id/demos',
    {
      schema: {
        tags,
        summary:
          "An initiative's demo cadence, upcoming and past occurrences, open action items and adherence",
        params: IdParams,
        response: { 200: DemoOverview, ...problems(401, 404) },
      },
    },
    async (req) => getOverview(ctx, requireUser(req), req.params.id),
  );
  app.put(
    '/initiatives/:id/demo-cadence',
    {
      schema: {
        tags,
        summary:
          'Set the demo cadence; untouched future occurrences follow the new rule, moved and past ones stay',
        params: IdParams,
        body: SetCadenceBody,
        response: { 200: DemoOverview, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => setCadence(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.get(
    '/demos/:id',
    {
      schema: {
        tags,
        summary: 'One occurrence; when held: attendance, votes, what was shown, feedback',
        params: IdParams,
        response: { 200: HeldDemo, ...problems(401, 404) },
      },
    },
    async (req) => getOccurrence(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/demos/:id/move',
    {
      schema: {
        tags,
        summary: 'Move one occurrence (local date and time), with a reason',
        params: IdParams,
        body: MoveOccurrenceBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => moveOccurrence(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/demos/:id/skip',
    {
      schema: {
        tags,
        summary: 'Skip one occurrence with a reason (it does not count as overdue)',
        params: IdParams,
        body: OccurrenceReasonBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => skipOccurrence(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/demos/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one occurrence with a reason (it leaves the plan)',
        params: IdParams,
        body: OccurrenceReasonBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => cancelOccurrence(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/demos/:id/record',
    {
      schema: {
        tags,
        summary:
          'Record a held demo: presenter, attendees with their 1–5 confidence votes, notes, links, goals, feedback',
        params: IdParams,
        body: RecordDemoBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => recordDemo(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/demos/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Add a feedback item (praise, concern, idea, defect) to a held demo',
        params: IdParams,
        body: AddFeedbackBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => addFeedback(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/demo-feedback/:id/action',
    {
      schema: {
        tags,
        summary: 'Make a feedback item an action item with an owner and a due date',
        params: IdParams,
        body: ActionBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => makeAction(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.patch(
    '/demo-feedback/:id/action',
    {
      schema: {
        tags,
        summary: "Change an action item's owner, due date or status",
        params: IdParams,
        body: UpdateActionBody,
        response: { 200: HeldDemo, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateAction(ctx, requireWriter(req), req.params.id, req.body),
  );

  app.get(
    '/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'My active calendar feed links (the secret itself is shown only when created)',
        response: { 200: z.array(CalendarFeed), ...problems(401) },
      },
    },
    async (req) => listMyFeeds(ctx, requireUser(req)),
  );
  app.post(
    '/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'Create (or reset) my secret calendar feed link: all my demos, or one initiative',
        body: CreateFeedBody,
        response: { 201: NewCalendarFeed, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .headers(FEED_HEADERS)
        .send(await createFeed(ctx, requireUser(req), req.body.initiativeId ?? null)),
  );
  app.delete(
    '/calendar-feeds/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a calendar feed link',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      await revokeFeed(ctx, requireUser(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/calendar/:file',
    {
      schema: {
        tags,
        summary:
          'iCalendar feed behind a secret token (read-only, no session needed); 404 when revoked or no longer allowed',
        security: [],
        params: z.object({ file: z.string() }),
      },
    },
    async (req, reply) => {
      const body = await renderFeed(ctx, req.params.file);
      return reply
        .headers(FEED_HEADERS)
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="tandem-demos.ics"')
        .send(body);
    },
  );
};
