/**
 * A person's inbox: their notifications (only of things they may still read), the unread
 * count, marking read, and their choice per kind (inbox, email, off).
 */
import type {
  Notification,
  NotificationList,
  NotificationPreferences,
} from '../../../contracts/conversation.js';
import {
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../../../domain/conversation.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { notFound } from '../../http/problems.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { personRefs } from '../people/people.service.js';
import { channelsOf } from './notifications.repository.js';

export { NOTIFICATIONS_CREATED } from './notifications.repository.js';

function mine(db: DbOrTrx, actor: Actor) {
  return db
    .selectFrom('notifications as n')
    .where('n.user_id', '=', actor.id)
    .where((eb) =>
      eb.or([
        eb('n.initiative_id', 'is', null),
        eb('n.initiative_id', 'in', readableInitiativeIds(db, actor)),
      ]),
    );
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<number> {
  const row = await mine(ctx.db.kysely, actor)
    .where('n.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { unread?: 'true' | 'false' | undefined; limit: number },
): Promise<NotificationList> {
  const db = ctx.db.kysely;
  let q = mine(db, actor).selectAll('n');
  if (query.unread === 'true') q = q.where('n.read_at', 'is', null);
  const rows = await q
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(query.limit)
    .execute();
  const people = await personRefs(
    db,
    rows.map((r) => r.actor_id),
  );
  const items: Notification[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    excerpt: r.excerpt,
    link: r.link,
    actor: r.actor_id ? (people.get(r.actor_id) ?? null) : null,
    createdAt: r.created_at,
    readAt: r.read_at,
    emailStatus: r.email_status,
  }));
  return { items, unread: await unreadCount(ctx, actor) };
}

export async function markRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const result = await ctx.db.kysely
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(ctx.now().toISOString())) }))
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Notification');
}

export async function markAllRead(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.kysely
    .updateTable('notifications')
    .set({ read_at: ctx.now().toISOString() })
    .where('user_id', '=', actor.id)
    .where('read_at', 'is', null)
    .execute();
}

export async function getPreferences(
  ctx: AppContext,
  actor: Actor,
): Promise<NotificationPreferences> {
  const channels = (await channelsOf(ctx.db.kysely, [actor.id])).get(actor.id);
  return {
    emailAvailable: ctx.config.smtp !== undefined,
    channels: channels as Record<NotificationKind, NotificationChannel>,
  };
}

export async function updatePreferences(
  ctx: AppContext,
  actor: Actor,
  body: { channels: Partial<Record<NotificationKind, NotificationChannel>> },
): Promise<NotificationPreferences> {
  const at = ctx.now().toISOString();
  const rows = NOTIFICATION_KINDS.flatMap((kind) => {
    const channel = body.channels[kind];
    return channel ? [{ user_id: actor.id, kind, channel, updated_at: at }] : [];
  });
  if (rows.length)
    await ctx.db.kysely
      .insertInto('notification_preferences')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
          channel: eb.ref('excluded.channel'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  return getPreferences(ctx, actor);
}
