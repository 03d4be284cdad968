import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatedPersonalToken,
  CreatePersonalTokenBody,
  EndedSessions,
  PersonalToken,
  SessionInfo,
} from '../../../contracts/account-security.js';
import { api } from '../../api/client.js';

const tokensKey = ['me', 'tokens'] as const;
const sessionsKey = ['me', 'sessions'] as const;

export const usePersonalTokensQuery = () =>
  useQuery({ queryKey: tokensKey, queryFn: () => api.get<PersonalToken[]>('/me/tokens') });

export function useCreatePersonalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePersonalTokenBody) =>
      api.post<CreatedPersonalToken>('/me/tokens', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokePersonalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<PersonalToken>(`/me/tokens/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export const useSessionsQuery = () =>
  useQuery({ queryKey: sessionsKey, queryFn: () => api.get<SessionInfo[]>('/me/sessions') });

export function useEndSessionMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<null>(`/me/sessions/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEndOtherSessionsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<EndedSessions>('/me/sessions'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** After a password change the session list changed (fresh id, maybe others ended). */
export const sessionsQueryKey = sessionsKey;
