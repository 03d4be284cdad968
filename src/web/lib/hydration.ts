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

/**
 * In the pages the server draws (the initiatives list, the portfolio), whatever they show (rows,
 * nothing found, an error): their first commit ends the hydration. Not the app's root: React
 * hydrates what is inside a Suspense boundary (the routes) after the rest has been committed.
 */
export function useEndOfHydration(): void {
  useEffect(() => {
    hydrating = false;
    drawnAt = undefined;
    // The page answers clicks and typing from now on (before, a drawn page's links work as
    // plain links, its fields and buttons not yet): what browser tests wait for.
    document.documentElement.setAttribute('data-list-ready', '');
  }, []);
}
