import { useEffect } from 'react';

/**
 * Whether the app is drawing its first render over a page the server drew (ssr.tsx,
 * http/first-screen.ts): React then takes the server's elements over (hydration) instead of
 * making them again, which needs this render to come out as the server's did. What depends on
 * the browser (the window's size, the stored colour scheme) uses the server's value for it and
 * the browser's right after.
 */
let hydrating = false;
/** When the server drew the page (ms since 1970), while the app takes it over. */
let drawnAt: number | undefined;

/**
 * main.tsx, right before it hydrates the page, with the moment the server drew it (the root's
 * `data-drawn-at`): relative times ("3 hours ago") are counted from it until the page is the
 * app's, so they read as drawn even if a boundary passed meanwhile or the clocks differ.
 */
export function startHydrating(at?: number): void {
  hydrating = true;
  drawnAt = at;
}

/** ssr.tsx, around its synchronous render: every row counts from the same moment. */
export function drawingAt(at: number | undefined): void {
  drawnAt = at;
}

/** The moment relative times are counted from: the drawing's (above), else now. */
export const countFrom = (): Date => new Date(drawnAt ?? Date.now());

export const isHydrating = (): boolean => hydrating;

declare global {
  interface Window {
    /**
     * When the app had taken the page over (performance.now()): the first commit of a page the
     * server draws, whichever way the app started (hydrating the drawn page, or drawing it anew
     * with createRoot because the drawing's answers were not current or there was no drawing).
     * Set once per load; bench/large.mjs waits for it before it looks for the main thread idle
     * (a drawn page can be idle for a moment before the app's code has even arrived).
     */
    __tandemTakenOver?: number;
  }
}

/**
 * In the pages the server draws (the initiatives list, the portfolio), whatever they show (rows,
 * nothing found, an error): their first commit ends the hydration, or is the first draw of the
 * page by the app when it did not hydrate (main.tsx: createRoot). Not the app's root: React
 * hydrates what is inside a Suspense boundary (the routes) after the rest has been committed.
 */
export function useEndOfHydration(): void {
  useEffect(() => {
    hydrating = false;
    drawnAt = undefined;
    window.__tandemTakenOver ??= performance.now();
    // The page answers clicks and typing from now on (before, a drawn page's links work as
    // plain links, its fields and buttons not yet): what browser tests wait for.
    document.documentElement.setAttribute('data-list-ready', '');
  }, []);
}
