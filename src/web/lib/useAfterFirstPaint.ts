import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isHydrating } from './hydration.js';

let reached = false;
const waiting = new Set<() => void>();
let scheduled = false;
/** Never later than this after start, however busy the page. */
const LATEST_MS = 3000;
/**
 * A whole idle period: Chromium gives at most 50 ms at a time, and only when nothing waits on
 * the main thread (no task, no frame to draw).
 */
const WHOLE_IDLE_MS = 49;

function schedule(client: QueryClient) {
  if (scheduled) return;
  scheduled = true;
  const done = () => {
    reached = true;
    for (const fn of waiting) fn();
    waiting.clear();
  };
  // The first whole idle period once the app has taken the page over (a drawn page is
  // hydrated in slices, with short idle moments between them) and the page's own requests
  // are answered (and so drawn).
  const check = () =>
    requestIdleCallback(
      (deadline) => {
        if (
          performance.now() > LATEST_MS ||
          (!isHydrating() && client.isFetching() === 0 && deadline.timeRemaining() >= WHOLE_IDLE_MS)
        )
          done();
        else check();
      },
      { timeout: 500 },
    );
  check();
}

/**
 * False until the browser is first idle (a whole idle period) with the page taken over and its
 * data in, then true for good. What the page does not need for its first screen (the bell's
 * count, the desk badge, the live stream, the portfolio's trend) waits for it, so on a busy
 * computer the page's own code and data get the browser's six connections and the main thread
 * first, and their answers do not break into the page's start.
 */
export function useAfterFirstPaint(): boolean {
  const client = useQueryClient();
  const [ready, setReady] = useState(() => reached || typeof requestIdleCallback === 'undefined');
  useEffect(() => {
    if (ready) return;
    // Reached between this render and its effect (the deferred work started meanwhile, and
    // those waiting then were told): ready now, not never.
    if (reached) {
      setReady(true);
      return;
    }
    const fn = () => setReady(true);
    waiting.add(fn);
    schedule(client);
    return () => {
      waiting.delete(fn);
    };
  }, [ready, client]);
  return ready;
}
