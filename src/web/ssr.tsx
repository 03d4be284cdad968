// The first screen of the big list pages drawn on the server (http/first-screen.ts), built by
// `vite build --ssr` into dist/web-ssr. The same components, queries and messages as in the
// browser: the server asks its own routes for the data (as early.js would), renders the page
// to HTML, and the browser shows that at once, before the app's code has arrived and run.
// The app then takes the drawn elements over (hydration, main.tsx): this tree must be the one
// main.tsx renders, with the same data (the answers go along in the page) and language.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { config as zodConfig } from 'zod';
import type { Language } from '../contracts/common.js';
import { setTransport, type Transport } from './api/client.js';
import { createQueryClient } from './api/queryClient.js';
import { App } from './App.js';
import i18n, { currentLanguage, initI18n } from './i18n/index.js';
import { drawingAt } from './lib/hydration.js';
import { de, en } from './i18n/resources.js';
import { preloadRoute } from './preload.js';
import { Providers } from './Providers.js';
import { fetchMe, meKey } from './queries/session.js';

zodConfig({ jitless: true });
initI18n({ lng: 'de', bundled: { de, en } });

/** Each render's own way to the server's routes (renders of several requests may overlap). */
const asking = new AsyncLocalStorage<Transport>();
setTransport((url, init) => {
  const ask = asking.getStore();
  if (!ask) return Promise.reject(new Error(`no request to ask ${url} for`));
  return ask(url, init);
});

/** The pages drawn on the server: the two big lists (their first rows are the slow part). */
export const FIRST_SCREEN_PATHS: readonly string[] = ['/initiatives', '/portfolio'];

export interface FirstScreen {
  /** The page's markup, to go into `<div id="root">`. */
  html: string;
  /** The language it is drawn in (the signed-in person's), for `<html lang>`. */
  lang: Language;
  /**
   * The time zone its times are shown in (the server's): the app takes the drawn page over only
   * in a browser in the same zone (main.tsx), and draws it anew elsewhere.
   */
  timeZone: string;
  /** When it was drawn (ms since 1970): its relative times count from it (lib/hydration.ts). */
  drawnAt: number;
}

/**
 * Draws the page at `url` (path and query) as the signed-in person `ask` speaks for sees it, or
 * answers undefined where the browser should draw it alone: nobody signed in, another page, or
 * any of its data not there (an error, a filter the server cannot resolve).
 */
export async function renderFirstScreen(
  url: string,
  ask: Transport,
): Promise<FirstScreen | undefined> {
  const location = new URL(url, 'http://tandem.invalid');
  const path = location.pathname.replace(/\/+$/, '');
  if (!FIRST_SCREEN_PATHS.includes(path)) return undefined;
  const queryClient = createQueryClient();
  try {
    return await asking.run(ask, async () => {
      const me = await fetchMe();
      if (!me) return undefined;
      queryClient.setQueryData(meKey, me);
      // In the profile's language, which the app switches to once signed in (AppLayout): the
      // portfolio's reasons are asked for in it (preloadRoute, right after in the same tick),
      // and the page is drawn in it. Both languages' messages are bundled here (not in the
      // browser's main chunk), so the switch is immediate;
      // renders of other requests switch it too, so it is set again before drawing.
      if (!speak(me.language)) return undefined;
      await preloadRoute(queryClient, { pathname: path, search: location.search });
      if (!complete(queryClient) || !speak(me.language)) return undefined;
      // renderToString is synchronous: nothing switches the language while it draws, and
      // every relative time counts from the same moment, which the page names for the app.
      const drawnAt = Date.now();
      drawingAt(drawnAt);
      // The same tree as main.tsx's (StrictMode included): the browser hydrates it.
      let html: string;
      try {
        html = renderToString(
          <StrictMode>
            <Providers queryClient={queryClient}>
              <StaticRouter location={`${path}${location.search}`}>
                <App />
              </StaticRouter>
            </Providers>
          </StrictMode>,
        );
      } finally {
        drawingAt(undefined);
      }
      // A part that failed or waited (a Suspense boundary left to the browser) would show its
      // loader, or an error's digest: the browser draws such a page alone.
      if (html.includes('<!--$!-->')) throw new Error(`part of ${path} could not be drawn`);
      return {
        html,
        lang: me.language,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        drawnAt,
      };
    });
  } finally {
    queryClient.clear();
  }
}

/** Switches the app's language; false if it could not be done at once. */
function speak(language: Language): boolean {
  void i18n.changeLanguage(language);
  return currentLanguage(i18n.resolvedLanguage ?? i18n.language) === language;
}

/** Every query asked for has its data (none failed, none still waiting). */
function complete(queryClient: QueryClient): boolean {
  const queries = queryClient.getQueryCache().getAll();
  return queries.length > 1 && queries.every((q) => q.state.status === 'success');
}
