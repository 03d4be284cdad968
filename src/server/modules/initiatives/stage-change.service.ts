/** Stage changes: direct moves by owners (or admins), and the one write every change goes through. */
import type { Initiative, MoveStageBody } from '../../../contracts/initiatives.js';
import type { ChecklistItem } from '../../../contracts/stages.js';
import { canManage } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import {
  AppError,
  conflict,
  forbidden,
  invalidField,
  versionConflict,
} from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from './visibility.service.js';
import { findInitiativeRow, stageByHandoffs } from './initiatives.repository.js';
import { presentInitiativeFor } from './initiatives.presenter.js';

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
  await record(
    trx,
    c.actorId,
    c.at,
    entity('initiative', c.initiativeId, c.initiativeId),
    'initiative.stage_changed',
    { before: { stage: c.from }, after: { stage: c.to, checklist: c.checklist, ...c.trail } },
  );
}

/**
 * Moves the initiative to another stage directly. The mover confirms every checklist item the
 * target stage requires. Once a handoff of the initiative has been submitted, its stage changes
 * only by accepted handoffs: owners get 409 `stage_by_handoff`, and an admin may still move it,
 * with a note saying why (recorded as an override).
 */
export async function moveStage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: MoveStageBody,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: before, facts } = await loadReadable(trx, actor, id);
    if (!canManage(actor, facts))
      throw forbidden('Only the owners and deputies may move the stage');
    const byHandoffs = await stageByHandoffs(trx, id);
    if (byHandoffs && actor.role !== 'admin')
      throw conflict(
        'This initiative moves through its handoffs now: the stage changes when the receiver accepts a handoff. Start a handoff to the next stage, or ask an administrator.',
        'stage_by_handoff',
      );
    if (byHandoffs && !body.note)
      throw invalidField(
        'note',
        'say why the stage is changed outside the handoffs (recorded)',
        'required',
      );
    if (body.version !== before.version) {
      throw versionConflict('initiative');
    }
    const target = await trx
      .selectFrom('stages')
      .selectAll()
      .where('id', '=', body.stageId)
      .executeTakeFirst();
    if (!target) throw invalidField('stageId', 'is not a known stage', 'unknown_stage');
    if (target.id === before.stage_id)
      throw invalidField('stageId', 'is already the current stage', 'same_stage');
    const required = JSON.parse(target.checklist) as ChecklistItem[];
    const confirmed = new Set(body.checklist ?? []);
    const unknown = [...confirmed].filter((c) => !required.some((r) => r.id === c));
    if (unknown.length)
      throw invalidField(
        'checklist',
        `unknown checklist items: ${unknown.join(', ')}`,
        'unknown_item',
      );
    const missing = required.filter((r) => !confirmed.has(r.id));
    if (missing.length) {
      throw new AppError(
        422,
        'checklist_incomplete',
        `Entering ${target.name_en} requires: ${missing.map((m) => m.labelEn).join('; ')}`,
        missing.map((m) => ({
          pointer: `/body/checklist/${m.id}`,
          message: `not confirmed: ${m.labelEn}`,
          code: 'required',
        })),
      );
    }
    await changeStage(trx, {
      initiativeId: id,
      from: { id: before.stage_id, nameEn: before.stage_name_en, nameDe: before.stage_name_de },
      to: { id: target.id, nameEn: target.name_en, nameDe: target.name_de },
      actorId: actor.id,
      confirmed: required.map((r) => r.id),
      checklist: required,
      note: body.note ?? null,
      trail: { note: body.note ?? null, ...(byHandoffs ? { override: true } : {}) },
      expectedVersion: body.version,
      conflict: () => versionConflict('initiative'),
      at: now,
    });
    const after = await findInitiativeRow(trx, id);
    if (!after) throw new Error('initiative vanished inside its own transaction');
    return presentInitiativeFor(trx, actor, after);
  });
}
