import { useMediaQuery } from '@mantine/hooks';
import { isHydrating } from './hydration.js';

/**
 * A phone's screen (below Mantine's `sm` breakpoint): lists become cards, filters fold away.
 * public/early.js asks the same question before the app's code loads (a test keeps the two
 * the same); a different answer there only costs a request.
 */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * Whether the screen matches a media query, following rotation and resizing; known at the
 * first render. Mantine's default answers `undefined` first and asks in an effect: every page
 * with a list then rendered twice as it started (the portfolio's whole page with its six
 * filters again, ~200 ms on a busy two-core computer, before the browser was idle). While the
 * app takes over a page drawn on the server, first the server's answer (a wide screen: no
 * phone is drawn), then the browser's, which changes nothing where they agree.
 */
export function useScreenQuery(query: string): boolean {
  // Mantine's first answer: `false` asked in an effect (the server's, while hydrating), else
  // the browser's at once (it ignores the given value then). Read only by the first render.
  return useMediaQuery(query, false, {
    getInitialValueInEffect: typeof window === 'undefined' || isHydrating(),
  });
}

/** Whether the screen is a phone's (PHONE_QUERY), following rotation and resizing. */
export function usePhone(): boolean {
  return useScreenQuery(PHONE_QUERY);
}

/** The same, once, outside React (at start-up); false where it cannot be told (the server). */
export function isPhone(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia(PHONE_QUERY).matches
  );
}
