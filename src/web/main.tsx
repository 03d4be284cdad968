// First: starts the requests the page needs while the rest of the code is evaluated.
import { queryClient } from './start.js';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { config as zodConfig } from 'zod';
import { App } from './App.js';
import { Providers } from './Providers.js';

// zod would probe `new Function` to speed up parsing; the Content-Security-Policy allows no
// eval, so it is told not to try (and the browser reports no violation).
zodConfig({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in index.html');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
