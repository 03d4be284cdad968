import { useEffect, useState } from 'react';

let reached = false;
const waiting = new Set<() => void>();
let scheduled = false;

function schedule() {
  if (scheduled) return;
  scheduled = true;
  const done = () => {
    reached = true;
    for (const fn of waiting) fn();
    waiting.clear();
  };
  // The first idle moment after the page drew (at the latest after 2 s on a busy machine).
  requestIdleCallback(done, { timeout: 2000 });
}

/**
 * False until the browser is first idle after start-up, then true for good. What the app
 * shell asks for besides the page (the bell's count, the desk badge, the live stream) waits
 * for it, so on a slow connection or a busy computer the page's own code and data get the
 * browser's six connections and the main thread first.
 */
export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(
    () => reached || typeof requestIdleCallback === 'undefined',
  );
  useEffect(() => {
    if (ready) return;
    const fn = () => setReady(true);
    waiting.add(fn);
    schedule();
    return () => {
      waiting.delete(fn);
    };
  }, [ready]);
  return ready;
}
