/**
 * Goals: is there an agreed goal where the stage needs one, does a proposal wait for a
 * signature, has a due date passed without a decision, is the goal behind its plan, and
 * does the forecast miss the target.
 */
import { completion } from '../goals.js';
import {
  daysBetween,
  daysSince,
  missingForStage,
  reason,
  round1,
  type RuleContext,
  tieredReason,
  waitingSides,
} from './context.js';
import type { GoalHealthFacts, HealthReason } from './types.js';

const PROPOSED_OR_BETTER = new Set(['proposed', 'agreed', 'achieved']);
const AGREED_OR_BETTER = new Set(['agreed', 'achieved']);

/**
 * How far behind the plan, in percent of the way from baseline to target (the same scale
 * as the goal page's on track / behind, which allows 5 %). Null when not measurable.
 */
export function behindPlanPct(goal: GoalHealthFacts): number | null {
  const { baselineValue, targetValue, progress } = goal;
  if (baselineValue === null || targetValue === null || !progress) return null;
  if (targetValue === baselineValue) return null;
  const span = { baselineValue, targetValue };
  return round1(
    (completion(span, progress.planValue) - completion(span, progress.currentValue)) * 100,
  );
}

export function goalReasons(ctx: RuleContext): HealthReason[] {
  const { inputs, t, today, requires } = ctx;
  const g = t.goals;
  const out: HealthReason[] = [];
  const tab = { kind: 'area', area: 'goals' } as const;

  if (requires.goals === 'agreed' && !inputs.goals.some((x) => AGREED_OR_BETTER.has(x.status)))
    out.push(missingForStage(ctx, 'goals.none_agreed', 'required', tab));
  if (requires.goals === 'proposed' && !inputs.goals.some((x) => PROPOSED_OR_BETTER.has(x.status)))
    out.push(missingForStage(ctx, 'goals.none_proposed', 'expected', tab));

  for (const goal of inputs.goals) {
    const link = { kind: 'goal', goalId: goal.id } as const;
    if (goal.status === 'proposed' && goal.proposedAt) {
      const waitingFor = waitingSides(goal.signedAt);
      const days = daysSince(ctx, goal.proposedAt);
      if (waitingFor.length)
        out.push(
          ...tieredReason(
            ctx,
            'goals.signature_pending',
            { goal: goal.statement, days, waitingFor },
            days,
            [g.signatureWaitDays, g.signatureWaitDeduction],
            [g.signatureWaitLongDays, g.signatureWaitLongDeduction],
            link,
          ),
        );
    }
    if (goal.status !== 'agreed' || !goal.dueDate) continue;

    if (today > goal.dueDate) {
      // Past the due date the plan equals the target: the open decision is the only issue.
      const days = daysBetween(goal.dueDate, today);
      out.push(
        ...tieredReason(
          ctx,
          'goals.past_due',
          { goal: goal.statement, dueDate: goal.dueDate, days },
          days,
          [g.pastDueDays, g.pastDueDeduction],
          [g.pastDueLongDays, g.pastDueLongDeduction],
          link,
        ),
      );
      continue;
    }

    const behind = behindPlanPct(goal);
    if (behind !== null && goal.progress) {
      out.push(
        ...tieredReason(
          ctx,
          'goals.behind_plan',
          {
            goal: goal.statement,
            metric: goal.metric?.name ?? null,
            unit: goal.metric?.unit ?? '',
            behindPct: behind,
            current: goal.progress.currentValue,
            plan: goal.progress.planValue,
          },
          behind,
          [g.behindPlanPct, g.behindPlanDeduction],
          [g.behindPlanSeverePct, g.behindPlanSevereDeduction],
          link,
        ),
      );
    }
    if (goal.forecast && !goal.forecast.meetsTarget && goal.targetValue !== null)
      out.push(
        reason(
          ctx,
          'goals.forecast_miss',
          {
            goal: goal.statement,
            unit: goal.metric?.unit ?? '',
            forecast: goal.forecast.valueAtDue,
            target: goal.targetValue,
            dueDate: goal.dueDate,
          },
          g.forecastMissDeduction,
          link,
        ),
      );
  }
  return out;
}
