import { useQuery } from '@tanstack/react-query';
import type { Desk } from '../../../contracts/desk.js';
import { api } from '../../api/client.js';
import { deskKey } from '../../queries/desk.js';

/** My desk: what waits for me, my demos this week, my initiatives with their health. */
export function useDeskQuery() {
  return useQuery({
    queryKey: deskKey,
    queryFn: ({ signal }) => api.get<Desk>('/desk', { signal }),
  });
}

/** What the navigation badge counts: everything waiting for me. */
export function useWaitingCount(): number | undefined {
  return useDeskQuery().data?.total;
}
