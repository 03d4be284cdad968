import { useEffect } from 'react';

/**
 * Whether the app is drawing its first render over a page the server drew (ssr.tsx,
 * http/first-screen.ts): React then takes the server's elements over (hydration) instead of
 * making them again, which needs this render to come out as the server's did. What depends on
 * the browser (the window's size, the stored colour scheme) uses the server's value for it and
 * the browser's right after.
 */
let hydrating = false;

/** main.tsx, right before it hydrates the page. */
export function startHydrating(): void {
  hydrating = true;
}

export const isHydrating = (): boolean => hydrating;

/**
 * In the long list that a drawn page is drawn for (useVirtualRows): its first commit ends the
 * hydration. Not the app's root: React hydrates what is inside a Suspense boundary (the
 * routes) after the rest has been committed.
 */
export function useEndOfHydration(): void {
  useEffect(() => {
    hydrating = false;
    // The list answers clicks and typing from now on (before, a drawn page's links work as
    // plain links, its fields and buttons not yet): what browser tests wait for.
    document.documentElement.setAttribute('data-list-ready', '');
  }, []);
}
