import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Portfolio, PortfolioQuery } from '../../../contracts/portfolio.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { api, withQuery } from '../../api/client.js';
import type { Language } from '../../../contracts/common.js';
import { currentLanguage } from '../../i18n/index.js';

export const AMPELS = ['red', 'amber', 'green'] as const;

/** The portfolio's filters as the URL carries them; unknown values are ignored. */
export function parsePortfolioQuery(params: URLSearchParams): PortfolioQuery {
  const get = (k: string) => params.get(k) || undefined;
  return {
    department: get('department'),
    stage: get('stage'),
    owner: get('owner'),
    riskClass: RISK_CLASSES.find((r) => r === get('riskClass')),
    health: AMPELS.find((a) => a === get('health')),
    sort: get('sort') === 'title' ? 'title' : undefined,
  };
}

/** How many filters narrow the portfolio (the sort order is not a filter). */
export const activeFilters = (q: PortfolioQuery): number =>
  [q.department, q.stage, q.owner, q.riskClass, q.health].filter((v) => v !== undefined).length;

/**
 * The portfolio for a query: the page's query and the start-up prefetch share it. The reason
 * sentences come only in the app's language (`lang`), so switching the language asks again.
 */
export const portfolioQuery = (query: PortfolioQuery, lang: Language = currentLanguage()) =>
  queryOptions({
    queryKey: ['health', 'portfolio', query, lang] as const,
    queryFn: ({ signal }) =>
      api.get<Portfolio>(withQuery('/portfolio', { ...query, lang }), { signal }),
    placeholderData: keepPreviousData,
  });
