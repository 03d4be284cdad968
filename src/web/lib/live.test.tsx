import { QueryClient, QueryClientProvider, QueryObserver } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deskKey } from '../queries/desk.js';
import { portfolioQuery } from '../modules/health/portfolio-query.js';
import { applyLiveMessage, createLiveBatcher, LIVE_BATCH_MS, useLiveUpdates } from './live.js';

describe('live updates', () => {
  it('refreshes the desk, the portfolio and what shows the changed initiative, nothing else', async () => {
    const client = new QueryClient();
    const set = (key: readonly unknown[], data: unknown) => client.setQueryData(key, data);
    set(['desk'], { total: 0 });
    // The keys as the pages use them (not a copy that could drift from them).
    set(deskKey, { total: 0 });
    set(portfolioQuery({}, 'de').queryKey, { rows: [] });
    set(['health', 'report', {}], { initiatives: [] });
    set(['health', 'initiative', 'i-2'], { initiativeId: 'i-2' });
    set(['initiatives', 'detail', 'i-1'], { id: 'i-1' });
    set(['goals', 'detail', 'g-1'], { id: 'g-1', initiative: { id: 'i-1' } });
    set(['goals', 'detail', 'g-2'], { id: 'g-2', initiative: { id: 'i-2' } });
    set(['me'], { id: 'i-1-person' });
    await applyLiveMessage(client, { type: 'change', initiativeId: 'i-1' });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(['desk'])).toBe(true);
    // The portfolio and the report do not name i-1 yet (say it is new): refreshed all the same.
    expect(stale(deskKey)).toBe(true);
    expect(stale([...portfolioQuery({}, 'de').queryKey])).toBe(true);
    expect(stale(['health', 'report', {}])).toBe(true);
    expect(stale(['health', 'initiative', 'i-2'])).toBe(false);
    expect(stale(['initiatives', 'detail', 'i-1'])).toBe(true);
    expect(stale(['goals', 'detail', 'g-1'])).toBe(true);
    expect(stale(['goals', 'detail', 'g-2'])).toBe(false);
    expect(stale(['me'])).toBe(false);
  });

  it('refreshes the bell and the inbox when a notification arrived, nothing else', async () => {
    const client = new QueryClient();
    client.setQueryData(['notifications', 'unread'], { unread: 0 });
    client.setQueryData(['notifications', 'list', false], { items: [] });
    client.setQueryData(['desk'], { total: 0 });
    await applyLiveMessage(client, { type: 'inbox' });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(['notifications', 'unread'])).toBe(true);
    expect(stale(['notifications', 'list', false])).toBe(true);
    expect(stale(['desk'])).toBe(false);
  });
});

/** GET /api/live as the hook sees it: messages the test sends. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  private readonly listeners = new Map<string, ((e: { data?: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: { data?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {}
  emit(type: string, data?: string) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data });
  }
}

/**
 * A bulk change (an import or metric push over 300 initiatives) arrives as one `change` per
 * initiative within a few server batches: each overview refetches once, not 300 times (each
 * refetch aborting the last), and what shows one of the initiatives refetches once too.
 */
