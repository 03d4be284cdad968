import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Side } from '../../../contracts/common.js';
import type {
  CloseGoalBody,
  CreateGoalBody,
  Goal,
  GoalDetail,
  ListGoalsQuery,
  UpdateGoalBody,
} from '../../../contracts/goals.js';
import { api, withQuery } from '../../api/client.js';
import { initiativeKeys } from '../../queries/initiatives.js';

export const goalKeys = {
  all: ['goals'] as const,
  /** Every list: across initiatives (with filters) and per initiative. */
  lists: ['goals', 'list'] as const,
  list: (query: ListGoalsQuery) => ['goals', 'list', 'all', query] as const,
  ofInitiative: (initiativeId: string) => ['goals', 'list', 'initiative', initiativeId] as const,
  detail: (id: string) => ['goals', 'detail', id] as const,
};

/** An initiative's goals with status and progress (the Goals tab and the overview strip). */
export function useInitiativeGoalsQuery(initiativeId: string) {
  return useQuery({
    queryKey: goalKeys.ofInitiative(initiativeId),
    queryFn: ({ signal }) => api.get<Goal[]>(`/initiatives/${initiativeId}/goals`, { signal }),
  });
}

/** Goals across the initiatives I may read, filtered like the URL says. */
export function useGoalsQuery(query: ListGoalsQuery) {
  return useQuery({
    queryKey: goalKeys.list(query),
    queryFn: ({ signal }) => api.get<Goal[]>(withQuery('/goals', { ...query }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useGoalQuery(id: string) {
  return useQuery({
    queryKey: goalKeys.detail(id),
    queryFn: ({ signal }) => api.get<GoalDetail>(`/goals/${id}`, { signal }),
  });
}

/** After any change: the goal itself, every goal list, and the initiative's activity. */
function useStoreGoal() {
  const queryClient = useQueryClient();
  return (goal: GoalDetail) => {
    queryClient.setQueryData(goalKeys.detail(goal.id), goal);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: goalKeys.lists }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(goal.initiative.id) }),
    ]);
  };
}

export function useCreateGoalMutation(initiativeId: string) {
  const store = useStoreGoal();
  return useMutation({
    mutationFn: (body: CreateGoalBody) =>
      api.post<GoalDetail>(`/initiatives/${initiativeId}/goals`, body),
    onSuccess: store,
  });
}

export function useUpdateGoalMutation(id: string) {
  const store = useStoreGoal();
  return useMutation({
    mutationFn: (body: UpdateGoalBody) => api.patch<GoalDetail>(`/goals/${id}`, body),
    onSuccess: store,
  });
}

/** draft → proposed. `id` per call, so "create, then propose" works with one hook. */
export function useProposeGoalMutation() {
  const store = useStoreGoal();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<GoalDetail>(`/goals/${id}/propose`, { version }),
    onSuccess: store,
  });
}

export function useSignGoalMutation(id: string) {
  const store = useStoreGoal();
  return useMutation({
    mutationFn: (body: { version: number; side: Side }) =>
      api.post<GoalDetail>(`/goals/${id}/signatures`, body),
    onSuccess: store,
  });
}

export function useCloseGoalMutation(id: string) {
  const store = useStoreGoal();
  return useMutation({
    mutationFn: (body: CloseGoalBody) => api.post<GoalDetail>(`/goals/${id}/close`, body),
    onSuccess: store,
  });
}
