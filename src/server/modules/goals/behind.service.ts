/**
 * Agreed goals of active initiatives that have fallen behind their plan line now, for the
 * daily reminders (other modules read progress only through this service).
 */
import { answersForGoal } from '../../../domain/goals.js';
import { SIDES } from '../../../domain/sides.js';
import type { DbOrTrx } from '../../db/connect.js';
import { metricFacts } from '../metrics/series.service.js';
import { progressOf, seriesReader } from './goals.progress.js';

export interface GoalBehind {
  id: string;
  initiativeId: string;
  statement: string;
  /** Business and IT responsible, else the initiative's owners. */
  people: string[];
}

export async function goalsBehindPlan(db: DbOrTrx, now: Date): Promise<GoalBehind[]> {
  const goals = await db
    .selectFrom('goals as g')
    .innerJoin('initiatives as i', 'i.id', 'g.initiative_id')
    .selectAll('g')
    .select(['i.business_owner_id', 'i.it_owner_id'])
    .where('g.status', '=', 'agreed')
    .where('i.status', '=', 'active')
    .where('g.metric_id', 'is not', null)
    .execute();
  if (goals.length === 0) return [];
  const metrics = await metricFacts(
    db,
    goals.map((g) => g.metric_id),
  );
  const seriesOf = seriesReader(db);
  const behind: GoalBehind[] = [];
  for (const g of goals) {
    const { progress } = await progressOf(
      seriesOf,
      g,
      g.metric_id ? metrics.get(g.metric_id) : undefined,
      now,
    );
    if (progress.state !== 'behind') continue;
    behind.push({
      id: g.id,
      initiativeId: g.initiative_id,
      statement: g.statement,
      people: [...new Set(SIDES.map((side) => answersForGoal(g, side)))],
    });
  }
  return behind;
}
