import { useQuery } from '@tanstack/react-query';
import type { Person } from '../../contracts/users.js';
import { api } from '../api/client.js';

export const peopleKey = ['people'] as const;

/** Active people, for pickers and filters. */
export function usePeopleQuery() {
  return useQuery({
    queryKey: peopleKey,
    queryFn: () => api.get<Person[]>('/people'),
    staleTime: 5 * 60_000,
  });
}

export const departmentsKey = ['departments'] as const;

/** Departments already in use, for filters and suggestions. */
export function useDepartmentsQuery() {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: () => api.get<string[]>('/departments'),
    staleTime: 5 * 60_000,
  });
}
