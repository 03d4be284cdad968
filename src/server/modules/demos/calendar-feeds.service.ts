import type { CalendarFeed } from '../../../contracts/demos.js';
import type { Actor, AppContext } from '../../context.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { listFeeds } from './calendar.service.js';

/**
 * My active feed links. A feed of one initiative is listed only while I may still read that
 * initiative: taken off a members-only team, I no longer see its title here (the feed itself
 * answers 404 meanwhile, and works again if I am put back on the team).
 */
export async function listMyFeeds(ctx: AppContext, actor: Actor): Promise<CalendarFeed[]> {
  const feeds = await listFeeds(ctx, actor);
  const ids = feeds.flatMap((f) => (f.initiative ? [f.initiative.id] : []));
  if (ids.length === 0) return feeds;
  const db = ctx.db.kysely;
  const readable = new Set(
    (
      await db
        .selectFrom('initiatives')
        .select('id')
        .where('id', 'in', ids)
        .where('id', 'in', readableInitiativeIds(db, actor))
        .execute()
    ).map((r) => r.id),
  );
  return feeds.filter((f) => f.initiative === null || readable.has(f.initiative.id));
}
