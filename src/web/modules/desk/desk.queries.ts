import { useAfterFirstPaint } from '../../lib/useAfterFirstPaint.js';
import { useQuery } from '@tanstack/react-query';
import type { Desk } from '../../../contracts/desk.js';
import { api } from '../../api/client.js';
import { deskKey } from '../../queries/desk.js';

/** My desk: what waits for me, my demos this week, my initiatives with their health. */
export function useDeskQuery(enabled = true) {
  return useQuery({
    queryKey: deskKey,
    queryFn: ({ signal }) => api.get<Desk>('/desk', { signal }),
    enabled,
  });
}

/** What the navigation badge counts: everything waiting for me. */
export function useWaitingCount(): number | undefined {
  // The badge waits for the page to draw first (the desk page itself asks at once).
  return useDeskQuery(useAfterFirstPaint()).data?.total;
}
