import { type Query, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAfterFirstPaint } from './useAfterFirstPaint.js';

/**
 * Keys that show many initiatives at once, refreshed on every change (also one they do not
 * show yet: a new initiative, or one just made visible): My desk (`['desk']`), and the
 * portfolio and status report (`['health', 'portfolio' | 'report', …]`).
 */
const OVERVIEWS = new Set(['desk']);
const HEALTH_OVERVIEWS = new Set(['portfolio', 'report']);
/** Keys that never show anything of an initiative. */
const UNRELATED = new Set(['me', 'people', 'departments', 'stages', 'settings']);

/**
 * Whether a cached query may show something of the initiative: My desk and the portfolio
 * always; any other whose key or data names the initiative (its page, its goals, handoffs,
 * demos and metrics, lists it appears in).
 */
export function showsInitiative(query: Query, initiativeId: string): boolean {
  const head = query.queryKey[0];
  if (typeof head === 'string' && OVERVIEWS.has(head)) return true;
  const second = query.queryKey[1];
  if (head === 'health' && typeof second === 'string' && HEALTH_OVERVIEWS.has(second)) return true;
  if (typeof head === 'string' && UNRELATED.has(head)) return false;
  if (JSON.stringify(query.queryKey).includes(initiativeId)) return true;
  const data: unknown = query.state.data;
  return data !== undefined && JSON.stringify(data).includes(initiativeId);
}

/** What a message from GET /api/live does to the cache. */
export function applyLiveMessage(
  client: QueryClient,
  message: { type: 'change'; initiativeId: string } | { type: 'resync' } | { type: 'inbox' },
): Promise<void> {
  // New notifications for me: the bell's count and the inbox refetch.
  if (message.type === 'inbox') return client.invalidateQueries({ queryKey: ['notifications'] });
  if (message.type === 'resync')
    return client.invalidateQueries({
      predicate: (q) => !UNRELATED.has(String(q.queryKey[0])),
    });
  return client.invalidateQueries({
    predicate: (q) => showsInitiative(q, message.initiativeId),
  });
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * Subscribes once to GET /api/live (server-sent events, same origin: allowed by the
 * Content-Security-Policy's connect-src 'self') and refreshes what an open page shows when
 * an initiative it shows changed, and the bell and inbox when a notification arrived. When the stream breaks it reconnects after 1, 2, 4 … 30
 * seconds, and then refreshes everything once (messages may have been missed meanwhile).
 */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  // The stream holds one of the browser's six connections: it opens once the page drew.
  const ready = useAfterFirstPaint();
  useEffect(() => {
    if (typeof EventSource === 'undefined' || !ready) return;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = MIN_DELAY_MS;
    let stopped = false;
    let missed = false;

    const connect = () => {
      if (stopped) return;
      source = new EventSource('/api/live');
      source.addEventListener('open', () => {
        delay = MIN_DELAY_MS;
        if (missed) void applyLiveMessage(client, { type: 'resync' });
        missed = false;
      });
      source.addEventListener('change', (e) => {
        try {
          const { initiativeId } = JSON.parse((e as MessageEvent<string>).data) as {
            initiativeId: string;
          };
          if (typeof initiativeId === 'string')
            void applyLiveMessage(client, { type: 'change', initiativeId });
        } catch {
          // A message we do not understand changes nothing.
        }
      });
      source.addEventListener('resync', () => void applyLiveMessage(client, { type: 'resync' }));
      source.addEventListener('inbox', () => void applyLiveMessage(client, { type: 'inbox' }));
      source.addEventListener('error', () => {
        // Our own back-off instead of the browser's: it also covers 401 and server restarts.
        source?.close();
        source = undefined;
        missed = true;
        if (stopped) return;
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [client, ready]);
}
