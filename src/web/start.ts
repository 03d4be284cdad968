import { createQueryClient } from './api/queryClient.js';
import { initI18n } from './i18n/index.js';
import { preloadRoute } from './preload.js';

/**
 * Imported first by main.tsx, so it runs before the rest of the app's code is evaluated: the
 * requests for the session and the page's code and data are on their way meanwhile. The
 * language is settled first (last choice, else the browser), because some answers are asked
 * for in it (the portfolio's reasons): a prefetch in another language would be fetched twice.
 */
initI18n();
export const queryClient = createQueryClient();
/** Settles when the session and the first page's code and data are there (preloadRoute). */
export const firstScreen = preloadRoute(queryClient, window.location);
