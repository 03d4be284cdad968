import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateUserBody,
  CreatedUser,
  Reinvited,
  UpdateUserBody,
  User,
} from '../../../contracts/users.js';
import type { EndedSessions } from '../../../contracts/account-security.js';
import { api } from '../../api/client.js';
import { peopleKey } from '../../queries/people.js';

export const usersKey = ['users'] as const;

export function useUsersQuery() {
  return useQuery({ queryKey: usersKey, queryFn: () => api.get<User[]>('/users') });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: usersKey }),
      queryClient.invalidateQueries({ queryKey: peopleKey }),
    ]);
}

export function useCreateUserMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<CreatedUser>('/users', body),
    onSuccess: invalidate,
  });
}

export function useUpdateUserMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      api.patch<User>(`/users/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useNewInviteMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post<Reinvited>(`/users/${id}/invite`, {}),
    onSuccess: invalidate,
  });
}

/** Ends every session of a person: they must sign in again everywhere. */
export function useEndAllSessionsMutation() {
  return useMutation({
    mutationFn: (userId: string) => api.delete<EndedSessions>(`/users/${userId}/sessions`),
  });
}

/** For 7 days, the person's next single sign-on with the same verified email links this account. */
export function useAllowSsoLinkMutation() {
  return useMutation({
    mutationFn: (userId: string) =>
      api.post<{ linkAllowedUntil: string }>(`/users/${userId}/sso-link`),
  });
}
