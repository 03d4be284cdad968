import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Channel,
  ChannelDelivery,
  ChannelTargetSettings,
  CreateChannelBody,
  CreatedChannel,
  UpdateChannelBody,
} from '../../../contracts/channels.js';
import { api } from '../../api/client.js';

/** null: the workspace's channels (admins). */
export type ChannelScope = string | null;

const listPath = (scope: ChannelScope) =>
  scope === null ? '/channels/workspace' : `/initiatives/${scope}/channels`;
export const channelsKey = (scope: ChannelScope) => ['channels', scope ?? 'workspace'] as const;
const deliveriesKey = ['channel-deliveries'] as const;

export const useChannelsQuery = (scope: ChannelScope) =>
  useQuery({
    queryKey: channelsKey(scope),
    queryFn: () => api.get<Channel[]>(listPath(scope)),
  });

function useInvalidate(scope: ChannelScope) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: channelsKey(scope) }),
      queryClient.invalidateQueries({ queryKey: deliveriesKey }),
    ]);
}

export function useCreateChannelMutation(scope: ChannelScope) {
  const invalidate = useInvalidate(scope);
  return useMutation({
    mutationFn: (body: CreateChannelBody) => api.post<CreatedChannel>(listPath(scope), body),
    onSuccess: invalidate,
  });
}

export function useUpdateChannelMutation(scope: ChannelScope) {
  const invalidate = useInvalidate(scope);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelBody }) =>
      api.patch<Channel>(`/channels/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteChannelMutation(scope: ChannelScope) {
  const invalidate = useInvalidate(scope);
  return useMutation({
    mutationFn: (id: string) => api.delete(`/channels/${id}`),
    onSuccess: invalidate,
  });
}

export function useSendTestMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<null>(`/channels/${id}/test`),
    // The message goes out in the background: look again in a moment.
    onSuccess: () => {
      for (const ms of [1_500, 6_000])
        setTimeout(() => void queryClient.invalidateQueries({ queryKey: deliveriesKey }), ms);
    },
  });
}

/** One channel's attempts (channelId), or every channel's (null, admins). */
export const useDeliveriesQuery = (channelId: string | null) =>
  useQuery({
    queryKey: [...deliveriesKey, channelId ?? 'all'],
    queryFn: () =>
      api.get<ChannelDelivery[]>(
        channelId === null ? '/admin/channel-deliveries' : `/channels/${channelId}/deliveries`,
      ),
    refetchInterval: 15_000,
  });

const targetsKey = ['channel-targets'] as const;

export const useTargetSettingsQuery = () =>
  useQuery({
    queryKey: targetsKey,
    queryFn: () => api.get<ChannelTargetSettings>('/settings/channel-targets'),
  });

export function useUpdateTargetSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChannelTargetSettings) =>
      api.put<ChannelTargetSettings>('/settings/channel-targets', body),
    onSuccess: (data) => queryClient.setQueryData(targetsKey, data),
  });
}
