import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ErasureResult,
  PersonalDataExport,
  PrivacySettings,
  ProcessingRecord,
  UpdatePrivacySettingsBody,
} from '../../../contracts/privacy.js';
import { api } from '../../api/client.js';

const settingsKey = ['privacy', 'settings'] as const;
const recordKey = ['privacy', 'record'] as const;

export const usePersonalDataQuery = () =>
  useQuery({
    queryKey: ['privacy', 'mine'],
    queryFn: () => api.get<PersonalDataExport>('/me/personal-data'),
  });

export const useProcessingRecordQuery = () =>
  useQuery({ queryKey: recordKey, queryFn: () => api.get<ProcessingRecord>('/privacy/record') });

export const usePrivacySettingsQuery = () =>
  useQuery({ queryKey: settingsKey, queryFn: () => api.get<PrivacySettings>('/admin/privacy') });

export function useUpdatePrivacySettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePrivacySettingsBody) =>
      api.put<PrivacySettings>('/admin/privacy', body),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: recordKey });
    },
  });
}

export function useErasePersonMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api.post<ErasureResult>(`/admin/people/${encodeURIComponent(userId)}/erasure`, {}),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
