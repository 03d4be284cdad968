/** Reading handoffs (one, an initiative's chain, what waits for me, what needs attention), and changing one. */
import type {
  Handoff,
  HandoffSummary,
  HandoffsAttention,
  HandoffsWaiting,
} from '../../../contracts/handoffs.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { notFound } from '../../http/problems.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { presentHandoffs, summarise, todayOf } from './handoffs.presenter.js';
import { type LoadedHandoff, loadHandoff, readableHandoffs } from './handoffs.repository.js';

/**
 * One change of a handoff, in a transaction with the handoff loaded for the actor (404 when
 * they may not read it); the answer is the handoff as the actor sees it afterwards.
 */
export async function changeHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: (trx: DbOrTrx, loaded: LoadedHandoff, now: Date) => Promise<void>,
): Promise<Handoff> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await change(trx, await loadHandoff(trx, actor, id), now);
  });
  return getHandoff(ctx, actor, id);
}

export async function getHandoff(ctx: AppContext, actor: Actor, id: string): Promise<Handoff> {
  const { row } = await loadHandoff(ctx.db.kysely, actor, id);
  const [h] = await presentHandoffs(ctx.db.kysely, actor, [row], ctx.now());
  if (!h) throw notFound('Handoff');
  return h;
}

/** The chain of an initiative's handoffs, in the order they were started. */
export async function listInitiativeHandoffs(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<Handoff[]> {
  await loadReadable(ctx.db.kysely, actor, initiativeId);
  const rows = await ctx.db.kysely
    .selectFrom('handoffs')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return presentHandoffs(ctx.db.kysely, actor, rows, ctx.now());
}

/** What waits for the actor: to receive, to answer, to (re)submit. */
export async function handoffsWaiting(ctx: AppContext, actor: Actor): Promise<HandoffsWaiting> {
  const rows = await readableHandoffs(ctx.db.kysely, actor)
    .where('h.state', 'in', ['draft', 'submitted', 'returned'])
    .where((eb) =>
      eb.or([
        eb('h.sender_id', '=', actor.id),
        eb('h.sender_deputy_id', '=', actor.id),
        eb('h.receiver_id', '=', actor.id),
        eb('h.receiver_deputy_id', '=', actor.id),
      ]),
    )
    .orderBy('h.due_date')
    .orderBy('h.created_at')
    .execute();
  const all = await presentHandoffs(ctx.db.kysely, actor, rows, ctx.now());
  const receiving = (h: Handoff) => h.myRole === 'receiver' || h.myRole === 'receiver_deputy';
  const sending = (h: Handoff) => h.myRole === 'sender' || h.myRole === 'sender_deputy';
  return {
    toReceive: all.filter((h) => h.state === 'submitted' && receiving(h)).map(summarise),
    toAnswer: all.filter((h) => h.questions.some((q) => q.canAnswer)).map(summarise),
    toResubmit: all
      .filter((h) => (h.state === 'returned' || h.state === 'draft') && sending(h))
      .map(summarise),
  };
}

/** Across the portfolio: overdue handoffs and those returned more than once. */
export async function handoffsAttention(ctx: AppContext, actor: Actor): Promise<HandoffsAttention> {
  const today = todayOf(ctx.now());
  const rows = await readableHandoffs(ctx.db.kysely, actor)
    .where((eb) =>
      eb.or([
        eb.and([eb('h.state', '=', 'submitted'), eb('h.due_date', '<', today)]),
        eb.and([eb('h.return_count', '>=', 2), eb('h.state', '!=', 'withdrawn')]),
      ]),
    )
    .orderBy('h.due_date')
    .execute();
  const all = (await presentHandoffs(ctx.db.kysely, actor, rows, ctx.now())).map(summarise);
  const byOverdue = (a: HandoffSummary, b: HandoffSummary) =>
    b.timings.overdueDays - a.timings.overdueDays;
  return {
    overdue: all.filter((h) => h.timings.overdue).sort(byOverdue),
    reworked: all
      .filter((h) => h.timings.returns >= 2)
      .sort((a, b) => b.timings.returns - a.timings.returns),
  };
}
