import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioHistory } from '../../../contracts/collaboration-health.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { MEMBERS_ONLY } from '../../test-support/given.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { snapshotHealth } from './history.service.js';

const dialects = await testDialects();

/** The portfolio's 90-day trend: counts per day from the nightly snapshots, readable only. */
describe.each(dialects)('portfolio history (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let outsider: TestUser;
  let pilot: Initiative;
  let secret: Initiative;

  const history = async (user: TestUser, query = '') => {
    const res = await t.inject({ method: 'GET', url: `/api/portfolio/history${query}`, user });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PortfolioHistory>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    outsider = await t.user({ side: 'business', name: 'Otto' });
    t.setClock(new Date('2026-08-01T01:15:00Z'));
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      department: 'Sales',
      stage: 'pilot', // no agreed goal in the pilot: red
    });
    secret = await t.given.initiative({ businessOwner: bea, itOwner: ian, ...MEMBERS_ONLY });
    // Three nightly snapshots: one too old for the trend, two within it (one run twice).
    expect(await snapshotHealth(t.app.ctx)).toBe(2);
    t.setClock(new Date('2026-11-20T01:15:00Z'));
    expect(await snapshotHealth(t.app.ctx)).toBe(2);
    t.setClock(new Date('2026-11-27T01:15:00Z'));
    expect(await snapshotHealth(t.app.ctx)).toBe(2);
    expect(await snapshotHealth(t.app.ctx)).toBe(2); // the same day again replaces it
    t.setClock(new Date('2026-11-30T10:00:00Z'));
  });
  afterAll(async () => t?.close());

  it('counts each day’s Ampel of the initiatives a team member may read, within 90 days', async () => {
    const mine = await history(bea);
    expect(mine.from).toBe('2026-09-01');
    expect(mine.trend.map((d) => d.day)).toEqual(['2026-11-20', '2026-11-27']);
    for (const day of mine.trend) {
      expect(day.green + day.amber + day.red).toBe(2);
      expect(day.red).toBeGreaterThanOrEqual(1); // the pilot without an agreed goal
      expect(day.score).toBeGreaterThanOrEqual(0);
      expect(day.score).toBeLessThanOrEqual(100);
    }
  });

  it('leaves out what the person may not read, and applies the portfolio’s filters', async () => {
    const theirs = await history(outsider);
    expect(theirs.trend.map((d) => d.green + d.amber + d.red)).toEqual([1, 1]);
    const sales = await history(bea, '?department=Sales');
    expect(sales.trend.map((d) => d.green + d.amber + d.red)).toEqual([1, 1]);
    expect(sales.trend.every((d) => d.red === 1)).toBe(true);
    const hr = await history(outsider, '?department=HR');
    expect(hr.trend).toEqual([]);
    const byOwner = await history(bea, `?owner=${outsider.id}`);
    expect(byOwner.trend).toEqual([]);
    expect(pilot.id).not.toBe(secret.id);
  });

  it('refuses a bad filter with a problem naming the field, and a signed-out request', async () => {
    const bad = await t.inject({
      method: 'GET',
      url: '/api/portfolio/history?riskClass=extreme',
      user: bea,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('riskClass');
    expect((await t.inject({ method: 'GET', url: '/api/portfolio/history' })).statusCode).toBe(401);
  });
});
