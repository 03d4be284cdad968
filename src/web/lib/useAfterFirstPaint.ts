import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

let reached = false;
const waiting = new Set<() => void>();
let scheduled = false;
/** Never later than this after start, however busy the page. */
const LATEST_MS = 3000;

function schedule(client: QueryClient) {
  if (scheduled) return;
  scheduled = true;
  const done = () => {
    reached = true;
    for (const fn of waiting) fn();
    waiting.clear();
  };
  // The first idle moment when the page's own requests are answered (and so drawn).
  const check = () =>
    requestIdleCallback(
      () => {
        if (client.isFetching() === 0 || performance.now() > LATEST_MS) done();
        else check();
      },
      { timeout: 500 },
    );
  check();
}

/**
 * False until the browser is first idle with the page's data in, then true for good. What
 * the app shell asks for besides the page (the bell's count, the desk badge, the live stream)
 * waits for it, so on a busy computer the page's own code and data get the browser's six
 * connections and the main thread first.
 */
export function useAfterFirstPaint(): boolean {
  const client = useQueryClient();
  const [ready, setReady] = useState(() => reached || typeof requestIdleCallback === 'undefined');
  useEffect(() => {
    if (ready) return;
    const fn = () => setReady(true);
    waiting.add(fn);
    schedule(client);
    return () => {
      waiting.delete(fn);
    };
  }, [ready, client]);
  return ready;
}
