import type { Side } from '../../../domain/sides.js';
import type { Actor, AppContext } from '../../context.js';
import { createGoal } from '../goals/goals.service.js';
import { proposeGoal, signGoal } from '../goals/lifecycle.service.js';

/** A demo goal on a demo metric; `signedBy` decides whether it ends agreed or waiting. */
export interface DemoGoal {
  statement: string;
  rationale: string;
  metric: string;
  baselineValue: number;
  baselineDaysAgo: number;
  targetValue: number;
  dueInDays: number;
  signedBy: Side[];
}

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The demo goals. A goal both sides signed was agreed while the initiative was specified
 * (from the day after `agreedAt`, never before its baseline day), over a few days: drafted, proposed, signed by
 * one side and then the other, so the 90-day trend shows it agreed when building began. A
 * goal still waiting for a signature was started up to two weeks ago (the wait on My desk
 * and in the health reasons is this week's, not months old).
 */
export async function seedSampleGoals(
  at: () => AppContext,
  people: { business: Actor; it: Actor },
  initiativeId: string,
  metricIds: Map<string, string>,
  goals: DemoGoal[],
  realNow: number,
  agreedAt: number,
): Promise<void> {
  for (const g of goals) {
    const metricId = metricIds.get(g.metric);
    if (!metricId) continue;
    const baselineDay = Date.parse(`${isoDay(realNow - g.baselineDaysAgo * DAY)}T00:00:00Z`);
    const agreed = g.signedBy.length === 2;
    // From its start to its last signature: four days for an agreed goal (started in the
    // specification the day after its metrics were agreed, not before the day after its
    // baseline), else up to two weeks ago.
    const start = agreed
      ? Math.min(Math.max(agreedAt + DAY, baselineDay + DAY), realNow - 5 * DAY)
      : realNow - Math.max(Math.min(g.baselineDaysAgo - 1, 14) * DAY, 4 * 60 * 60_000);
    const span = agreed ? 4 * DAY : realNow - start;
    const when = (share: number): AppContext => ({
      ...at(),
      now: () => new Date(start + Math.round(span * (1 - share))),
    });
    const draft = await createGoal(when(1), people.business, initiativeId, {
      statement: g.statement,
      rationale: g.rationale,
      metricId,
      baselineValue: g.baselineValue,
      baselineDate: isoDay(realNow - g.baselineDaysAgo * DAY),
      targetValue: g.targetValue,
      dueDate: isoDay(realNow + g.dueInDays * DAY),
      businessResponsibleId: people.business.id,
      itResponsibleId: people.it.id,
    });
    const proposed = await proposeGoal(when(0.7), people.business, draft.id, draft.version);
    for (const [i, side] of g.signedBy.entries()) {
      await signGoal(
        when(i === 0 ? 0.4 : 0.15),
        side === 'it' ? people.it : people.business,
        proposed.id,
        proposed.agreement.currentVersion,
        side,
      );
    }
  }
}
