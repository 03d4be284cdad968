import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionBody,
  DemoOverview,
  HeldDemo,
  NewCalendarFeed,
  RecordDemoBody,
  SetCadenceBody,
  UpdateActionBody,
} from '../../../contracts/demos.js';
import { api } from '../../api/client.js';
import { initiativeKeys } from '../../queries/initiatives.js';

/** A feed link as listed: the secret itself is only in the answer that created it. */
export type CalendarFeed = Omit<NewCalendarFeed, 'url' | 'path'>;

export const demoKeys = {
  overview: (initiativeId: string) => ['demos', 'overview', initiativeId] as const,
  detail: (id: string) => ['demos', 'detail', id] as const,
  feeds: ['demos', 'calendar-feeds'] as const,
};

export function useDemoOverviewQuery(initiativeId: string) {
  return useQuery({
    queryKey: demoKeys.overview(initiativeId),
    queryFn: ({ signal }) =>
      api.get<DemoOverview>(`/initiatives/${initiativeId}/demos`, { signal }),
  });
}

export function useDemoQuery(id: string | null) {
  return useQuery({
    queryKey: demoKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<HeldDemo>(`/demos/${id ?? ''}`, { signal }),
    enabled: id !== null,
  });
}

/** After any change: the overview, the demo itself and the initiative's activity. */
function useRefresh(initiativeId: string) {
  const queryClient = useQueryClient();
  return async (demo?: HeldDemo) => {
    if (demo) queryClient.setQueryData(demoKeys.detail(demo.id), demo);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: demoKeys.overview(initiativeId) }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(initiativeId) }),
    ]);
  };
}

export function useSetCadenceMutation(initiativeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCadenceBody) =>
      api.put<DemoOverview>(`/initiatives/${initiativeId}/demo-cadence`, body),
    onSuccess: (overview) => {
      queryClient.setQueryData(demoKeys.overview(initiativeId), overview);
      return queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(initiativeId) });
    },
  });
}

export function useRecordDemoMutation(initiativeId: string) {
  const refresh = useRefresh(initiativeId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RecordDemoBody }) =>
      api.post<HeldDemo>(`/demos/${id}/record`, body),
    onSuccess: refresh,
  });
}

/** What can happen to one planned occurrence; each needs a reason. */
export type OccurrenceChange =
  | { change: 'move'; body: { version: number; date: string; time: string; reason: string } }
  | { change: 'skip' | 'cancel'; body: { version: number; reason: string } };

export function useOccurrenceChangeMutation(initiativeId: string) {
  const refresh = useRefresh(initiativeId);
  return useMutation({
    mutationFn: ({ id, change, body }: { id: string } & OccurrenceChange) =>
      api.post<HeldDemo>(`/demos/${id}/${change}`, body),
    onSuccess: refresh,
  });
}

export function useMakeActionMutation(initiativeId: string) {
  const refresh = useRefresh(initiativeId);
  return useMutation({
    mutationFn: ({ feedbackId, body }: { feedbackId: string; body: ActionBody }) =>
      api.post<HeldDemo>(`/demo-feedback/${feedbackId}/action`, body),
    onSuccess: refresh,
  });
}

export function useUpdateActionMutation(initiativeId: string) {
  const refresh = useRefresh(initiativeId);
  return useMutation({
    mutationFn: ({ feedbackId, body }: { feedbackId: string; body: UpdateActionBody }) =>
      api.patch<HeldDemo>(`/demo-feedback/${feedbackId}/action`, body),
    onSuccess: refresh,
  });
}

export function useCalendarFeedsQuery() {
  return useQuery({
    queryKey: demoKeys.feeds,
    queryFn: ({ signal }) => api.get<CalendarFeed[]>('/calendar-feeds', { signal }),
  });
}

/** Creates a feed link; for a scope that already has one this resets it (the old link stops). */
export function useCreateFeedMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (initiativeId: string | null) =>
      api.post<NewCalendarFeed>('/calendar-feeds', { initiativeId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: demoKeys.feeds }),
  });
}

export function useRevokeFeedMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/calendar-feeds/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: demoKeys.feeds }),
  });
}
