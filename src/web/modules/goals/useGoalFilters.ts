import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Side } from '../../../contracts/common.js';
import { GoalStatus, type ListGoalsQuery } from '../../../contracts/goals.js';

export const GOAL_FILTER_KEYS = ['status', 'waitingFor', 'initiative'] as const;
export type GoalFilterKey = (typeof GOAL_FILTER_KEYS)[number];

const SIDES: readonly Side[] = ['business', 'it'];

/** Reads the list query from URL search params; unknown values are ignored, not sent. */
export function parseGoalFilters(params: URLSearchParams): ListGoalsQuery {
  const query: ListGoalsQuery = {};
  const status = GoalStatus.safeParse(params.get('status'));
  if (status.success) query.status = status.data;
  const waitingFor = params.get('waitingFor');
  if (waitingFor && (SIDES as readonly string[]).includes(waitingFor)) {
    query.waitingFor = waitingFor as Side;
  }
  const initiative = params.get('initiative')?.trim();
  if (initiative) query.initiative = initiative;
  return query;
}

/** Filters live in the URL, so "goals waiting for IT" is a link one can send. */
export function useGoalFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseGoalFilters(params), [params]);

  const setFilter = useCallback(
    (key: GoalFilterKey, value: string | null | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!value) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of GOAL_FILTER_KEYS) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [setParams]);

  const activeCount = GOAL_FILTER_KEYS.filter((k) => filters[k] !== undefined).length;
  return { filters, setFilter, clear, activeCount };
}
