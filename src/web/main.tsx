// First: starts the requests the page needs while the rest of the code is evaluated.
import {
  drawnAnswersCurrent,
  drawnAt,
  firstScreen,
  messagesReady,
  queryClient,
  takeOverDrawn,
} from './start.js';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { config as zodConfig } from 'zod';
import { App } from './App.js';
import { Providers } from './Providers.js';
import { startHydrating } from './lib/hydration.js';

// zod would probe `new Function` to speed up parsing; the Content-Security-Policy allows no
// eval, so it is told not to try (and the browser reports no violation).
zodConfig({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in index.html');

const app = (
  <StrictMode>
    <Providers queryClient={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Providers>
  </StrictMode>
);

if (takeOverDrawn) {
  // The page is on screen already, drawn on the server from the answers the app now has
  // (early.js took them from the page): React takes its elements over instead of making them
  // again, once the page's code is there. Should this render still come out otherwise, React
  // draws the page anew, as without the server.
  void Promise.all([firstScreen, drawnAnswersCurrent]).then(([, current]) => {
    if (!current) {
      // The list changed between the drawing and the app's own answer: drawn anew.
      createRoot(root).render(app);
      return;
    }
    startHydrating(drawnAt);
    hydrateRoot(root, app);
  });
} else {
  // The first draw waits for the session and the page's code and data (normally there
  // already: early.js asked for them while this code loaded), so it is the page with its rows,
  // not a loader that React then holds for its Suspense throttle and draws again. Slow answers
  // do not hold the page's frame back for long. A page drawn on the server in another time
  // zone stays on screen until this draw replaces it. Never without the messages, though: no
  // render shows keys.
  void Promise.all([
    messagesReady,
    Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, 250))]),
  ]).then(() => createRoot(root).render(app));
}
