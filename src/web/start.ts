import { createQueryClient } from './api/queryClient.js';
import { preloadRoute } from './preload.js';

/**
 * Imported first by main.tsx, so it runs before the rest of the app's code is evaluated: the
 * requests for the session and the page's code and data are on their way meanwhile.
 */
export const queryClient = createQueryClient();
preloadRoute(queryClient, window.location);
