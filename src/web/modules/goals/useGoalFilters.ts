import { useUrlFilters } from '../../lib/useUrlFilters.js';
import { isOneOf } from '../../lib/one-of.js';
import { SIDES } from '../../../domain/sides.js';
import { GoalStatus, type ListGoalsQuery } from '../../../contracts/goals.js';

export const GOAL_FILTER_KEYS = ['status', 'waitingFor', 'initiative'] as const;
export type GoalFilterKey = (typeof GOAL_FILTER_KEYS)[number];

/** Reads the list query from URL search params; unknown values are ignored, not sent. */
export function parseGoalFilters(params: URLSearchParams): ListGoalsQuery {
  const query: ListGoalsQuery = {};
  const status = GoalStatus.safeParse(params.get('status'));
  if (status.success) query.status = status.data;
  const waitingFor = params.get('waitingFor');
  if (waitingFor && isOneOf(SIDES, waitingFor)) query.waitingFor = waitingFor;
  const initiative = params.get('initiative')?.trim();
  if (initiative) query.initiative = initiative;
  return query;
}

/** Filters live in the URL, so "goals waiting for IT" is a link one can send. */
export function useGoalFilters() {
  const { filters, setFilter, clear, activeCount } = useUrlFilters(
    GOAL_FILTER_KEYS,
    parseGoalFilters,
  );
  return { filters, setFilter, clear, activeCount };
}
