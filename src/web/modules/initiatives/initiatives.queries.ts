import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ActivityPillar, AuditEvent } from '../../../contracts/audit.js';
import type {
  AddMemberBody,
  CreateInitiativeBody,
  Initiative,
  ListInitiativesQuery,
  MoveStageBody,
  UpdateInitiativeBody,
  UpdateMemberBody,
} from '../../../contracts/initiatives.js';
import { api, withQuery } from '../../api/client.js';
import { initiativeKeys } from '../../queries/initiatives.js';
import { departmentsKey } from '../../queries/people.js';
import { stagesKey } from '../../queries/stages.js';
import { initiativesListQuery } from './list-query.js';

export function useInitiativesQuery(query: ListInitiativesQuery, { enabled = true } = {}) {
  return useQuery({ ...initiativesListQuery(query), enabled });
}

export const ACTIVITY_PAGE = 50;

/** The initiative's activity, newest first, all of it or one pillar's (`pillar`). */
export function useActivityQuery(id: string, pillar?: ActivityPillar) {
  return useInfiniteQuery({
    // Under the activity key, so the pillars' writes refresh every filtered view too.
    queryKey: [...initiativeKeys.activity(id), pillar ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get<AuditEvent[]>(
        withQuery(`/initiatives/${id}/activity`, {
          before: pageParam,
          limit: ACTIVITY_PAGE,
          pillar,
        }),
      ),
    placeholderData: keepPreviousData,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < ACTIVITY_PAGE ? undefined : last.at(-1)?.id),
  });
}

/** After any change: the initiative, its activity, the lists and stage counts. */
function useStoreInitiative() {
  const queryClient = useQueryClient();
  return (initiative: Initiative) => {
    queryClient.setQueryData(initiativeKeys.detail(initiative.id), initiative);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['initiatives', 'list'] }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(initiative.id) }),
      queryClient.invalidateQueries({ queryKey: departmentsKey }),
      queryClient.invalidateQueries({ queryKey: stagesKey }),
    ]);
  };
}

export function useCreateInitiativeMutation() {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: (body: CreateInitiativeBody) => api.post<Initiative>('/initiatives', body),
    onSuccess: store,
  });
}

export function useUpdateInitiativeMutation(id: string) {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: (body: UpdateInitiativeBody) => api.patch<Initiative>(`/initiatives/${id}`, body),
    onSuccess: store,
  });
}

export function useMoveStageMutation(id: string) {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: (body: MoveStageBody) => api.post<Initiative>(`/initiatives/${id}/stage`, body),
    onSuccess: store,
  });
}

export function useAddMemberMutation(id: string) {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: (body: AddMemberBody) => api.post<Initiative>(`/initiatives/${id}/members`, body),
    onSuccess: store,
  });
}

export function useUpdateMemberMutation(id: string) {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateMemberBody }) =>
      api.patch<Initiative>(`/initiatives/${id}/members/${userId}`, body),
    onSuccess: store,
  });
}

export function useRemoveMemberMutation(id: string) {
  const store = useStoreInitiative();
  return useMutation({
    mutationFn: (userId: string) => api.delete<Initiative>(`/initiatives/${id}/members/${userId}`),
    onSuccess: store,
  });
}
