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
import { lazyPage } from './lib/lazyPage.js';
import { isPhone } from './lib/phone.js';

/** The big list pages, their code loaded on demand (App.tsx) or ahead (preloadRoute). */
export const InitiativesListPage = lazyPage(
  () => import('./modules/initiatives/InitiativesListPage.js'),
);
export const PortfolioPage = lazyPage(() => import('./modules/health/PortfolioPage.js'));

/**
 * At start-up, before React renders: ask for the session, the page's code and the page's data
 * at once instead of one after the other (session → code → data). With a thousand initiatives
 * this is what decides how soon the first row shows. A request that fails here (signed out)
 * is simply asked again by the page. Resolves when all of it is there (a failure included):
 * main.tsx draws then, so the first draw is the page with its rows, not a loader.
 */
export function preloadRoute(
  queryClient: QueryClient,
  location: Pick<Location, 'pathname' | 'search'>,
): Promise<unknown> {
  const asked: Promise<unknown>[] = [
    queryClient.prefetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 }),
  ];
  const path = location.pathname.replace(/\/+$/, '');
  const params = new URLSearchParams(location.search);
  // The list's data first, then the code: the browser opens at most six connections to a
  // host and serves them in the order asked, and the list is the longest answer.
  if (path === '/initiatives') {
    const query = initiativesListQueryForUrl(params);
    if (query) asked.push(queryClient.prefetchQuery(initiativesListQuery(query)));
    asked.push(
      queryClient.prefetchQuery(stagesQuery),
      InitiativesListPage.preload(),
      queryClient.prefetchQuery(peopleQuery),
      queryClient.prefetchQuery(departmentsQuery),
    );
  } else if (path === '/portfolio') {
    asked.push(
      queryClient.prefetchQuery(portfolioQuery(parsePortfolioQuery(params))),
      queryClient.prefetchQuery(stagesQuery),
      PortfolioPage.preload(),
      queryClient.prefetchQuery(departmentsQuery),
    );
    // The owner filter's people, where the filters show at once (PortfolioPage; early.js).
    if (!isPhone()) asked.push(queryClient.prefetchQuery(peopleQuery));
  }
  // Every request above has taken its early answer (public/early.js), if there was one.
  forgetEarlyAnswers();
  return Promise.allSettled(asked);
}
