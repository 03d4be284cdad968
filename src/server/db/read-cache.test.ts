import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../contracts/initiatives.js';
import { buildApp } from '../app.js';
import { createUser } from '../modules/people/users.service.js';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, ORIGIN, type TestApp } from '../test-support/test-app.js';
import { connect } from './connect.js';
import { ReadCache } from './read-cache.js';

const dialects = await testDialects();

/** Waits until `check` holds (another instance's change arrives as a notification). */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe.skipIf(!dialects.includes('postgres'))(
  'two app instances on one PostgreSQL database',
  () => {
    let a: TestApp;
    let b: Awaited<ReturnType<typeof buildApp>>;
    let dbB: ReturnType<typeof connect>;
    beforeAll(async () => {
      a = await createTestApp('postgres');
      dbB = connect({
        dialect: 'postgres',
        url: (a.app.ctx.config.database as { url: string }).url,
      });
      b = await buildApp({ config: a.app.ctx.config, db: dbB, now: a.now });
      // Both listen before the test starts.
      await eventually(
        async () => a.db.changeToken() !== undefined && dbB.changeToken() !== undefined,
      );
    });
    afterAll(async () => {
      await b?.close();
      await dbB?.close();
      await a?.close();
    });

    it('a change made through one instance empties the other instance’s caches', async () => {
      const biz = await a.user({ side: 'business' });
      const it_ = await a.user({ side: 'it' });
      const list = async () =>
        (await a.inject({ method: 'GET', url: '/api/initiatives', user: biz }))
          .json<InitiativeSummary[]>()
          .map((i) => i.title);
      expect(await list()).toEqual([]);
      expect(await list()).toEqual([]); // now cached on A
      const created = await b.inject({
        method: 'POST',
        url: '/api/initiatives',
        headers: { origin: ORIGIN, host: 'localhost:80', cookie: biz.cookie },
        payload: {
          title: 'Made on B',
          problem: 'p',
          expectedBenefit: 'b',
          department: 'd',
          businessOwnerId: biz.id,
          itOwnerId: it_.id,
          riskClass: 'minimal',
        },
      });
      expect(created.statusCode).toBe(201);
      expect(await eventually(async () => (await list()).includes('Made on B'))).toBe(true);
    });

    it('a user disabled on one instance is signed out on the other', async () => {
      const admin = await a.user({ side: 'it', role: 'admin' });
      const { user: victim } = await createUser(a.app.ctx, null, {
        email: 'victim@example.com',
        name: 'V',
        language: 'en',
        side: 'business',
        role: 'member',
        password: 'victim-password-1',
      });
      const login = await a.inject({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: 'victim@example.com', password: 'victim-password-1' },
      });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const me = async () =>
        (await a.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode;
      expect(await me()).toBe(200);
      expect(await me()).toBe(200); // cached on A
      const res = await b.inject({
        method: 'PATCH',
        url: `/api/users/${victim.id}`,
        headers: { origin: ORIGIN, host: 'localhost:80', cookie: admin.cookie },
        payload: { disabled: true },
      });
      expect(res.statusCode).toBe(200);
      expect(await eventually(async () => (await me()) === 401)).toBe(true);
    });
  },
);

describe('ReadCache.getOrLoad', () => {
  it('shares one load among concurrent misses of the same key and token, not across tokens', async () => {
    const cache = new ReadCache<number>();
    let loads = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      loads += 1;
      await gate;
      return loads;
    };
    const same = [1, 2, 3].map(() => cache.getOrLoad('k', 't1', load));
    // After a write (new token) a reader must not get what was read before it.
    const later = cache.getOrLoad('k', 't2', load);
    release();
    expect(await Promise.all(same)).toEqual([2, 2, 2]);
    expect(await later).toBe(2);
    expect(loads).toBe(2);
    // Cached now: no further load under t2; a failed load is not cached.
    expect(await cache.getOrLoad('k', 't2', load)).toBe(2);
    await expect(
      cache.getOrLoad('x', 't2', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await cache.getOrLoad('x', 't2', () => Promise.resolve(7))).toBe(7);
    // Without a token nothing is shared or kept.
    expect(await cache.getOrLoad('k', undefined, () => Promise.resolve(9))).toBe(9);
    expect(loads).toBe(2);
  });
});
