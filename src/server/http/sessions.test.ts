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
