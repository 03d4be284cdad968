import { useAfterFirstPaint } from '../../lib/useAfterFirstPaint.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PersonRef } from '../../../contracts/common.js';
import type {
  Comment,
  CommentSubject,
  CreateCommentBody,
  NotificationList,
  NotificationPreferences,
  NotificationKind,
  NotificationChannel,
  UpdateCommentBody,
} from '../../../contracts/conversation.js';
import { api, withQuery } from '../../api/client.js';

const commentsKey = (type: CommentSubject, id: string) => ['comments', type, id] as const;
export const notificationsKey = ['notifications'] as const;

export function useCommentsQuery(type: CommentSubject, id: string) {
  return useQuery({
    queryKey: commentsKey(type, id),
    queryFn: () => api.get<Comment[]>(`/comments/${type}/${id}`),
  });
}

export function useMentionCandidates(type: CommentSubject, id: string, q: string | null) {
  return useQuery({
    queryKey: ['comments', type, id, 'people', q],
    queryFn: () =>
      api.get<PersonRef[]>(withQuery(`/comments/${type}/${id}/people`, { q: q ?? '' })),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useAddCommentMutation(type: CommentSubject, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommentBody) => api.post<Comment>(`/comments/${type}/${id}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: commentsKey(type, id) }),
  });
}

export function useEditCommentMutation(type: CommentSubject, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, ...body }: UpdateCommentBody & { commentId: string }) =>
      api.patch<Comment>(`/comments/${commentId}`, body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: commentsKey(type, id) }),
  });
}

export function useDeleteCommentMutation(type: CommentSubject, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) => api.delete<Comment>(`/comments/${commentId}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: commentsKey(type, id) }),
  });
}

/**
 * The unread count of the bell: refetched at once when the live stream says a notification
 * arrived (lib/live.ts); a slow poll covers a broken stream.
 */
export function useUnreadCount() {
  // The bell waits for the page to draw first.
  const enabled = useAfterFirstPaint();
  return useQuery({
    enabled,
    queryKey: [...notificationsKey, 'unread'],
    queryFn: () => api.get<{ unread: number }>('/notifications/unread'),
    refetchInterval: 5 * 60_000,
    select: (d) => d.unread,
  });
}

export function useNotificationsQuery(unreadOnly: boolean) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', unreadOnly],
    queryFn: () =>
      api.get<NotificationList>(
        withQuery('/notifications', { unread: unreadOnly ? 'true' : undefined, limit: 100 }),
      ),
  });
}

export function useMarkReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${id}/read`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/notifications/read-all'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

const preferencesKey = [...notificationsKey, 'preferences'] as const;

export function usePreferencesQuery() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get<NotificationPreferences>('/notifications/preferences'),
  });
}

export function useUpdatePreferencesMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channels: Partial<Record<NotificationKind, NotificationChannel>>) =>
      api.put<NotificationPreferences>('/notifications/preferences', { channels }),
    onSuccess: (prefs) => queryClient.setQueryData(preferencesKey, prefs),
  });
}
