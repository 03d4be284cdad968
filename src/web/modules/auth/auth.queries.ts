import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptInviteBody,
  InviteInfo,
  LoginBody,
  Me,
  PasswordResetBody,
  PasswordResetRequestBody,
  SignInOptions,
} from '../../../contracts/auth.js';
import { api } from '../../api/client.js';
import { meKey } from '../../queries/session.js';
import i18n from '../../i18n/index.js';

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

/** Password, single sign-on, or both (changes only with the server's configuration). */
export function useSignInOptionsQuery() {
  return useQuery({
    queryKey: ['auth', 'options'],
    queryFn: () => api.get<SignInOptions>('/auth/options'),
    staleTime: Infinity,
  });
}

/** "Forgot password?": answered the same whether an account has the address or not. */
export function usePasswordResetRequestMutation() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) => api.post<void>('/auth/password-reset', body),
  });
}

/** Sets a new password from a reset link; the person then signs in with it. */
export function usePasswordResetMutation() {
  return useMutation({
    mutationFn: (body: PasswordResetBody) => api.post<void>('/auth/password-reset/confirm', body),
  });
}
