import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../modules/people/throttle.js';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, ORIGIN, type TestApp } from '../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('CSRF is decided by the route, not the raw URL (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

  it.each(['/%61pi/auth/logout', '/api/auth/%6Cogout', '/%61%70%69/auth/logout'])(
    'a cross-site POST %s does not end the session',
    async (url) => {
      const u = await t.user();
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: u.cookie, host: 'localhost:80', ...crossSite },
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(200);
    },
  );

  it('a cross-site sign-in through an encoded path is refused and sets no cookie', async () => {
    const u = await t.user();
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/auth/login',
      headers: { host: 'localhost:80', ...crossSite },
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toEqual([]);
  });

  it('a cross-site write with the cookie through an encoded path changes nothing', async () => {
    const u = await t.user();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/%61pi/me',
      headers: { cookie: u.cookie, host: 'localhost:80', ...crossSite },
      payload: { name: 'Forged' },
    });
    expect(res.statusCode).toBe(403);
    const me = await t.inject({ method: 'GET', url: '/api/me', user: u });
    expect(me.json<{ name: string }>().name).not.toBe('Forged');
  });
});

describe.each(dialects)('forwarded headers (%s)', (dialect) => {
  const login = (t: TestApp, peer: string, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: peer,
      headers: { origin: 'https://tandem.example.com', 'x-forwarded-for': forwardedFor },
      payload: { email: `nobody-${forwardedFor}@example.com`, password: 'wrong-password' },
    });

  it('with PUBLIC_URL but no TRUST_PROXY, X-Forwarded-For does not pick the client address', async () => {
    const t = await createTestApp(dialect, { PUBLIC_URL: 'https://tandem.example.com' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < LIMITS.ip + 3; i += 1)
        codes.push((await login(t, '198.51.100.7', `203.0.113.${i}`)).statusCode);
      expect(codes.slice(LIMITS.ip)).toEqual([429, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it('from a proxy in TRUST_PROXY, X-Forwarded-For names the client; from others it does not', async () => {
    const t = await createTestApp(dialect, {
      PUBLIC_URL: 'https://tandem.example.com',
      TRUST_PROXY: '10.20.0.0/16, 127.0.0.1',
    });
    try {
      // Behind the proxy every client has its own limit.
      for (let i = 0; i < LIMITS.ip + 3; i += 1)
        expect((await login(t, '10.20.0.5', `203.0.113.${i}`)).statusCode).toBe(401);
      // A peer outside the list is its own client, whatever it claims.
      const codes: number[] = [];
      for (let i = 0; i < LIMITS.ip + 1; i += 1)
        codes.push((await login(t, '198.51.100.8', `203.0.113.${100 + i}`)).statusCode);
      expect(codes.at(-1)).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('TRUST_PROXY sanity', () => {
  it('the default test app trusts no proxy', async () => {
    const t = await createTestApp('sqlite');
    try {
      expect(t.app.ctx.config.trustProxy).toEqual([]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.30.0.1',
        headers: { origin: ORIGIN, host: 'localhost:80', 'x-forwarded-for': '1.2.3.4' },
        payload: { email: 'nobody@example.com', password: 'wrong-password' },
      });
      expect(res.statusCode).toBe(401);
      const keys = await t.db.kysely.selectFrom('login_throttle').select('key').execute();
      expect(keys.map((k) => k.key)).toContain('ip:10.30.0.1');
      expect(keys.map((k) => k.key)).not.toContain('ip:1.2.3.4');
    } finally {
      await t.close();
    }
  });
});