describe('live updates in bulk', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('300 changes within 100 ms: one refetch per overview, none aborted', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    // The stream opens at once (not after the first paint's idle moment).
    vi.stubGlobal('requestIdleCallback', undefined);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const fetches = new Map<string, number>();
    let aborted = 0;
    const keys: (readonly unknown[])[] = [
      deskKey,
      portfolioQuery({}, 'de').queryKey,
      ['health', 'report', {}],
      ['initiatives', 'detail', 'i-7'],
      ['initiatives', 'detail', 'other'],
    ];
    const observers = keys.map(
      (queryKey) =>
        new QueryObserver(client, {
          queryKey,
          queryFn: ({ signal }) => {
            const name = JSON.stringify(queryKey);
            fetches.set(name, (fetches.get(name) ?? 0) + 1);
            signal.addEventListener('abort', () => (aborted += 1));
            // Each answer takes a while (the status report runs in full on the server).
            return new Promise((resolve) => setTimeout(() => resolve({ key: name }), 150));
          },
        }),
    );
    const unsubscribe = observers.map((o) => o.subscribe(() => undefined));
    const hook = renderHook(() => useLiveUpdates(), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      ),
    });
    await vi.advanceTimersByTimeAsync(500);
    const source = FakeEventSource.last;
    expect(source).toBeDefined();
    fetches.clear();
    // The server's batches every 50 ms: 300 initiatives' changes in 100 ms.
    for (let batch = 0; batch < 3; batch += 1) {
      for (let i = 0; i < 100; i += 1)
        source?.emit('change', JSON.stringify({ initiativeId: `i-${batch * 100 + i}` }));
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    expect(Object.fromEntries(fetches)).toEqual({
      [JSON.stringify(deskKey)]: 1,
      [JSON.stringify(portfolioQuery({}, 'de').queryKey)]: 1,
      [JSON.stringify(['health', 'report', {}])]: 1,
      [JSON.stringify(['initiatives', 'detail', 'i-7'])]: 1,
    });
    expect(aborted).toBe(0);
    hook.unmount();
    for (const u of unsubscribe) u();
  });

  it('an overview fetching when changes arrive finishes, then refetches once (it may predate them)', async () => {
    vi.useFakeTimers();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let fetches = 0;
    let aborted = 0;
    const observer = new QueryObserver(client, {
      queryKey: ['health', 'report', {}],
      queryFn: ({ signal }) => {
        fetches += 1;
        signal.addEventListener('abort', () => (aborted += 1));
        return new Promise((resolve) => setTimeout(() => resolve(fetches), 600));
      },
    });
    const unsubscribe = observer.subscribe(() => undefined);
    expect(fetches).toBe(1);
    const changes = createLiveBatcher(client);
    changes.change('i-1');
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS);
    // Still fetching: not aborted, not restarted.
    expect(fetches).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetches).toBe(2);
    expect(aborted).toBe(0);
    changes.stop();
    unsubscribe();
  });

  /**
   * The hook with observers of `keys` (each answer takes `ms`), counting each key's fetches
   * and the aborted ones; the stream open (FakeEventSource.last).
   */
  async function liveWith(keys: (readonly unknown[])[], ms = 150) {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('requestIdleCallback', undefined);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const fetches = new Map<string, number>();
    const aborted = new Map<string, number>();
    const observers = keys.map(
      (queryKey) =>
        new QueryObserver(client, {
          queryKey,
          queryFn: ({ signal }) => {
            const name = JSON.stringify(queryKey);
            fetches.set(name, (fetches.get(name) ?? 0) + 1);
            signal.addEventListener('abort', () => aborted.set(name, (aborted.get(name) ?? 0) + 1));
            return new Promise((resolve) => setTimeout(() => resolve({ key: name }), ms));
          },
        }),
    );
    const unsubscribe = observers.map((o) => o.subscribe(() => undefined));
    const hook = renderHook(() => useLiveUpdates(), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      ),
    });
    await vi.advanceTimersByTimeAsync(ms + 50);
    fetches.clear();
    return {
      client,
      fetches,
      aborted,
      source: () => FakeEventSource.last as FakeEventSource,
      end: () => {
        hook.unmount();
        for (const u of unsubscribe) u();
      },
    };
  }

  it('a resync goes with the changes of its batch: one refetch per query, none aborted', async () => {
    const name = (key: readonly unknown[]) => JSON.stringify(key);
    const keys: (readonly unknown[])[] = [
      deskKey,
      portfolioQuery({}, 'de').queryKey,
      ['health', 'report', {}],
      ['initiatives', 'detail', 'i-7'],
      ['initiatives', 'detail', 'other'],
      ['notifications', 'unread'],
      ['me'],
    ];
    const live = await liveWith(keys);
    live.source().emit('change', JSON.stringify({ initiativeId: 'i-7' }));
    await vi.advanceTimersByTimeAsync(50);
    // The server's resync (its LISTEN connection came back): nothing refetched at once…
    live.source().emit('resync');
    await vi.advanceTimersByTimeAsync(50);
    expect(Object.fromEntries(live.fetches)).toEqual({});
    live.source().emit('change', JSON.stringify({ initiativeId: 'i-8' }));
    await vi.advanceTimersByTimeAsync(2_000);
    // …but once with the batch: everything that may show an initiative's data (the other
    // initiative's page and the bell too), not 'me'; nothing twice, nothing aborted.
    expect(Object.fromEntries(live.fetches)).toEqual(
      Object.fromEntries(keys.filter((k) => k[0] !== 'me').map((k) => [name(k), 1])),
    );
    expect(Object.fromEntries(live.aborted)).toEqual({});
    live.end();
  });

  it('the first stream tells the server how old the page’s data may be; a reconnect does not', async () => {
    const live = await liveWith([['me']]);
    const first = live.source();
    // Fake timers: Date.now() and performance.timeOrigin are both the test's; the age is the
    // time since the page's start plus a second.
    const age = Number(new URL(first.url, 'http://x').searchParams.get('age'));
    expect(Number.isInteger(age)).toBe(true);
    expect(age).toBeGreaterThanOrEqual(1000);
    expect(new URL(first.url, 'http://x').pathname).toBe('/api/live');
    first.emit('error');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.source()).not.toBe(first);
    expect(live.source().url).toBe('/api/live');
    live.end();
  });

  it('the resync after a reconnect does not abort an overview fetching then: it refetches once after', async () => {
    const report = ['health', 'report', {}] as const;
    const page = ['initiatives', 'detail', 'i-7'] as const;
    const live = await liveWith([report, page], 600);
    const first = live.source();
    first.emit('error');
    // Reconnected after a second; the status report was being fetched (say a filter changed).
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.source()).not.toBe(first);
    void live.client.refetchQueries({ queryKey: report });
    await vi.advanceTimersByTimeAsync(100);
    live.source().emit('open');
    live.source().emit('change', JSON.stringify({ initiativeId: 'i-7' }));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(Object.fromEntries(live.fetches)).toEqual({
      [JSON.stringify(report)]: 2,
      [JSON.stringify(page)]: 1,
    });
    expect(Object.fromEntries(live.aborted)).toEqual({});
    live.end();
  });
});
