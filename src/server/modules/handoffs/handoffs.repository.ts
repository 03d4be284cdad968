/**
 * Queries of the handoffs module: loading what the actor may read, writing with a version
 * check, the event log.
 */
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { HandoffsTable } from '../../db/schema.js';
import { notFound } from '../../http/problems.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import { updateVersioned } from '../../db/versioned.js';

export async function loadHandoff(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Handoff');
  const access = await loadReadable(db, actor, row.initiative_id, 'Handoff');
  // The actor as a party of the handoff, judged by their membership now (see roleIn).
  const party = { id: actor.id, role: actor.role, memberRole: access.facts.memberRole };
  return { row, access, party };
}
export type LoadedHandoff = Awaited<ReturnType<typeof loadHandoff>>;

/** Writes the change only if nobody else did meanwhile. */
export async function writeHandoff(
  trx: DbOrTrx,
  row: HandoffsTable,
  set: Partial<HandoffsTable>,
  at: string,
): Promise<void> {
  await updateVersioned(
    trx.updateTable('handoffs').set({ ...set, version: row.version + 1, updated_at: at }),
    row,
    'handoff',
  );
}

export async function stageOf(db: DbOrTrx, id: string) {
  return db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function event(
  trx: DbOrTrx,
  row: HandoffsTable,
  actor: Actor,
  type: 'submitted' | 'returned' | 'accepted' | 'withdrawn',
  round: number,
  at: string,
  reason: string | null = null,
  failedItems: string[] = [],
) {
  await trx
    .insertInto('handoff_events')
    .values({
      id: newId(),
      handoff_id: row.id,
      type,
      round,
      actor_id: actor.id,
      reason,
      failed_items: JSON.stringify(failedItems),
      occurred_at: at,
    })
    .execute();
}

export async function openQuestionCount(db: DbOrTrx, handoffId: string): Promise<number> {
  const r = await db
    .selectFrom('handoff_questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handoff_id', '=', handoffId)
    .where('answered_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Handoffs on initiatives the actor may read. */
export const readableHandoffs = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('handoffs as h')
    .selectAll('h')
    .where('h.initiative_id', 'in', readableInitiativeIds(db, actor));
