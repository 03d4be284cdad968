import type { DbOrTrx } from '../../db/connect.js';
import type { ChannelDeliveriesTable, ChannelsTable } from '../../db/schema.js';

export type ChannelRow = ChannelsTable;

export const findChannel = (db: DbOrTrx, id: string): Promise<ChannelRow | undefined> =>
  db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();

/** The channels of one initiative, or the workspace's (`null`), oldest first. */
export const listChannelRows = (db: DbOrTrx, initiativeId: string | null): Promise<ChannelRow[]> =>
  db
    .selectFrom('channels')
    .selectAll()
    .where((eb) =>
      initiativeId === null
        ? eb('initiative_id', 'is', null)
        : eb('initiative_id', '=', initiativeId),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Enabled channels an event of this initiative may go to: its own and the workspace's. */
export const channelsFor = (db: DbOrTrx, initiativeId: string | null): Promise<ChannelRow[]> =>
  db
    .selectFrom('channels')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) =>
      initiativeId === null
        ? eb('initiative_id', 'is', null)
        : eb.or([eb('initiative_id', 'is', null), eb('initiative_id', '=', initiativeId)]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export type DeliveryRow = ChannelDeliveriesTable & {
  channel_name: string;
  initiative_id: string | null;
};

/** Latest attempts first: of one channel, or of every channel (admins). */
export const listDeliveryRows = (
  db: DbOrTrx,
  channelId: string | null,
  limit: number,
): Promise<DeliveryRow[]> =>
  db
    .selectFrom('channel_deliveries as d')
    .innerJoin('channels as c', 'c.id', 'd.channel_id')
    .selectAll('d')
    .select(['c.name as channel_name', 'c.initiative_id'])
    .$if(channelId !== null, (q) => q.where('d.channel_id', '=', channelId!))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();

/** What a message says about its event: the initiative's title, the item's, the actor's name. */
export async function messageFacts(
  db: DbOrTrx,
  e: { initiativeId: string | null; entityType: string; entityId: string; actorId: string | null },
): Promise<{ initiative: string | null; item: string | null; actor: string | null }> {
  const initiative = e.initiativeId
    ? await db
        .selectFrom('initiatives')
        .select('title')
        .where('id', '=', e.initiativeId)
        .executeTakeFirst()
    : undefined;
  const actor = e.actorId
    ? await db.selectFrom('users').select('name').where('id', '=', e.actorId).executeTakeFirst()
    : undefined;
  let item: string | null = null;
  if (e.entityType === 'goal')
    item =
      (
        await db
          .selectFrom('goals')
          .select('statement')
          .where('id', '=', e.entityId)
          .executeTakeFirst()
      )?.statement ?? null;
  else if (e.entityType === 'handoff')
    item =
      (
        await db
          .selectFrom('handoffs')
          .select('title')
          .where('id', '=', e.entityId)
          .executeTakeFirst()
      )?.title ?? null;
  return { initiative: initiative?.title ?? null, item, actor: actor?.name ?? null };
}
