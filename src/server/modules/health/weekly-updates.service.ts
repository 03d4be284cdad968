/** The owners' weekly updates: each side's view of the week, one per side and ISO week. */
import type {
  WeeklyUpdate,
  WeeklyUpdates,
  WriteWeeklyUpdateBody,
} from '../../../contracts/weekly-updates.js';
import { localDay } from '../../../domain/periods.js';
import type { Side } from '../../../domain/sides.js';
import { isoWeekOf, sidesWrittenBy } from '../../../domain/weekly-updates.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import { dialectOf, lockWrite } from '../../db/dialect.js';
import { forbidden } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { knownPerson } from '../../../domain/people.js';
import { COMPANY_TIME_ZONE } from './facts-common.repository.js';

type Who = Pick<Actor, 'id' | 'role'>;

const HISTORY_WEEKS = 12;

/** The current ISO week in the company's zone. */
export const currentWeek = (now: Date): string =>
  isoWeekOf(localDay(now.getTime(), COMPANY_TIME_ZONE));

const updateColumns = (db: DbOrTrx) =>
  db
    .selectFrom('weekly_updates as w')
    .leftJoin('users as u', 'u.id', 'w.author_id')
    .select([
      'w.id',
      'w.initiative_id',
      'w.side',
      'w.week',
      'w.owner_view',
      'w.text',
      'w.written_at',
      'u.id as author_id',
      'u.name as author_name',
      'u.side as author_side',
      'u.department as author_department',
    ]);

async function updateRows(db: DbOrTrx, initiativeId: string) {
  return updateColumns(db)
    .where('w.initiative_id', '=', initiativeId)
    .orderBy('w.week', 'desc')
    .orderBy('w.side')
    .limit(HISTORY_WEEKS * 2)
    .execute();
}

function presentUpdate(r: Awaited<ReturnType<typeof updateRows>>[number]): WeeklyUpdate {
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    side: r.side,
    week: r.week,
    view: r.owner_view,
    text: r.text,
    author: knownPerson(r.author_id, r.author_name, r.author_side, r.author_department ?? null),
    writtenAt: r.written_at,
  };
}

/**
 * Each side's latest update of many initiatives (the status report), in one statement per
 * 500 ids instead of one per initiative. The caller has checked that the person may read
 * them (the ids come from the portfolio).
 */
export async function latestWeeklyUpdatesOf(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<Map<string, Record<Side, WeeklyUpdate | null>>> {
  const out = new Map<string, Record<Side, WeeklyUpdate | null>>();
  for (const id of ids) out.set(id, { business: null, it: null });
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await updateColumns(db)
      .where('w.initiative_id', 'in', ids.slice(i, i + 500))
      .where((eb) =>
        eb(
          'w.week',
          '=',
          eb
            .selectFrom('weekly_updates as newer')
            .select((n) => n.fn.max('newer.week').as('week'))
            .whereRef('newer.initiative_id', '=', 'w.initiative_id')
            .whereRef('newer.side', '=', 'w.side'),
        ),
      )
      .execute();
    for (const r of rows) {
      const entry = out.get(r.initiative_id);
      if (entry) entry[r.side] = presentUpdate(r);
    }
  }
  return out;
}

/** GET /api/initiatives/:id/weekly-updates. */
export async function listWeeklyUpdates(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
): Promise<WeeklyUpdates> {
  const { row } = await loadReadable(ctx.db.kysely, actor, initiativeId);
  const history = (await updateRows(ctx.db.kysely, initiativeId)).map(presentUpdate);
  const latest = (side: Side) => history.find((u) => u.side === side) ?? null;
  return {
    latest: { business: latest('business'), it: latest('it') },
    currentWeek: currentWeek(ctx.now()),
    canWrite: actor.role === 'viewer' ? [] : sidesWrittenBy(row, actor.id),
    history,
  };
}

/**
 * POST /api/initiatives/:id/weekly-updates: the owner (or deputy) of a side writes that
 * side's view for this week; writing again the same week replaces it (audited as replaced).
 */
export async function writeWeeklyUpdate(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: WriteWeeklyUpdateBody,
): Promise<WeeklyUpdates> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadReadable(trx, actor, initiativeId);
    if (!sidesWrittenBy(row, actor.id).includes(body.side))
      throw forbidden(
        body.side === 'business'
          ? 'Only the business owner or their deputy writes the business side’s weekly update'
          : 'Only the IT owner or their deputy writes the IT side’s weekly update',
      );
    const week = currentWeek(now);
    const at = now.toISOString();
    // One writer of this side's update of this week at a time: the next one reads this one's
    // row (replaced, with it as "before"), never a missing row or an older text.
    await lockWrite[dialectOf(trx)](trx, 'weeklyUpdate', `${initiativeId}|${body.side}|${week}`);
    const before = await trx
      .selectFrom('weekly_updates')
      .select(['id', 'owner_view', 'text', 'author_id', 'written_at'])
      .where('initiative_id', '=', initiativeId)
      .where('side', '=', body.side)
      .where('week', '=', week)
      .executeTakeFirst();
    const id = before?.id ?? newId();
    const values = {
      owner_view: body.view,
      text: body.text,
      author_id: actor.id,
      written_at: at,
    };
    await trx
      .insertInto('weekly_updates')
      .values({ id, initiative_id: initiativeId, side: body.side, week, ...values })
      .onConflict((oc) => oc.columns(['initiative_id', 'side', 'week']).doUpdateSet(values))
      .execute();
    const after = { side: body.side, week, view: body.view, text: body.text };
    await record(
      trx,
      actor.id,
      now,
      entity('weekly_update', id, initiativeId),
      before ? 'weekly_update.replaced' : 'weekly_update.written',
      before
        ? {
            before: {
              side: body.side,
              week,
              view: before.owner_view,
              text: before.text,
              authorId: before.author_id,
              writtenAt: before.written_at,
            },
            after,
          }
        : { after },
    );
  });
  return listWeeklyUpdates(ctx, actor, initiativeId);
}
