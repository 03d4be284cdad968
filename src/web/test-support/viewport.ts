import { vi } from 'vitest';

/**
 * What happy-dom lacks and Mantine asks for: a media query that never matches (a wide
 * screen). test-setup installs it and puts it back after each test.
 */
export const matchNothing = (query: string): MediaQueryList =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }) as unknown as MediaQueryList;

/** For the rest of the test the screen is a phone's: every `max-width` query matches. */
export function asPhone(): void {
  vi.mocked(window.matchMedia).mockImplementation((query: string) =>
    Object.assign(matchNothing(query), { matches: query.includes('max-width') }),
  );
}
