import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  NotificationList,
  NotificationPreferences,
  NotificationsQuery,
  UnreadCount,
  UpdatePreferencesBody,
} from '../../../contracts/conversation.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import { requireUser } from '../../http/security.js';
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  unreadCount,
  updatePreferences,
} from './notifications.service.js';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationsQuery,
        response: { 200: NotificationList, ...problems(400, 401) },
      },
    },
    async (req) => listNotifications(ctx, requireUser(req), req.query),
  );
  app.get(
    '/notifications/unread',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread (the bell)',
        response: { 200: UnreadCount, ...problems(401) },
      },
    },
    async (req) => ({ unread: await unreadCount(ctx, requireUser(req)) }),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      await markRead(ctx, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 204: NoContent, ...problems(401) },
      },
    },
    async (req, reply) => {
      await markAllRead(ctx, requireUser(req));
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Where each kind of notification goes for me, and whether email is available',
        response: { 200: NotificationPreferences, ...problems(401) },
      },
    },
    async (req) => getPreferences(ctx, requireUser(req)),
  );
  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Choose inbox, email or off per kind of notification',
        body: UpdatePreferencesBody,
        response: { 200: NotificationPreferences, ...problems(400, 401, 422) },
      },
    },
    async (req) => updatePreferences(ctx, requireUser(req), req.body),
  );
};
