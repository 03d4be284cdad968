import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('session timeouts (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { SESSION_IDLE_MINUTES: '1', SESSION_ABSOLUTE_MINUTES: '60' });
  });
  afterAll(async () => t?.close());

  const me = (u: Awaited<ReturnType<TestApp['user']>>) =>
    t.inject({ method: 'GET', url: '/api/me', user: u });
  const advance = (ms: number) => t.setClock(new Date(t.now().getTime() + ms));

  it('idle means without requests: a session used every 15 s lives on', async () => {
    const u = await t.user();
    // Five minutes of activity with a one-minute idle timeout.
    for (let i = 0; i < 20; i += 1) {
      advance(15_000);
      expect((await me(u)).statusCode, `request ${i} at ${(i + 1) * 15} s`).toBe(200);
    }
  });

  it('ends a session after the idle time without requests, not before', async () => {
    const u = await t.user();
    advance(59_000);
    expect((await me(u)).statusCode).toBe(200);
    // 59 s after the last request: still within the idle time.
    advance(59_000);
    expect((await me(u)).statusCode).toBe(200);
    // Well past idle (plus the at most six seconds of touch grace).
    advance(67_000);
    expect((await me(u)).statusCode).toBe(401);
  });
});

describe.each(dialects)('session touches (%s)', (dialect) => {
  let t: TestApp;
  let updates = 0;
  let failNext = false;
  const failing = new Set<unknown>();
  /**
   * Counts the writes of `last_seen_at`. Asked to, fails the next one 200 ms after it was
   * sent, having written nothing (it updates no session), as a write that times out would:
   * the page's other requests are waiting for it by then.
   */
  const counter: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      if (node.kind === 'UpdateQueryNode' && JSON.stringify(node).includes('"last_seen_at"')) {
        updates += 1;
        if (failNext) {
          failNext = false;
          failing.add(queryId);
          return JSON.parse(JSON.stringify(node).replace('"id_hash"', '"id"')) as typeof node;
        }
      }
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      if (!failing.delete(queryId)) return result;
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error('the touch timed out');
    },
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, { SESSION_IDLE_MINUTES: '30' }, { plugins: [counter] });
  });
  afterAll(async () => t?.close());

  const me = (u: Awaited<ReturnType<TestApp['user']>>) =>
    t.inject({ method: 'GET', url: '/api/me', user: u });
  const advance = (ms: number) => t.setClock(new Date(t.now().getTime() + ms));
  const lastSeen = async (userId: string) =>
    (
      await t.db.kysely
        .selectFrom('sessions')
        .select('last_seen_at')
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).last_seen_at;

  // On SQLite the one connection already serialised these requests (the test passed there
  // before the fix); on PostgreSQL each wrote.
  it('a page’s requests arriving together write the session’s last request once', async () => {
    const u = await t.user();
    expect((await me(u)).statusCode).toBe(200);
    for (let minute = 1; minute <= 5; minute += 1) {
      advance(61_000);
      const before = updates;
      const answers = await Promise.all(Array.from({ length: 20 }, () => me(u)));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
      expect(updates - before, `minute ${minute}`).toBe(1);
      expect(await lastSeen(u.id)).toBe(t.now().toISOString());
      // Within the next minute no request writes it again.
      advance(30_000);
      await Promise.all([me(u), me(u), me(u)]);
      expect(updates - before, `minute ${minute}, 30 s later`).toBe(1);
    }
  });

  it('when the touch fails, a request that waited for it writes instead', async () => {
    const u = await t.user();
    expect((await me(u)).statusCode).toBe(200);
    advance(61_000);
    const before = updates;
    failNext = true;
    const answers = await Promise.all(Array.from({ length: 20 }, () => me(u)));
    expect(answers.filter((a) => a.statusCode !== 200)).toHaveLength(1);
    expect(updates - before).toBe(2);
    expect(await lastSeen(u.id)).toBe(t.now().toISOString());
  });
});
