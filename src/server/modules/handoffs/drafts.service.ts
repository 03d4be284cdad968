/** Starting and changing a handoff (the sender's side, before acceptance). */
import type { CreateHandoffBody, Handoff, UpdateHandoffBody } from '../../../contracts/handoffs.js';
import { canEdit } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import type { HandoffsTable } from '../../db/schema.js';
import { conflict, forbidden, invalidField } from '../../http/problems.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { checkedOf, parseDeliverables } from './handoffs.presenter.js';
import { stageOf, writeHandoff } from './handoffs.repository.js';
import {
  audit,
  auditView,
  authorise,
  checkedIds,
  deliverablesOf,
  demandedChecklist,
  dueDateOrThrow,
  mergeChecklist,
  type People,
  validatePeople,
} from './handoffs.rules.js';
import { changeHandoff, getHandoff } from './handoffs.service.js';
import type { OwningSide } from '../../../domain/sides.js';

export async function createHandoff(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: CreateHandoffBody,
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: initiative, facts } = await loadReadable(trx, actor, initiativeId);
    if (!canEdit(actor, facts))
      throw forbidden('Only owners, deputies and contributors of this initiative start handoffs');
    if (initiative.status !== 'active')
      throw conflict(
        `The initiative is ${initiative.status}; no handoffs now`,
        'initiative_inactive',
      );
    let owningSide: OwningSide | null = null;
    if (body.toStageId) {
      const target = await stageOf(trx, body.toStageId);
      if (!target) throw invalidField('toStageId', 'is not a known stage', 'unknown_stage');
      if (target.id === initiative.stage_id)
        throw invalidField('toStageId', 'is already the current stage', 'same_stage');
      owningSide = target.owning_side;
    }
    const people: People = {
      senderId: body.senderId ?? actor.id,
      senderDeputyId: body.senderDeputyId ?? null,
      receiverId: body.receiverId,
      receiverDeputyId: body.receiverDeputyId ?? null,
    };
    const receiverSide = await validatePeople(trx, initiativeId, owningSide, people);
    dueDateOrThrow(body.dueDate, now);
    const demanded = await demandedChecklist(trx, body.toStageId ?? null, initiative.risk_class);
    const checklist = mergeChecklist(demanded, checkedIds(demanded, body.checked ?? []));
    const row: HandoffsTable = {
      id,
      initiative_id: initiativeId,
      title: body.title,
      note: body.note ?? '',
      from_stage_id: initiative.stage_id,
      to_stage_id: body.toStageId ?? null,
      sender_id: people.senderId,
      sender_deputy_id: people.senderDeputyId,
      receiver_id: people.receiverId,
      receiver_deputy_id: people.receiverDeputyId,
      receiver_side: receiverSide,
      due_date: body.dueDate,
      deliverables: JSON.stringify(deliverablesOf(body.deliverables ?? [])),
      checklist: JSON.stringify(checklist),
      state: 'draft',
      round: 0,
      return_count: 0,
      submitted_at: null,
      closed_at: null,
      version: 1,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('handoffs').values(row).execute();
    await audit(trx, actor, row, 'handoff.created', now, { after: auditView(row) });
  });
  return getHandoff(ctx, actor, id);
}

export const updateHandoff = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateHandoffBody,
): Promise<Handoff> =>
  changeHandoff(ctx, actor, id, async (trx, { row, access, party }, now) => {
    authorise(row, party, 'edit', body.version);
    const target = row.to_stage_id ? await stageOf(trx, row.to_stage_id) : undefined;
    const people: People = {
      senderId: row.sender_id,
      senderDeputyId:
        body.senderDeputyId !== undefined ? body.senderDeputyId : row.sender_deputy_id,
      receiverId: body.receiverId ?? row.receiver_id,
      receiverDeputyId:
        body.receiverDeputyId !== undefined ? body.receiverDeputyId : row.receiver_deputy_id,
    };
    const receiverSide = await validatePeople(
      trx,
      row.initiative_id,
      target?.owning_side ?? null,
      people,
    );
    if (body.dueDate !== undefined && body.dueDate !== row.due_date)
      dueDateOrThrow(body.dueDate, now);
    const demanded = await demandedChecklist(trx, row.to_stage_id, access.row.risk_class);
    const checked =
      body.checked !== undefined ? checkedIds(demanded, body.checked) : new Set(checkedOf(row));
    const next: HandoffsTable = {
      ...row,
      title: body.title ?? row.title,
      note: body.note ?? row.note,
      sender_deputy_id: people.senderDeputyId,
      receiver_id: people.receiverId,
      receiver_deputy_id: people.receiverDeputyId,
      receiver_side: receiverSide,
      due_date: body.dueDate ?? row.due_date,
      deliverables:
        body.deliverables !== undefined
          ? JSON.stringify(deliverablesOf(body.deliverables, parseDeliverables(row)))
          : row.deliverables,
      checklist: JSON.stringify(mergeChecklist(demanded, checked)),
    };
    const { id: _id, version: _v, updated_at: _u, ...set } = next;
    await writeHandoff(trx, row, set, now.toISOString());
    await audit(trx, actor, row, 'handoff.updated', now, {
      before: auditView(row),
      after: auditView(next),
    });
  });
