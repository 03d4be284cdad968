import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { deskKey } from '../queries/desk.js';
import { portfolioQuery } from '../modules/health/portfolio-query.js';
import { applyLiveMessage } from './live.js';

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
