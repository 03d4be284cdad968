import type {
  CloseGoalBody,
  CreateGoalBody,
  Goal,
  GoalDetail,
  GoalTerms,
  ListGoalsQuery,
  UpdateGoalBody,
} from '../../../contracts/goals.js';
import { canEdit, canManage } from '../../../domain/access.js';
import { agreementState, needsNewVersion, type Side } from '../../../domain/agreement.js';
import { qualityGate } from '../../../domain/goals.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { GoalsTable } from '../../db/schema.js';
import {
  AppError,
  conflict,
  type FieldError,
  forbidden,
  invalidFields,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import {
  addVersion,
  agreementView,
  allSignatures,
  loadVersions,
  signerOf,
  signUnderLock,
} from '../agreements/agreements.service.js';
import { appendAudit } from '../audit/audit.service.js';
import { metricFacts } from '../metrics/series.service.js';
import { markAchieved } from './achievement.service.js';
import { findPeople } from '../people/people.service.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import { sideMemberProblems } from '../initiatives/side-members.service.js';
import { factsOf, progressOf, seriesReader, todayIn } from './goals.progress.js';

const TERMS = ['metricId', 'baselineValue', 'baselineDate', 'targetValue', 'dueDate'] as const;
const termsOf = (g: GoalsTable): GoalTerms => ({
  metricId: g.metric_id,
  baselineValue: g.baseline_value,
  baselineDate: g.baseline_date,
  targetValue: g.target_value,
  dueDate: g.due_date,
});
const OPEN = new Set(['draft', 'proposed', 'agreed']);

async function presentGoals(
  db: DbOrTrx,
  actor: Actor,
  goals: GoalsTable[],
  now: Date,
  withVersions: boolean,
): Promise<GoalDetail[]> {
  const metrics = await metricFacts(
    db,
    goals.map((g) => g.metric_id),
  );
  const people = new Map(
    (
      await findPeople(
        db,
        goals
          .flatMap((g) => [g.business_responsible_id, g.it_responsible_id])
          .filter((x): x is string => x !== null),
      )
    ).map((p) => [p.id, p]),
  );
  const versions = await loadVersions<GoalTerms>(
    db,
    'goal',
    goals.map((g) => g.id),
  );
  const initiatives = new Map(
    (
      await db
        .selectFrom('initiatives')
        .select(['id', 'title', 'visibility'])
        .where('id', 'in', [...new Set(goals.map((g) => g.initiative_id)), ''])
        .execute()
    ).map((i) => [i.id, i]),
  );
  // The actor's role in each initiative, in one query rather than one per goal.
  const myRoles = new Map(
    (
      await db
        .selectFrom('initiative_members')
        .select(['initiative_id', 'role'])
        .where('user_id', '=', actor.id)
        .where('initiative_id', 'in', [...initiatives.keys(), ''])
        .execute()
    ).map((r) => [r.initiative_id, r.role]),
  );
  const seriesOf = seriesReader(db);
  const out: GoalDetail[] = [];
  for (const g of goals) {
    const m = metrics.get(g.metric_id ?? '');
    const memberRole = myRoles.get(g.initiative_id);
    const signer = signerOf(actor, memberRole);
    const v = versions.get(g.id) ?? [];
    const agreement: GoalDetail['agreement'] = agreementView(v, g.agreement_version, signer);
    if (g.status !== 'proposed') {
      const reason = {
        code: 'not_proposed',
        message:
          g.status === 'draft'
            ? 'Propose the goal first: it must be measurable before both sides sign'
            : 'This goal is not waiting for signatures',
      };
      agreement.mySignature = {
        business: agreement.mySignature.business ?? reason,
        it: agreement.mySignature.it ?? reason,
      };
      if (g.status === 'draft') agreement.waitingFor = [];
    }
    const { gate, progress } = await progressOf(seriesOf, g, m, now);
    const person = (id: string | null) => {
      const p = id ? people.get(id) : undefined;
      return p ? { id: p.id, name: p.name, side: p.side, department: p.department } : null;
    };
    const initiative = initiatives.get(g.initiative_id);
    out.push({
      id: g.id,
      initiative: { id: g.initiative_id, title: initiative?.title ?? '' },
      statement: g.statement,
      rationale: g.rationale,
      metric: m
        ? { id: m.id, name: m.name, unit: m.unit, direction: m.direction, period: m.period }
        : null,
      baselineValue: g.baseline_value,
      baselineDate: g.baseline_date,
      targetValue: g.target_value,
      dueDate: g.due_date,
      businessResponsible: person(g.business_responsible_id),
      itResponsible: person(g.it_responsible_id),
      status: g.status,
      statusReason: g.status_reason,
      achievedAt: g.achieved_at,
      agreement,
      gate,
      progress,
      version: g.version,
      createdAt: g.created_at,
      updatedAt: g.updated_at,
      permissions: {
        edit:
          OPEN.has(g.status) &&
          canEdit(actor, { visibility: initiative?.visibility ?? 'members', memberRole }),
        decide:
          OPEN.has(g.status) &&
          canManage(actor, { visibility: initiative?.visibility ?? 'members', memberRole }),
      },
      versions: withVersions
        ? v.map((x) => ({
            version: x.version,
            content: x.content,
            createdBy: x.createdBy,
            createdAt: x.createdAt,
            signatures: x.signatures.map((s) => ({
              version: s.version,
              side: s.side,
              signedAt: s.signedAt,
              person: { id: s.userId, name: s.userName, side: s.side, department: s.department },
            })),
          }))
        : [],
    });
  }
  return out;
}

const strip = ({ versions: _v, ...goal }: GoalDetail): Goal => goal;

async function loadGoal(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Goal');
  const access = await loadReadable(db, actor, row.initiative_id, 'Goal');
  return { row, access };
}

async function loadEditable(db: DbOrTrx, actor: Actor, id: string, version: number) {
  const loaded = await loadGoal(db, actor, id);
  if (!canEdit(actor, loaded.access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative change goals');
  if (!OPEN.has(loaded.row.status))
    throw conflict(`This goal is ${loaded.row.status}; it can no longer be changed`, 'goal_closed');
  if (version !== loaded.row.version) throw versionConflict('goal');
  return loaded;
}

/** The metric must belong to the initiative; the responsible people must be members from their side. */
async function validateRefs(
  db: DbOrTrx,
  initiativeId: string,
  g: {
    metricId: string | null;
    businessResponsibleId: string | null;
    itResponsibleId: string | null;
  },
): Promise<void> {
  const errors: FieldError[] = [];
  if (g.metricId) {
    const m = (await metricFacts(db, [g.metricId])).get(g.metricId);
    if (!m || m.initiative_id !== initiativeId) {
      errors.push({
        pointer: '/body/metricId',
        message: 'is not a metric of this initiative',
        code: 'foreign_metric',
      });
    }
  }
  errors.push(
    ...(await sideMemberProblems(db, initiativeId, [
      { field: 'businessResponsibleId', id: g.businessResponsibleId, side: 'business' },
      { field: 'itResponsibleId', id: g.itResponsibleId, side: 'it' },
    ])),
  );
  if (errors.length) throw invalidFields(errors);
}

async function gateOrThrow(db: DbOrTrx, g: GoalsTable, now: Date): Promise<void> {
  const m = (await metricFacts(db, [g.metric_id])).get(g.metric_id ?? '');
  // The gate needs the goal's terms and the metric's direction, not its data.
  const gate = qualityGate(factsOf(g, m), todayIn(now, m));
  if (gate.length) {
    throw new AppError(
      422,
      'not_measurable',
      `The goal is not measurable yet: ${gate.map((p) => p.message).join('; ')}`,
      gate.map((p) => ({ pointer: `/body/${p.field}`, message: p.message, code: p.code })),
    );
  }
}

const findRow = async (db: DbOrTrx, id: string) => {
  const row = await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error('goal vanished inside its own transaction');
  return row;
};

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
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'goal',
      entityId: id,
      initiativeId,
      action: 'goal.created',
      after: { statement: row.statement, ...termsOf(row) },
      at: now,
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
    const result = await trx
      .updateTable('goals')
      .set(next)
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw versionConflict('goal');
    if (newTerms)
      await addVersion(
        trx,
        { type: 'goal', id, initiativeId: row.initiative_id },
        next.agreement_version,
        termsOf(next),
        actor.id,
        now,
      );
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'goal',
      entityId: id,
      initiativeId: row.initiative_id,
      action: newTerms ? 'goal.new_version' : 'goal.updated',
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
      at: now,
    });
  });
  return getGoal(ctx, actor, id);
}

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
    await trx
      .updateTable('goals')
      .set({
        status: 'proposed',
        agreement_version: agreementVersion,
        version: row.version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await addVersion(
      trx,
      { type: 'goal', id, initiativeId: row.initiative_id },
      agreementVersion,
      termsOf(row),
      actor.id,
      now,
    );
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'goal',
      entityId: id,
      initiativeId: row.initiative_id,
      action: 'goal.proposed',
      after: { ...termsOf(row), agreementVersion },
      at: now,
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
      await appendAudit(trx, {
        actorId: actor.id,
        entityType: 'goal',
        entityId: id,
        initiativeId: row.initiative_id,
        action: 'goal.agreed',
        after: { agreementVersion: agreement.currentVersion },
        at: now,
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
    await trx
      .updateTable('goals')
      .set({
        status: body.outcome,
        status_reason: body.reason,
        version: row.version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'goal',
      entityId: id,
      initiativeId: row.initiative_id,
      action: `goal.${body.outcome}`,
      before: { status: row.status },
      after: { status: body.outcome, reason: body.reason },
      at: now,
    });
  });
  return getGoal(ctx, actor, id);
}
