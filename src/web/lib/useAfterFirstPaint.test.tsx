import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHydrating, useEndOfHydration } from './hydration.js';
import { useAfterFirstPaint } from './useAfterFirstPaint.js';

/** The idle callbacks asked for, run by hand with the idle time the test gives. */
const asked: IdleRequestCallback[] = [];
// Before each test: the test setup removes stubbed globals after every test.
beforeEach(() => {
  vi.stubGlobal('requestIdleCallback', (fn: IdleRequestCallback) => asked.push(fn));
});
afterAll(() => {
  vi.unstubAllGlobals();
  delete window.__tandemTakenOver;
});

/** Runs the idle callbacks asked for so far, 1 s after the page's start (before the latest). */
function idle(ms: number) {
  const now = asked.splice(0);
  const clock = vi.spyOn(performance, 'now').mockReturnValue(1000);
  try {
    act(() => {
      for (const fn of now) fn({ didTimeout: ms === 0, timeRemaining: () => ms });
    });
  } finally {
    clock.mockRestore();
  }
}

describe('useAfterFirstPaint', () => {
  it('holds what the first screen does not need until a whole idle period after the takeover, then fetches it', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const fetchUnread = vi.fn(() => Promise.resolve(3));
    startHydrating();
    const { result } = renderHook(
      () => {
        const enabled = useAfterFirstPaint();
        return useQuery({ queryKey: ['unread'], queryFn: fetchUnread, enabled });
      },
      { wrapper },
    );
    // While the drawn page is taken over: not even a whole idle period counts.
    idle(50);
    expect(fetchUnread).not.toHaveBeenCalled();
    renderHook(() => useEndOfHydration());
    // Taken over, but only a short idle moment (or the timeout's call, with none).
    idle(12);
    idle(0);
    expect(fetchUnread).not.toHaveBeenCalled();
    // A whole idle period: asked for now, and the answer arrives.
    idle(50);
    await waitFor(() => expect(result.current.data).toBe(3));
    expect(fetchUnread).toHaveBeenCalledTimes(1);
    // Later users (another page's bell) are ready at once.
    const later = renderHook(() => useAfterFirstPaint(), { wrapper });
    expect(later.result.current).toBe(true);
  });
});
