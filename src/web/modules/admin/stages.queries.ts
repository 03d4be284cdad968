import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStageBody, Stage, UpdateStageBody } from '../../../contracts/stages.js';
import { api } from '../../api/client.js';
import { stagesKey } from '../../queries/stages.js';

function useInvalidateStages() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: stagesKey }),
      // Stage names appear on every initiative.
      queryClient.invalidateQueries({ queryKey: ['initiatives'] }),
    ]);
}

export function useCreateStageMutation() {
  const invalidate = useInvalidateStages();
  return useMutation({
    mutationFn: (body: CreateStageBody) => api.post<Stage>('/stages', body),
    onSuccess: invalidate,
  });
}

export function useUpdateStageMutation() {
  const invalidate = useInvalidateStages();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateStageBody }) =>
      api.patch<Stage>(`/stages/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useReorderStagesMutation() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateStages();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<Stage[]>('/stages/order', { ids }),
    // Move at once; the server's answer (or a refetch on failure) settles it.
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: stagesKey });
      const previous = queryClient.getQueryData<Stage[]>(stagesKey);
      if (previous) {
        const byId = new Map(previous.map((s) => [s.id, s]));
        queryClient.setQueryData(
          stagesKey,
          ids.map((id) => byId.get(id)).filter((s): s is Stage => s !== undefined),
        );
      }
      return { previous };
    },
    onError: (_e, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(stagesKey, context.previous);
    },
    onSettled: invalidate,
  });
}

export function useDeleteStageMutation() {
  const invalidate = useInvalidateStages();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/stages/${id}`),
    onSuccess: invalidate,
  });
}
