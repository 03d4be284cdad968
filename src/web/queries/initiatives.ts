import { useQuery } from '@tanstack/react-query';
import type { Initiative, ListInitiativesQuery } from '../../contracts/initiatives.js';
import { api } from '../api/client.js';

/**
 * Cache keys of initiatives. The pillars invalidate an initiative's detail and activity after
 * their own writes, so the keys live here rather than in the initiatives module.
 */
export const initiativeKeys = {
  all: ['initiatives'] as const,
  list: (query: ListInitiativesQuery) => ['initiatives', 'list', query] as const,
  detail: (id: string) => ['initiatives', 'detail', id] as const,
  activity: (id: string) => ['initiatives', 'activity', id] as const,
};

/** One initiative: its page, and the pillar pages that show whose initiative they belong to. */
export function useInitiativeQuery(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: initiativeKeys.detail(id),
    queryFn: () => api.get<Initiative>(`/initiatives/${id}`),
    enabled,
  });
}
