import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, Me, UpdateMeBody } from '../../../contracts/auth.js';
import { api } from '../../api/client.js';
import { meKey } from '../../queries/session.js';

export function useUpdateMeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => api.patch<Me>('/me', body),
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
      // Names appear in people pickers and on initiatives.
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useChangePasswordMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<Me>('/me/password', body),
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
      void queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] });
    },
  });
}
