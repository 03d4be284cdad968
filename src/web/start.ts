import { createQueryClient } from './api/queryClient.js';
import { i18nReady, initI18n } from './i18n/index.js';
import { preloadRoute } from './preload.js';

/**
 * Imported first by main.tsx, so it runs before the rest of the app's code is evaluated: the
 * requests for the session and the page's code and data are on their way meanwhile. The
 * language is settled first (last choice, else the browser), because some answers are asked
 * for in it (the portfolio's reasons): a prefetch in another language would be fetched twice.
 */
/**
 * The page was drawn on the server (http/first-screen.ts) when the root has its elements: in
 * the language it names on `<html lang>` (the person's profile language), which the app draws
 * it in too, and asks the portfolio's reasons in.
 */
const root = document.getElementById('root');
export const drawnOnServer = root?.hasChildNodes() === true;
/**
 * Whether the app can take the drawn page over as it is (hydrate it): its times are shown in
 * the server's time zone, so only where that is the browser's too; elsewhere it draws anew.
 */
export const takeOverDrawn =
  drawnOnServer &&
  root?.getAttribute('data-time-zone') === Intl.DateTimeFormat().resolvedOptions().timeZone;
/**
 * Whether the page's large answers, which it names rather than brings (early.js asks for
 * them), came back in the version it was drawn from; if one changed in between, or early.js
 * did not run, the app draws the page anew rather than take over rows that are not its own.
 */
export const drawnAnswersCurrent: Promise<boolean> = !takeOverDrawn
  ? Promise.resolve(false)
  : Promise.race([
      window.__tandemDrawnCurrent ??
        Promise.resolve(!document.documentElement.hasAttribute('data-ask')),
      // An answer that hangs without failing: the app draws with what it gets, not never.
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
/** When the server drew it: its relative times count from then while the app takes it over. */
export const drawnAt = Number(root?.getAttribute('data-drawn-at')) || undefined;
const drawnIn = document.documentElement.lang;
initI18n(drawnOnServer && (drawnIn === 'de' || drawnIn === 'en') ? { lng: drawnIn } : {});
/**
 * Settles when the language's messages are there: their chunk is loaded from here on (early.js
 * preloads it beside this code), and nothing renders before it.
 */
export const messagesReady = i18nReady();
export const queryClient = createQueryClient();
/**
 * Settles when the session and the first page's code and data are there (preloadRoute), and
 * the messages.
 */
export const firstScreen = Promise.all([preloadRoute(queryClient, window.location), messagesReady]);
