import {
  DEFAULT_CHANNEL,
  type NotificationChannel,
  type NotificationKind,
} from '../../../domain/conversation.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newSortableId } from '../../db/ids.js';
import { publish } from '../../events/publish.js';
import { readersAmong } from './subjects.repository.js';

/** What a subscriber or a job wants a person to know. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /** The domain event (or the job's key for the period): a retry never notifies twice. */
  eventId: string;
  initiativeId: string | null;
  subjectType: string;
  subjectId: string;
  link: string;
  title: string;
  excerpt: string | null;
  actorId: string | null;
}

/** The event that asks the email subscriber to send one notification. */
export const EMAIL_REQUESTED = 'notification.email_requested';
/**
 * New notifications were put in these people's inboxes (data: `{ userIds }`): one event per
 * batch, so open tabs update their bell at once (the live module relays it to the people
 * themselves only).
 */
export const NOTIFICATIONS_CREATED = 'notification.created';

/** Each person's channel per kind (their choice, else the default). */
export async function channelsOf(
  db: DbOrTrx,
  userIds: readonly string[],
): Promise<Map<string, Record<NotificationKind, NotificationChannel>>> {
  const rows = userIds.length
    ? await db
        .selectFrom('notification_preferences')
        .select(['user_id', 'kind', 'channel'])
        .where('user_id', 'in', [...new Set(userIds)])
        .execute()
    : [];
  const result = new Map<string, Record<NotificationKind, NotificationChannel>>();
  for (const id of userIds) result.set(id, { ...DEFAULT_CHANNEL });
  for (const r of rows) {
    const channels = result.get(r.user_id);
    if (channels && r.kind in DEFAULT_CHANNEL) channels[r.kind] = r.channel;
  }
  return result;
}

/**
 * Creates the notifications in the caller's transaction, once per (event, person, kind):
 * only for people who may read the item, never for the person who did it, not for kinds
 * they switched off. Those who want email get a follow-up event for the email subscriber
 * (when SMTP is configured). Returns how many were created.
 */
export async function createNotifications(
  trx: DbOrTrx,
  ctx: AppContext,
  drafts: readonly NotificationDraft[],
  now: Date,
): Promise<number> {
  const wanted = drafts.filter((d) => d.userId !== d.actorId);
  if (wanted.length === 0) return 0;
  const readers = new Map<string, Set<string>>();
  for (const initiativeId of new Set(wanted.map((d) => d.initiativeId))) {
    if (initiativeId === null) continue;
    readers.set(
      initiativeId,
      await readersAmong(
        trx,
        initiativeId,
        wanted.filter((d) => d.initiativeId === initiativeId).map((d) => d.userId),
      ),
    );
  }
  const channels = await channelsOf(
    trx,
    wanted.map((d) => d.userId),
  );
  let created = 0;
  const recipients = new Set<string>();
  let firstId: string | undefined;
  const seen = new Set<string>();
  for (const d of wanted) {
    const key = `${d.eventId} ${d.userId} ${d.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.initiativeId !== null && !readers.get(d.initiativeId)?.has(d.userId)) continue;
    const channel = channels.get(d.userId)?.[d.kind] ?? DEFAULT_CHANNEL[d.kind];
    if (channel === 'off') continue;
    const byEmail = channel === 'email' && ctx.config.smtp !== undefined;
    const id = newSortableId();
    const inserted = await trx
      .insertInto('notifications')
      .values({
        id,
        user_id: d.userId,
        kind: d.kind,
        event_id: d.eventId,
        initiative_id: d.initiativeId,
        subject_type: d.subjectType,
        subject_id: d.subjectId,
        link: d.link,
        title: d.title,
        excerpt: d.excerpt,
        actor_id: d.actorId,
        created_at: now.toISOString(),
        read_at: null,
        email_status: byEmail ? 'pending' : 'none',
        email_error: null,
      })
      .onConflict((oc) => oc.columns(['event_id', 'user_id', 'kind']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    created += 1;
    recipients.add(d.userId);
    firstId ??= id;
    if (byEmail)
      await publish(trx, {
        type: EMAIL_REQUESTED,
        entityType: 'notification',
        entityId: id,
        initiativeId: null,
        actorId: null,
        data: { notificationId: id },
        at: now,
      });
  }
  if (firstId)
    await publish(trx, {
      type: NOTIFICATIONS_CREATED,
      entityType: 'notification',
      entityId: firstId,
      initiativeId: null,
      actorId: null,
      data: { userIds: [...recipients] },
      at: now,
    });
  return created;
}
