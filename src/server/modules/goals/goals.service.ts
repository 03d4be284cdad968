/** Goals: list, read, start, change (a changed signed goal gets a new version). */
import type {
  CreateGoalBody,
  Goal,
  GoalDetail,
  GoalTerms,
  ListGoalsQuery,
  UpdateGoalBody,
} from '../../../contracts/goals.js';
import { canEdit } from '../../../domain/access.js';
import { agreementState, needsNewVersion } from '../../../domain/agreement.js';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import type { GoalsTable } from '../../db/schema.js';
import { forbidden, notFound } from '../../http/problems.js';
import { addVersion, allSignatures, loadVersions } from '../agreements/agreements.service.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import {
  gateOrThrow,
  loadEditable,
  loadGoal,
  TERMS,
  termsOf,
  validateRefs,
} from './goals.rules.js';
import { presentGoals, strip } from './goals.presenter.js';
import { updateVersioned } from '../../db/versioned.js';

/** A goal's gate, plan, state and forecast now (health computes it from preloaded series). */
export { progressOf } from './goals.progress.js';

export async function listGoals(
  ctx: AppContext,
  actor: Actor,
  query: ListGoalsQuery & { initiativeId?: string },
): Promise<Goal[]> {
  const db = ctx.db.kysely;
  let q = db
    .selectFrom('goals as g')
    .selectAll('g')
    .where('g.initiative_id', 'in', readableInitiativeIds(db, actor));
  const initiativeId = query.initiativeId ?? query.initiative;
  if (initiativeId) q = q.where('g.initiative_id', '=', initiativeId);
  if (query.status) q = q.where('g.status', '=', query.status);
  if (query.waitingFor) q = q.where('g.status', '=', 'proposed');
  let goals = await q.orderBy('g.created_at').execute();
  if (query.waitingFor) {
    const side = query.waitingFor;
    const versions = await loadVersions<GoalTerms>(
      db,
      'goal',
      goals.map((g) => g.id),
    );
    goals = goals.filter((g) =>
      agreementState(
        g.agreement_version,
        allSignatures(versions.get(g.id) ?? []),
      ).waitingFor.includes(side),
    );
  }
  return (await presentGoals(db, actor, goals, ctx.now(), false)).map(strip);
}

/** An initiative's goals (404 when the actor may not read it). */
export async function listInitiativeGoals(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<Goal[]> {
  await loadReadable(ctx.db.kysely, actor, initiativeId);
  return listGoals(ctx, actor, { initiativeId });
}

export async function getGoal(ctx: AppContext, actor: Actor, id: string): Promise<GoalDetail> {
  const { row } = await loadGoal(ctx.db.kysely, actor, id);
  const [goal] = await presentGoals(ctx.db.kysely, actor, [row], ctx.now(), true);
  if (!goal) throw notFound('Goal');
  return goal;
}

export async function createGoal(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: CreateGoalBody,
): Promise<GoalDetail> {
  const now = ctx.now();
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const access = await loadReadable(trx, actor, initiativeId);
    if (!canEdit(actor, access.facts))
      throw forbidden('Only owners, deputies and contributors of this initiative set goals');
    const g = {
      metricId: body.metricId ?? null,
      businessResponsibleId: body.businessResponsibleId ?? null,
      itResponsibleId: body.itResponsibleId ?? null,
    };
    await validateRefs(trx, initiativeId, g);
    const at = now.toISOString();
    const row: GoalsTable = {
      id,
      initiative_id: initiativeId,
      statement: body.statement,
      rationale: body.rationale ?? '',
      metric_id: g.metricId,
      baseline_value: body.baselineValue ?? null,
      baseline_date: body.baselineDate ?? null,
      target_value: body.targetValue ?? null,
      due_date: body.dueDate ?? null,
      business_responsible_id: g.businessResponsibleId,
      it_responsible_id: g.itResponsibleId,
      status: 'draft',
      status_reason: null,
      achieved_at: null,
      agreement_version: 0,
      version: 1,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('goals').values(row).execute();
    await record(trx, actor.id, now, entity('goal', id, initiativeId), 'goal.created', {
      after: { statement: row.statement, ...termsOf(row) },
    });
  });
  return getGoal(ctx, actor, id);
}

export async function updateGoal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateGoalBody,
): Promise<GoalDetail> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadEditable(trx, actor, id, body.version);
    const next: GoalsTable = {
      ...row,
      statement: body.statement ?? row.statement,
      rationale: body.rationale ?? row.rationale,
      metric_id: body.metricId !== undefined ? body.metricId : row.metric_id,
      baseline_value: body.baselineValue !== undefined ? body.baselineValue : row.baseline_value,
      baseline_date: body.baselineDate !== undefined ? body.baselineDate : row.baseline_date,
      target_value: body.targetValue !== undefined ? body.targetValue : row.target_value,
      due_date: body.dueDate !== undefined ? body.dueDate : row.due_date,
      business_responsible_id:
        body.businessResponsibleId !== undefined
          ? body.businessResponsibleId
          : row.business_responsible_id,
      it_responsible_id:
        body.itResponsibleId !== undefined ? body.itResponsibleId : row.it_responsible_id,
      version: row.version + 1,
      updated_at: now.toISOString(),
    };
    await validateRefs(trx, row.initiative_id, {
      metricId: next.metric_id,
      businessResponsibleId: next.business_responsible_id,
      itResponsibleId: next.it_responsible_id,
    });
    const newTerms = row.status !== 'draft' && needsNewVersion(termsOf(row), termsOf(next), TERMS);
    if (newTerms) {
      // A signed goal changed: it must still be measurable, and both sides sign again.
      await gateOrThrow(trx, next, now);
      next.agreement_version = row.agreement_version + 1;
      next.status = 'proposed';
    }
    await updateVersioned(
      trx.updateTable('goals').set(next),
      { id: id, version: body.version },
      'goal',
    );
    if (newTerms)
      await addVersion(
        trx,
        { type: 'goal', id, initiativeId: row.initiative_id },
        next.agreement_version,
        termsOf(next),
        actor.id,
        now,
      );
    await record(
      trx,
      actor.id,
      now,
      entity('goal', row),
      newTerms ? 'goal.new_version' : 'goal.updated',
      {
        before: {
          statement: row.statement,
          rationale: row.rationale,
          ...termsOf(row),
          status: row.status,
          agreementVersion: row.agreement_version,
        },
        after: {
          statement: next.statement,
          rationale: next.rationale,
          ...termsOf(next),
          status: next.status,
          agreementVersion: next.agreement_version,
        },
      },
    );
  });
  return getGoal(ctx, actor, id);
}
