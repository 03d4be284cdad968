import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioApp, type Scenario } from '../test-support/scenario.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

/** Directives as a map, from a Content-Security-Policy header. */
const directives = (header: unknown): Map<string, string[]> =>
  new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );

describe('security headers', () => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp('sqlite'));
  });
  afterAll(async () => t?.close());

  it('a Content-Security-Policy without inline script on every answer', async () => {
    for (const url of ['/api/health', '/api/me', '/initiatives', '/api/nope']) {
      const res = await t.inject({ method: 'GET', url, user: s.biz });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(csp.get('script-src'), url).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), url).toEqual(["'none'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(csp.get('base-uri'), url).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect([...csp.values()].flat(), url).not.toContain("'unsafe-eval'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('no-store on signed-in JSON, CSV and iCalendar answers', async () => {
    const json = await t.inject({ method: 'GET', url: '/api/initiatives', user: s.biz });
    expect(json.statusCode).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    const csv = await t.inject({
      method: 'GET',
      url: `/api/metrics/${s.metric.id}/series.csv`,
      user: s.biz,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['cache-control']).toBe('no-store');
    const feed = await t.inject({
      method: 'POST',
      url: '/api/calendar-feeds',
      user: s.biz,
      body: {},
    });
    const ics = await t.inject({ method: 'GET', url: feed.json<{ path: string }>().path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.headers['cache-control']).toBe('no-store');
    expect(ics.headers['referrer-policy']).toBe('no-referrer');
    const problem = await t.inject({ method: 'GET', url: '/api/initiatives', user: undefined });
    expect(problem.headers['cache-control']).toBe('no-store');
  });
});

describe('behind https', () => {
  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const https = await createTestApp('sqlite', { PUBLIC_URL: 'https://tandem.example.com' });
    const http = await createTestApp('sqlite', { PUBLIC_URL: 'http://tandem.internal:3000' });
    try {
      const a = await https.inject({ method: 'GET', url: '/api/health' });
      expect(a.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
      const b = await http.inject({ method: 'GET', url: '/api/health' });
      expect(b.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await https.close();
      await http.close();
    }
  });
});
