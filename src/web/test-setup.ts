// DOM matchers (toBeInTheDocument, toBeDisabled, toHaveValue …) on Vitest's expect, with types.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import i18n, { initI18n } from './i18n/index.js';
import { de, en } from './i18n/resources.js';
import { matchNothing } from './test-support/viewport.js';

// Mantine reads media queries and observes sizes; happy-dom has neither.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: vi.fn(matchNothing),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
if (!('scrollIntoView' in window.HTMLElement.prototype)) {
  Object.defineProperty(window.HTMLElement.prototype, 'scrollIntoView', { value: () => {} });
}

if (!('fonts' in document) || !document.fonts) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
  });
}

// Both languages at hand at once (the browser's app loads each from its own chunk).
initI18n({ lng: 'en', bundled: { de, en } });

// Each test starts as if it were the first: English, a wide screen, the real clock and fetch,
// nothing stored (the language is changed before the clearing, as i18next stores it).
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.mocked(window.matchMedia).mockImplementation(matchNothing);
  await i18n.changeLanguage('en');
  localStorage.clear();
});
