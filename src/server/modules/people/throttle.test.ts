import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, ORIGIN, type TestApp } from '../../test-support/test-app.js';
import { LIMITS } from './throttle.js';

const dialects = await testDialects();

describe.each(dialects)('sign-in throttling under parallel attempts (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  /** A sign-in from a given client address (the socket's, no proxy is trusted). */
  const login = (email: string, password: string, ip: string, headers = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { origin: ORIGIN, host: 'localhost:80', ...headers },
      payload: { email, password },
    });

  const statuses = (codes: number[]) => {
    const count = new Map<number, number>();
    for (const c of codes) count.set(c, (count.get(c) ?? 0) + 1);
    return count;
  };

  it('200 parallel wrong passwords: at most the limit are checked, the rest get 429', async () => {
    const u = await t.user();
    const codes = (
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => login(u.email, `wrong-${i}`, '10.1.0.1')),
      )
    ).map((r) => r.statusCode);
    const count = statuses(codes);
    expect(count.get(401) ?? 0).toBeLessThanOrEqual(LIMITS.account);
    expect(count.get(401) ?? 0).toBeGreaterThan(0);
    expect((count.get(401) ?? 0) + (count.get(429) ?? 0)).toBe(200);
    // The right password is refused too until the block ends.
    expect((await login(u.email, u.password, '10.1.0.2')).statusCode).toBe(429);
  });

  it('a correct password inside a burst is refused once the limit is reached', async () => {
    const u = await t.user();
    const burst = Array.from({ length: 60 }, (_, i) =>
      i === 40 ? login(u.email, u.password, '10.1.1.1') : login(u.email, `wrong-${i}`, '10.1.1.1'),
    );
    const codes = (await Promise.all(burst)).map((r) => r.statusCode);
    const count = statuses(codes);
    // Every password check that ran used one of the limited attempts.
    expect(count.get(401) ?? 0).toBeLessThanOrEqual(LIMITS.account);
    expect((count.get(401) ?? 0) + (count.get(200) ?? 0)).toBeLessThanOrEqual(LIMITS.account + 1);
    expect(count.get(429) ?? 0).toBeGreaterThanOrEqual(60 - LIMITS.account - 1);
    // The limit is reached now: the right password gets 429, in a burst or alone.
    const after = await Promise.all(
      Array.from({ length: 10 }, () => login(u.email, u.password, '10.1.1.2')),
    );
    expect(after.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 429));
    expect(Number(after[0]?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('per address: a new X-Forwarded-For per attempt does not escape the limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LIMITS.ip + 5; i += 1) {
      const r = await login(`nobody-${i}@example.com`, 'wrong-password', '10.1.2.1', {
        'x-forwarded-for': `192.0.2.${i}`,
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, LIMITS.ip)).toEqual(Array.from({ length: LIMITS.ip }, () => 401));
    expect(codes.slice(LIMITS.ip)).toEqual(Array.from({ length: 5 }, () => 429));
  });

  it('a successful sign-in does not use up an attempt', async () => {
    const u = await t.user();
    for (let i = 0; i < LIMITS.account + 3; i += 1)
      expect((await login(u.email, u.password, '10.1.3.1')).statusCode).toBe(200);
    for (let i = 0; i < LIMITS.account; i += 1)
      expect((await login(u.email, 'wrong-password', '10.1.3.1')).statusCode).toBe(401);
    expect((await login(u.email, u.password, '10.1.3.1')).statusCode).toBe(429);
  });
});

describe.each(dialects)('changing the own password is throttled (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const change = (u: Awaited<ReturnType<TestApp['user']>>, currentPassword: string) =>
    t.inject({
      method: 'POST',
      url: '/api/me/password',
      user: u,
      body: { currentPassword, newPassword: 'a-brand-new-password' },
    });

  it('40 wrong current passwords: the first 5 get 422, the rest 429, the right one too', async () => {
    const u = await t.user();
    const codes: number[] = [];
    for (let i = 0; i < 40; i += 1) codes.push((await change(u, `wrong-${i}`)).statusCode);
    expect(codes.slice(0, LIMITS.password)).toEqual(
      Array.from({ length: LIMITS.password }, () => 422),
    );
    expect(new Set(codes.slice(LIMITS.password))).toEqual(new Set([429]));
    const right = await change(u, u.password);
    expect(right.statusCode).toBe(429);
    expect(right.headers['content-type']).toMatch(/problem\+json/);
    // After the block, the right password works.
    t.setClock(new Date(t.now().getTime() + 16 * 60_000));
    expect((await change(u, u.password)).statusCode).toBe(200);
  });

  it('parallel wrong current passwords: at most the limit are checked', async () => {
    const u = await t.user();
    const codes = (
      await Promise.all(Array.from({ length: 60 }, (_, i) => change(u, `wrong-${i}`)))
    ).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 422).length).toBeLessThanOrEqual(LIMITS.password);
    expect(codes.filter((c) => c !== 422 && c !== 429)).toEqual([]);
  });
});
