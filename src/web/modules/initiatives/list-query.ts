import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { InitiativeSummary, ListInitiativesQuery } from '../../../contracts/initiatives.js';
import { api, withQuery } from '../../api/client.js';
import { initiativeKeys } from '../../queries/initiatives.js';
import { parseFilters } from './useInitiativeFilters.js';

/** The initiatives list for a query: the page's query and the start-up prefetch share it. */
export const initiativesListQuery = (query: ListInitiativesQuery) =>
  queryOptions({
    queryKey: initiativeKeys.list(query),
    queryFn: ({ signal }) =>
      api.get<InitiativeSummary[]>(withQuery('/initiatives', { ...query }), { signal }),
    placeholderData: keepPreviousData,
  });

/**
 * The list query the page will ask for at this URL, or undefined when it cannot be known
 * before the stages are (a stage filter names the stage by its key; the API wants its id).
 */
export function initiativesListQueryForUrl(
  params: URLSearchParams,
): ListInitiativesQuery | undefined {
  const filters = parseFilters(params);
  if (filters.stage !== undefined) return undefined;
  return { ...filters, stage: undefined };
}
