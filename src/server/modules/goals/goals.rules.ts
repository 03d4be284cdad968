/** What a goal must satisfy to change: who may, which version, its references, the quality gate. */
import type { GoalTerms } from '../../../contracts/goals.js';
import { canEdit } from '../../../domain/access.js';
import { qualityGate } from '../../../domain/goals.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
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
import { metricFacts } from '../metrics/series.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { sideMemberProblems } from '../initiatives/side-members.service.js';
import { factsOf, todayIn } from './goals.progress.js';

export const TERMS = [
  'metricId',
  'baselineValue',
  'baselineDate',
  'targetValue',
  'dueDate',
] as const;
export const termsOf = (g: GoalsTable): GoalTerms => ({
  metricId: g.metric_id,
  baselineValue: g.baseline_value,
  baselineDate: g.baseline_date,
  targetValue: g.target_value,
  dueDate: g.due_date,
});
export const OPEN = new Set(['draft', 'proposed', 'agreed']);

export async function loadGoal(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Goal');
  const access = await loadReadable(db, actor, row.initiative_id, 'Goal');
  return { row, access };
}

export async function loadEditable(db: DbOrTrx, actor: Actor, id: string, version: number) {
  const loaded = await loadGoal(db, actor, id);
  if (!canEdit(actor, loaded.access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative change goals');
  if (!OPEN.has(loaded.row.status))
    throw conflict(`This goal is ${loaded.row.status}; it can no longer be changed`, 'goal_closed');
  if (version !== loaded.row.version) throw versionConflict('goal');
  return loaded;
}

/** The metric must belong to the initiative; the responsible people must be members from their side. */
export async function validateRefs(
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

export async function gateOrThrow(db: DbOrTrx, g: GoalsTable, now: Date): Promise<void> {
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

export const findRow = async (db: DbOrTrx, id: string) => {
  const row = await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error('goal vanished inside its own transaction');
  return row;
};
