import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptInviteBody, InviteInfo, LoginBody, Me } from '../../../contracts/auth.js';
import { api, ApiError } from '../../api/client.js';
import i18n from '../../i18n/index.js';

export const meKey = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me', { expectUnauthorized: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in person; only call below <RequireAuth>, where it is known. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside a signed-in area');
  return data;
}

function useSignedIn() {
  const queryClient = useQueryClient();
  return async (me: Me) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    queryClient.setQueryData(meKey, me);
    if (i18n.resolvedLanguage !== me.language) await i18n.changeLanguage(me.language);
  };
}

export function useLoginMutation() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      api.post<Me>('/auth/login', body, { expectUnauthorized: true }),
    onSuccess: signedIn,
  });
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout', {}, { expectUnauthorized: true }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useInviteQuery(token: string) {
  return useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get<InviteInfo>(`/auth/invite/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function useAcceptInviteMutation() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: AcceptInviteBody) => api.post<Me>('/auth/accept-invite', body),
    onSuccess: signedIn,
  });
}
