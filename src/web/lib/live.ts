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

/** Whether a query is an overview (My desk, portfolio, status report): refreshed on any change. */
function isOverview(query: Query): boolean {
  const head = query.queryKey[0];
  if (typeof head === 'string' && OVERVIEWS.has(head)) return true;
  const second = query.queryKey[1];
  return head === 'health' && typeof second === 'string' && HEALTH_OVERVIEWS.has(second);
}

/**
 * Whether a cached query may show something of the initiative: My desk and the portfolio
 * always; any other whose key or data names the initiative (its page, its goals, handoffs,
 * demos and metrics, lists it appears in).
 */
export function showsInitiative(query: Query, initiativeId: string): boolean {
  return showsAnyInitiative(query, [initiativeId]);
}

/** showsInitiative for any of `ids` (the key and data written out once, not once per id). */
function showsAnyInitiative(query: Query, ids: readonly string[]): boolean {
  if (isOverview(query)) return true;
  const head = query.queryKey[0];
  if (typeof head === 'string' && UNRELATED.has(head)) return false;
  const key = JSON.stringify(query.queryKey);
  if (ids.some((id) => key.includes(id))) return true;
  const data: unknown = query.state.data;
  if (data === undefined) return false;
  const text = JSON.stringify(data);
  return ids.some((id) => text.includes(id));
}

/** Whether a query may show anything a missed message could have changed (a resync). */
const mayHaveMissed = (query: Query) => !UNRELATED.has(String(query.queryKey[0]));

/**
 * What a message from GET /api/live does to the cache, at once. The hook sends `change`
 * (and `resync`) through createLiveBatcher instead; `resync` is only there.
 */
export function applyLiveMessage(
  client: QueryClient,
  message: { type: 'change'; initiativeId: string } | { type: 'inbox' },
): Promise<void> {
  // New notifications for me: the bell's count and the inbox refetch.
  if (message.type === 'inbox') return client.invalidateQueries({ queryKey: ['notifications'] });
  return client.invalidateQueries({
    predicate: (q) => showsInitiative(q, message.initiativeId),
  });
}

/** How long changes are collected before the cache hears of them (the server sends a batch every 50 ms). */
export const LIVE_BATCH_MS = 250;

/**
 * Collects changed initiatives and refreshes the cache once per batch (LIVE_BATCH_MS after the
 * first change of a batch): a bulk import or metric push over 300 initiatives arrives as 300
 * `change` messages, which must not become 300 refetches of the portfolio or status report
 * (each one aborting the last). Pages of one initiative refetch once per batch; an overview
 * that is fetching right now is not aborted and restarted: it is refreshed once that fetch
 * ended (it may have read before the change), at the next batch. A resync (after a
 * reconnect, or the server's `resync`: messages may have been missed) is a change of
 * everything in the same batch: every query but those that never show an initiative's data
 * refetches once, together with the changes around it (not once for each), and an overview
 * fetching then is not aborted either.
 */
export function createLiveBatcher(client: QueryClient, delayMs = LIVE_BATCH_MS) {
  const changed = new Set<string>();
  let overviewsDue = false;
  let everythingDue = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const ids = [...changed];
    changed.clear();
    const everything = everythingDue;
    everythingDue = false;
    if (everything)
      void client.invalidateQueries({ predicate: (q) => !isOverview(q) && mayHaveMissed(q) });
    else if (ids.length > 0)
      void client.invalidateQueries({
        predicate: (q) => !isOverview(q) && showsAnyInitiative(q, ids),
      });
    if (!overviewsDue) return;
    overviewsDue = false;
    const overviews = client.getQueryCache().findAll({ predicate: isOverview });
    if (overviews.some((q) => q.state.fetchStatus === 'fetching')) {
      overviewsDue = true;
      schedule();
    }
    void client.invalidateQueries(
      { predicate: (q) => isOverview(q) && q.state.fetchStatus !== 'fetching' },
      { cancelRefetch: false },
    );
  };
  const schedule = () => {
    timer ??= setTimeout(flush, delayMs);
  };
  return {
    change(initiativeId: string) {
      changed.add(initiativeId);
      overviewsDue = true;
      schedule();
    },
    /** Everything may have changed (messages were missed): refreshed with the next batch. */
    resync() {
      everythingDue = true;
      overviewsDue = true;
      schedule();
    },
    /** Now, what was collected (the stream closes: nothing is lost). */
    flush,
    /** Nothing collected is applied any more. */
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      changed.clear();
      overviewsDue = false;
      everythingDue = false;
    },
  };
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * Subscribes once to GET /api/live (server-sent events, same origin: allowed by the
 * Content-Security-Policy's connect-src 'self') and refreshes what an open page shows when
 * an initiative it shows changed, and the bell and inbox when a notification arrived. When the
 * stream breaks it reconnects after 1, 2, 4 … 30 seconds, and then refreshes everything once
 * (messages may have been missed meanwhile), in the changes' batch like the server's `resync`.
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
    const changes = createLiveBatcher(client);

    let first = true;
    const connect = () => {
      if (stopped) return;
      // The first stream opens after the page has drawn (useAfterFirstPaint): a change between
      // the page's reads and now would be missed. Its data is no older than the page's start,
      // so the server is told that age (and a second more for clocks and the way there), and
      // begins the stream with `resync` when it heard of a change within it. After a break,
      // `missed` refreshes everything instead.
      const age = first
        ? Math.max(0, Math.round(Date.now() - performance.timeOrigin)) + 1000
        : null;
      first = false;
      source = new EventSource(age === null ? '/api/live' : `/api/live?age=${age}`);
      source.addEventListener('open', () => {
        delay = MIN_DELAY_MS;
        if (missed) changes.resync();
        missed = false;
      });
      source.addEventListener('change', (e) => {
        try {
          const { initiativeId } = JSON.parse((e as MessageEvent<string>).data) as {
            initiativeId: string;
          };
          if (typeof initiativeId === 'string') changes.change(initiativeId);
        } catch {
          // A message we do not understand changes nothing.
        }
      });
      source.addEventListener('resync', () => changes.resync());
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
      // What arrived is applied now, and nothing later (the changes' timer is cleared).
      changes.flush();
      changes.stop();
    };
  }, [client, ready]);
}
