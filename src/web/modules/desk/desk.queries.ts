import type { Goal } from '../../../contracts/goals.js';
import { useGoalsQuery } from '../goals/goals.queries.js';
import { useHandoffsWaitingQuery } from '../handoffs/handoffs.queries.js';

export type Side = 'business' | 'it';

/** The sides of a goal the signed-in person may sign right now (`mySignature[side] === null`). */
export function sidesToSign(goal: Pick<Goal, 'agreement'>): Side[] {
  const mine = goal.agreement.mySignature;
  return (['business', 'it'] as const).filter((side) => mine[side] === null);
}

/** Proposed goals waiting for my signature on at least one side. */
export function useGoalsToSignQuery() {
  const query = useGoalsQuery({ status: 'proposed' });
  const goals = query.data?.filter((g) => g.status === 'proposed' && sidesToSign(g).length > 0);
  return { ...query, goals };
}

/** What the "Waiting for me" nav badge counts: goals I can sign plus handoffs waiting for me. */
export function useWaitingCount(): number | undefined {
  const goals = useGoalsToSignQuery();
  const handoffs = useHandoffsWaitingQuery();
  if (!goals.goals || !handoffs.data) return undefined;
  const h = handoffs.data;
  return goals.goals.length + h.toReceive.length + h.toAnswer.length + h.toResubmit.length;
}
