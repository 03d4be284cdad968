/** A goal's way: proposed once measurable, signed by both sides, closed as missed or dropped. */
import type { CloseGoalBody, GoalDetail } from '../../../contracts/goals.js';
import { canManage } from '../../../domain/access.js';
import type { Side } from '../../../domain/agreement.js';
import type { Actor, AppContext } from '../../context.js';
import { conflict, forbidden, invalidFields } from '../../http/problems.js';
import { updateVersioned } from '../../db/versioned.js';
import { addVersion, signerOf, signUnderLock } from '../agreements/agreements.service.js';
import { entity, record } from '../audit/audit.service.js';
import { markAchieved } from './achievement.service.js';
import { findRow, gateOrThrow, loadEditable, loadGoal, termsOf } from './goals.rules.js';
import { getGoal } from './goals.service.js';

/** draft → proposed, only through the quality gate. */
export async function proposeGoal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
): Promise<GoalDetail> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadEditable(trx, actor, id, version);
    if (row.status !== 'draft')
      throw conflict('The goal has been proposed already', 'already_proposed');
    await gateOrThrow(trx, row, now);
    const agreementVersion = row.agreement_version + 1;
    // Only if still at the version read: of parallel proposals, one proposes, the others 409.
    await updateVersioned(
      trx.updateTable('goals').set({
        status: 'proposed',
        agreement_version: agreementVersion,
        version: row.version + 1,
        updated_at: now.toISOString(),
      }),
      row,
      'goal',
    );
    await addVersion(
      trx,
      { type: 'goal', id, initiativeId: row.initiative_id },
      agreementVersion,
      termsOf(row),
      actor.id,
      now,
    );
    await record(trx, actor.id, now, entity('goal', row), 'goal.proposed', {
      after: { ...termsOf(row), agreementVersion },
    });
  });
  return getGoal(ctx, actor, id);
}

export async function signGoal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  side: Side,
): Promise<GoalDetail> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access } = await loadGoal(trx, actor, id);
    const agreement = await signUnderLock(
      trx,
      { type: 'goal', id, initiativeId: row.initiative_id },
      { ...signerOf(actor, access.facts.memberRole), actor },
      side,
      version,
      now,
      async () => {
        const { status } = await findRow(trx, id);
        if (status !== 'proposed')
          throw conflict(
            status === 'draft'
              ? 'Propose the goal first'
              : `The goal is ${status}; there is nothing to sign`,
            'not_proposed',
          );
      },
    );
    if (agreement.agreed) {
      await trx
        .updateTable('goals')
        .set((eb) => ({ status: 'agreed', version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
      await record(trx, actor.id, now, entity('goal', row), 'goal.agreed', {
        after: { agreementVersion: agreement.currentVersion },
      });
      await markAchieved(trx, [id], now);
    }
  });
  return getGoal(ctx, actor, id);
}

/** Owners decide on a goal: missed (only once agreed) or dropped, with a reason. */
export async function closeGoal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: CloseGoalBody,
): Promise<GoalDetail> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access } = await loadEditable(trx, actor, id, body.version);
    if (!canManage(actor, access.facts))
      throw forbidden(
        'Only the owners and deputies of the initiative decide that a goal is missed or dropped',
      );
    if (body.outcome === 'missed' && row.status !== 'agreed')
      throw invalidFields([
        {
          pointer: '/body/outcome',
          message: 'only an agreed goal can be missed; drop it instead',
          code: 'not_agreed',
        },
      ]);
    await updateVersioned(
      trx.updateTable('goals').set({
        status: body.outcome,
        status_reason: body.reason,
        version: row.version + 1,
        updated_at: now.toISOString(),
      }),
      row,
      'goal',
    );
    await record(trx, actor.id, now, entity('goal', row), `goal.${body.outcome}`, {
      before: { status: row.status },
      after: { status: body.outcome, reason: body.reason },
    });
  });
  return getGoal(ctx, actor, id);
}
