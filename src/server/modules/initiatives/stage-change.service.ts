import type { ChecklistItem } from '../../../contracts/stages.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { AppError } from '../../http/problems.js';
import { appendAudit } from '../audit/audit.service.js';

export interface StageName {
  id: string;
  nameEn: string;
  nameDe: string;
}

export interface StageChange {
  initiativeId: string;
  /** The stage it leaves; null when the initiative is created (its row starts in `to`). */
  from: StageName | null;
  to: StageName;
  actorId: string;
  /** Ids of the checklist items confirmed on entering, kept in the stage history. */
  confirmed: string[];
  /** The checklist as the trail shows it. */
  checklist: Pick<ChecklistItem, 'id' | 'labelEn' | 'labelDe'>[];
  /** Why, in the stage history. */
  note: string | null;
  /** More for the trail: the note, the handoff that moved it, an admin's override. */
  trail: Record<string, unknown>;
  /** Direct moves: the initiative version the mover read (any other change meanwhile → conflict). */
  expectedVersion?: number;
  /** What a concurrent change gets (the row no longer in `from`, or at another version). */
  conflict: () => AppError;
  at: Date;
}

/**
 * The one way an initiative's stage changes, in the caller's transaction: the initiative row
 * (only if still in `from`), the stage history, and the audit trail. Used when an initiative
 * is created, moved directly, and moved by an accepted handoff.
 */
export async function changeStage(trx: DbOrTrx, c: StageChange): Promise<void> {
  const at = c.at.toISOString();
  if (c.from) {
    let update = trx
      .updateTable('initiatives')
      .set((eb) => ({ stage_id: c.to.id, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', c.initiativeId)
      .where('stage_id', '=', c.from.id);
    if (c.expectedVersion !== undefined) update = update.where('version', '=', c.expectedVersion);
    const moved = await update.executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw c.conflict();
  }
  await trx
    .insertInto('stage_transitions')
    .values({
      id: newId(),
      initiative_id: c.initiativeId,
      from_stage_id: c.from?.id ?? null,
      to_stage_id: c.to.id,
      actor_id: c.actorId,
      checklist: JSON.stringify(c.confirmed),
      note: c.note,
      occurred_at: at,
    })
    .execute();
  // Creation is recorded as `initiative.created` by the caller, with the stage in it.
  if (!c.from) return;
  await appendAudit(trx, {
    actorId: c.actorId,
    entityType: 'initiative',
    entityId: c.initiativeId,
    initiativeId: c.initiativeId,
    action: 'initiative.stage_changed',
    before: { stage: c.from },
    after: { stage: c.to, checklist: c.checklist, ...c.trail },
    at: c.at,
  });
}
