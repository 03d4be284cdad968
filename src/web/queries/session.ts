import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../contracts/auth.js';
import { api, ApiError } from '../api/client.js';

export const meKey = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me', { expectUnauthorized: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in person; only call below <RequireAuth>, where it is known. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside a signed-in area');
  return data;
}
