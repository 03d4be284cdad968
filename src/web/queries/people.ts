import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Person } from '../../contracts/users.js';
import { api } from '../api/client.js';

export const peopleKey = ['people'] as const;

export const peopleQuery = queryOptions({
  queryKey: peopleKey,
  queryFn: () => api.get<Person[]>('/people'),
  staleTime: 5 * 60_000,
});

/** Active people, for pickers and filters. */
export function usePeopleQuery() {
  return useQuery(peopleQuery);
}

export const departmentsKey = ['departments'] as const;

export const departmentsQuery = queryOptions({
  queryKey: departmentsKey,
  queryFn: () => api.get<string[]>('/departments'),
  staleTime: 5 * 60_000,
});

/** Departments already in use, for filters and suggestions. */
export function useDepartmentsQuery() {
  return useQuery(departmentsQuery);
}
