import { useMediaQuery } from '@mantine/hooks';

/**
 * A phone's screen (below Mantine's `sm` breakpoint): lists become cards, filters fold away.
 * public/early.js asks the same question before the app's code loads (a test keeps the two
 * the same); a different answer there only costs a request.
 */
export const PHONE_QUERY = '(max-width: 47.99em)';

/** Whether the screen is a phone's (PHONE_QUERY), following rotation and resizing. */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY) ?? false;
}

/** The same, once, outside React (at start-up); false where it cannot be told (the server). */
export function isPhone(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia(PHONE_QUERY).matches
  );
}
