/** Submit, accept (moving the stage), return, withdraw. */
import type { Handoff } from '../../../contracts/handoffs.js';
import type { Actor, AppContext } from '../../context.js';
import { conflict } from '../../http/problems.js';
import { changeStage } from '../initiatives/stage-change.service.js';
import { checkedOf, parseChecklist, parseDeliverables } from './handoffs.presenter.js';
import { openQuestionCount, stageOf, event, writeHandoff } from './handoffs.repository.js';
import {
  audit,
  authorise,
  checkedIds,
  demandedChecklist,
  mergeChecklist,
} from './handoffs.rules.js';
import { changeHandoff } from './handoffs.service.js';

/** A transition that needs nothing but the version the actor read. */
type Transition = (ctx: AppContext, actor: Actor, id: string, version: number) => Promise<Handoff>;

export const submitHandoff: Transition = (ctx, actor, id, version) =>
  changeHandoff(ctx, actor, id, async (trx, { row, access, party }, now) => {
    const at = now.toISOString();
    // What the target stage demands today: items added since the draft must be checked too.
    const demanded = await demandedChecklist(trx, row.to_stage_id, access.row.risk_class);
    const checklist = mergeChecklist(demanded, new Set(checkedOf(row)));
    const unchecked = checklist.filter((c) => !c.checked);
    const next = authorise(row, party, 'submit', version, {
      deliverables: parseDeliverables(row).length,
      uncheckedMandatory: unchecked.length,
    });
    if (row.to_stage_id && access.row.stage_id !== row.from_stage_id)
      throw conflict(
        'The initiative has changed stage since this handoff was started; withdraw it and start a new one',
        'stage_moved',
      );
    const round = row.round + 1;
    await writeHandoff(
      trx,
      row,
      {
        state: next,
        round,
        submitted_at: row.submitted_at ?? at,
        checklist: JSON.stringify(checklist),
      },
      at,
    );
    await event(trx, row, actor, 'submitted', round, at);
    await audit(trx, actor, row, round > 1 ? 'handoff.resubmitted' : 'handoff.submitted', now, {
      before: { state: row.state },
      after: { state: next, round },
    });
  });

/** Accepting a stage handoff moves the initiative into the target stage. */
export const acceptHandoff: Transition = (ctx, actor, id, version) =>
  changeHandoff(ctx, actor, id, async (trx, { row, access, party }, now) => {
    const at = now.toISOString();
    const next = authorise(row, party, 'accept', version, {
      openQuestions: await openQuestionCount(trx, id),
    });
    const initiative = access.row;
    if (row.to_stage_id && initiative.stage_id !== row.from_stage_id)
      throw conflict(
        'The initiative has changed stage since this handoff was submitted; it cannot move it any more',
        'stage_moved',
      );
    await writeHandoff(trx, row, { state: next, closed_at: at }, at);
    await event(trx, row, actor, 'accepted', row.round, at);
    await audit(trx, actor, row, 'handoff.accepted', now, {
      before: { state: row.state },
      after: { state: next, round: row.round },
    });
    if (!row.to_stage_id) return;
    const target = await stageOf(trx, row.to_stage_id);
    if (!target) throw new Error('target stage vanished');
    const checklist = parseChecklist(row);
    await changeStage(trx, {
      initiativeId: initiative.id,
      from: {
        id: row.from_stage_id,
        nameEn: initiative.stage_name_en,
        nameDe: initiative.stage_name_de,
      },
      to: { id: target.id, nameEn: target.name_en, nameDe: target.name_de },
      actorId: actor.id,
      confirmed: checklist.filter((c) => c.checked).map((c) => c.id),
      checklist: checklist.map(({ id: itemId, labelEn, labelDe }) => ({
        id: itemId,
        labelEn,
        labelDe,
      })),
      note: `Handoff accepted: ${row.title}`,
      trail: { handoff: { id: row.id, title: row.title }, note: null },
      conflict: () => conflict('The initiative changed stage meanwhile.', 'stage_moved'),
      at: now,
    });
  });

/** Back to the sender, with the reason and the checklist items that failed (unchecked again). */
export const returnHandoff = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason: string; failedItems?: string[] | undefined },
): Promise<Handoff> =>
  changeHandoff(ctx, actor, id, async (trx, { row, party }, now) => {
    const at = now.toISOString();
    const next = authorise(row, party, 'return', body.version, { reason: body.reason });
    const checklist = parseChecklist(row);
    const failed = [...checkedIds(checklist, body.failedItems ?? [], '/body/failedItems')];
    await writeHandoff(
      trx,
      row,
      {
        state: next,
        return_count: row.return_count + 1,
        checklist: JSON.stringify(
          checklist.map((c) => (failed.includes(c.id) ? { ...c, checked: false } : c)),
        ),
      },
      at,
    );
    await event(trx, row, actor, 'returned', row.round, at, body.reason, failed);
    await audit(trx, actor, row, 'handoff.returned', now, {
      before: { state: row.state },
      after: { state: next, reason: body.reason, failedItems: failed },
    });
  });

export const withdrawHandoff = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason?: string | undefined },
): Promise<Handoff> =>
  changeHandoff(ctx, actor, id, async (trx, { row, party }, now) => {
    const at = now.toISOString();
    const next = authorise(row, party, 'withdraw', body.version);
    await writeHandoff(trx, row, { state: next, closed_at: at }, at);
    await event(trx, row, actor, 'withdrawn', row.round, at, body.reason || null);
    await audit(trx, actor, row, 'handoff.withdrawn', now, {
      before: { state: row.state },
      after: { state: next, reason: body.reason || null },
    });
  });
