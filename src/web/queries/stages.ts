import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Stage } from '../../contracts/stages.js';
import { api } from '../api/client.js';

export const stagesKey = ['stages'] as const;

export const stagesQuery = queryOptions({
  queryKey: stagesKey,
  queryFn: () => api.get<Stage[]>('/stages'),
  staleTime: 5 * 60_000,
});

/** All stages in order (everyone may read them). */
export function useStagesQuery() {
  return useQuery(stagesQuery);
}
