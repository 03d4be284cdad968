import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, ORIGIN, type TestApp } from '../test-support/test-app.js';
import type { RegisteredRoute } from './routes.js';

const dialects = await testDialects();

/**
 * Walks every route Fastify registered (collected by an `onRoute` hook), so a route added
 * tomorrow is covered without anyone remembering to list it here.
 */
const PUBLIC_API_ROUTES = [
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/invite/:token',
  'POST /api/auth/accept-invite',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'GET /api/calendar/:file',
  'GET /api/auth/options',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
].sort();

const apiRoutes = (t: TestApp): RegisteredRoute[] =>
  t.app.registeredRoutes.filter(
    (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
  );

const withParams = (url: string, value: string) =>
  url.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);

const isProblem = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['content-type']).startsWith('application/problem+json');

describe.each(dialects)('every registered route (%s)', (dialect) => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    routes = apiRoutes(t);
  });
  afterAll(async () => t?.close());

  const send = (r: RegisteredRoute, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: r.method as 'GET',
      url,
      headers: { origin: ORIGIN, host: 'localhost:80', ...headers },
      ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
    });

  it('finds the routes, and exactly the expected ones are public', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(
      routes
        .filter((r) => r.access === 'public')
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(PUBLIC_API_ROUTES);
    expect(routes.filter((r) => r.access === 'bearer').map((r) => r.url)).toEqual([
      '/api/push/measurements',
    ]);
  });

  it('every non-public route answers 401 problem+json when signed out, whatever the body', async () => {
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await send(r, withParams(r.url, randomUUID()));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(isProblem(res), `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('signed in, every route answers bad input with problem+json and never 5xx', async () => {
    const admin = await t.user({ role: 'admin', side: 'it' });
    // Logout last: it ends the session the others use.
    const ordered = [...routes].sort(
      (a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'),
    );
    for (const r of ordered) {
      const what = `${r.method} ${r.url}`;
      for (const url of [
        withParams(r.url, randomUUID()),
        `${withParams(r.url, 'x'.repeat(60))}?limit=-1&period=fortnight`,
      ]) {
        const res = await send(r, url, { cookie: admin.cookie });
        expect(res.statusCode, `${what} ${url}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(isProblem(res), `${what} ${url}`).toBe(true);
      }
      // Control characters anywhere in a request are a field error, on every route.
      const nul = await send(r, `${withParams(r.url, '%00')}?probe=%00`, { cookie: admin.cookie });
      const expected = r.access === 'bearer' ? 401 : 400;
      expect(nul.statusCode, `${what} with NUL: ${nul.body}`).toBe(expected);
      expect(isProblem(nul), what).toBe(true);
    }
  });
});
