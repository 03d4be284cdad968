import { useCallback, useMemo } from 'react';
import { useUrlFilters } from '../../lib/useUrlFilters.js';
import type { ListInitiativesQuery, RiskClass, Status } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { isOneOf } from '../../lib/one-of.js';

export const STATUSES = ['active', 'paused', 'done', 'cancelled'] as const satisfies Status[];

export const SORT_KEYS = [
  'title',
  'department',
  'stage',
  'businessOwner',
  'itOwner',
  'status',
  'riskClass',
  'updated',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/**
 * The filters the URL can carry; each maps 1:1 to a search param. `mine` is not among them:
 * "My initiatives" is a page of its own (the navigation), which clearing filters keeps.
 */
export const FILTER_KEYS = ['q', 'department', 'stage', 'owner', 'status', 'riskClass'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  isOneOf(list, v) ? v : undefined;

const text = (v: string | null): string | undefined => {
  const s = v?.trim();
  return s ? s : undefined;
};

/**
 * Reads the list query from URL search params; unknown values are ignored, not sent. `stage`
 * is the stage's key as the URL carries it (`stage=pilot`); the page turns it into the id the
 * API filters by (see stageFilterId).
 */
export function parseFilters(params: URLSearchParams): ListInitiativesQuery {
  const query: ListInitiativesQuery = {};
  const q = text(params.get('q'));
  if (q) query.q = q.slice(0, 200);
  const department = text(params.get('department'));
  if (department) query.department = department;
  const stage = text(params.get('stage'));
  if (stage) query.stage = stage;
  const owner = text(params.get('owner'));
  if (owner) query.owner = owner;
  const status = oneOf<Status>(STATUSES, params.get('status'));
  if (status) query.status = status;
  const riskClass = oneOf<RiskClass>(RISK_CLASSES, params.get('riskClass'));
  if (riskClass) query.riskClass = riskClass;
  if (params.get('mine') === 'true') query.mine = 'true';
  return query;
}

/**
 * The stage id the API filters by, for the stage key in the URL. Links from before keys were
 * used carry the id, which is accepted too. Undefined while the stages are still loading; an
 * unknown key is sent as it is, so the list says honestly that nothing matches.
 */
export function stageFilterId(
  stage: string | undefined,
  stages: readonly Pick<Stage, 'id' | 'key'>[] | undefined,
): string | undefined {
  if (stage === undefined || !stages) return undefined;
  return stages.find((s) => s.key === stage || s.id === stage)?.id ?? stage;
}

export function parseSort(params: URLSearchParams): { key: SortKey; dir: SortDir } {
  const key = oneOf(SORT_KEYS, params.get('sort')) ?? 'updated';
  const dir =
    oneOf<SortDir>(['asc', 'desc'], params.get('dir')) ?? (key === 'updated' ? 'desc' : 'asc');
  return { key, dir };
}

/**
 * Filters and sort order live in the URL, so a filtered list is a link one can share.
 * Changes replace the history entry: back leaves the list rather than undoing each keystroke.
 */
export function useInitiativeFilters() {
  const { params, setParams, filters, setFilter, clear, activeCount } = useUrlFilters(
    FILTER_KEYS,
    parseFilters,
  );
  const sort = useMemo(() => parseSort(params), [params]);

  const setSort = useCallback(
    (key: SortKey) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const current = parseSort(prev);
          const dir: SortDir =
            current.key === key
              ? current.dir === 'asc'
                ? 'desc'
                : 'asc'
              : key === 'updated'
                ? 'desc'
                : 'asc';
          next.set('sort', key);
          next.set('dir', dir);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filters, sort, setFilter, setSort, clear, activeCount };
}
