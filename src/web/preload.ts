import type { QueryClient } from '@tanstack/react-query';
import { forgetEarlyAnswers } from './api/client.js';
import {
  initiativesListQuery,
  initiativesListQueryForUrl,
} from './modules/initiatives/list-query.js';
import { parsePortfolioQuery, portfolioQuery } from './modules/health/portfolio-query.js';
import { departmentsQuery, peopleQuery } from './queries/people.js';
import { fetchMe, meKey } from './queries/session.js';
import { stagesQuery } from './queries/stages.js';

/** The code of the big list pages, loaded on demand (App.tsx) or ahead (preloadRoute). */
export const loadInitiativesListPage = () => import('./modules/initiatives/InitiativesListPage.js');
export const loadPortfolioPage = () => import('./modules/health/PortfolioPage.js');

/**
 * At start-up, before React renders: ask for the session, the page's code and the page's data
 * at once instead of one after the other (session → code → data). With a thousand initiatives
 * this is what decides how soon the first row shows. A request that fails here (signed out)
 * is simply asked again by the page.
 */
export function preloadRoute(
  queryClient: QueryClient,
  location: Pick<Location, 'pathname' | 'search'>,
) {
  void queryClient.prefetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
  const path = location.pathname.replace(/\/+$/, '');
  const params = new URLSearchParams(location.search);
  // The list's data first, then the code: the browser opens at most six connections to a
  // host and serves them in the order asked, and the list is the longest answer.
  if (path === '/initiatives') {
    const query = initiativesListQueryForUrl(params);
    if (query) void queryClient.prefetchQuery(initiativesListQuery(query));
    void queryClient.prefetchQuery(stagesQuery);
    void loadInitiativesListPage();
    void queryClient.prefetchQuery(peopleQuery);
    void queryClient.prefetchQuery(departmentsQuery);
  } else if (path === '/portfolio') {
    void queryClient.prefetchQuery(portfolioQuery(parsePortfolioQuery(params)));
    void queryClient.prefetchQuery(stagesQuery);
    void loadPortfolioPage();
    void queryClient.prefetchQuery(departmentsQuery);
  }
  // Every request above has taken its early answer (public/early.js), if there was one.
  forgetEarlyAnswers();
}
