import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Channel,
  ChannelDeliveriesQuery,
  ChannelDelivery,
  ChannelTargetSettings,
  CreateChannelBody,
  CreatedChannel,
  UpdateChannelBody,
} from '../../../contracts/channels.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import { requireAdmin, requireUser, requireWriter } from '../../http/security.js';
import {
  createChannel,
  deleteChannel,
  listAllDeliveries,
  listChannelDeliveries,
  listChannels,
  loadTargetRules,
  sendTest,
  updateChannel,
  updateTargetRules,
} from './channels.service.js';

export const channelRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['channels'];

  app.get(
    '/initiatives/:id/channels',
    {
      schema: {
        tags,
        summary: "An initiative's chat channels (owners, deputies, admins)",
        params: IdParams,
        response: { 200: z.array(Channel), ...problems(401, 403, 404) },
      },
    },
    async (req) => listChannels(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/channels',
    {
      schema: {
        tags,
        summary:
          'Add a chat channel to an initiative; a signed webhook answers with its secret, once',
        params: IdParams,
        body: CreateChannelBody,
        response: { 201: CreatedChannel, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createChannel(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.get(
    '/channels/workspace',
    {
      schema: {
        tags,
        summary: 'The chat channels for every initiative (admin)',
        response: { 200: z.array(Channel), ...problems(401, 403) },
      },
    },
    async (req) => listChannels(ctx, requireAdmin(req), null),
  );
  app.post(
    '/channels/workspace',
    {
      schema: {
        tags,
        summary: 'Add a chat channel for every initiative (admin)',
        body: CreateChannelBody,
        response: { 201: CreatedChannel, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createChannel(ctx, requireAdmin(req), null, req.body)),
  );
  app.patch(
    '/channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel: name, target, events, language, on/off',
        params: IdParams,
        body: UpdateChannelBody,
        response: { 200: Channel, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateChannel(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.delete(
    '/channels/:id',
    {
      schema: {
        tags,
        summary: 'Remove a channel (its delivery attempts go with it)',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteChannel(ctx, requireWriter(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/channels/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message (delivered in the background; see the deliveries)',
        params: IdParams,
        response: { 202: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await sendTest(ctx, requireWriter(req), req.params.id);
      return reply.status(202).send(null);
    },
  );
  app.get(
    '/channels/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A channel's latest delivery attempts, newest first",
        params: IdParams,
        querystring: ChannelDeliveriesQuery,
        response: { 200: z.array(ChannelDelivery), ...problems(401, 403, 404) },
      },
    },
    async (req) => listChannelDeliveries(ctx, requireUser(req), req.params.id, req.query.limit),
  );
  app.get(
    '/admin/channel-deliveries',
    {
      schema: {
        tags,
        summary: "Every channel's latest delivery attempts (admin)",
        querystring: ChannelDeliveriesQuery,
        response: { 200: z.array(ChannelDelivery), ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return listAllDeliveries(ctx, req.query.limit);
    },
  );
  app.get(
    '/settings/channel-targets',
    {
      schema: {
        tags,
        summary: 'Whether channels may reach private addresses or plain http (admin)',
        response: { 200: ChannelTargetSettings, ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return loadTargetRules(ctx.db.kysely);
    },
  );
  app.put(
    '/settings/channel-targets',
    {
      schema: {
        tags,
        summary: 'Allow or forbid private and plain-http channel targets (admin, recorded)',
        body: ChannelTargetSettings,
        response: { 200: ChannelTargetSettings, ...problems(400, 401, 403) },
      },
    },
    async (req) => updateTargetRules(ctx, requireAdmin(req), req.body),
  );
};
