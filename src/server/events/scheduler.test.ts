import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../contracts/events.js';
import type { AppContext } from '../context.js';
import { connect, type Db } from '../db/connect.js';
import { testDialects } from '../test-support/dialects.js';
import {
  createTestApp,
  createTestDb,
  type TestApp,
  type TestUser,
} from '../test-support/test-app.js';
import { Scheduler } from './scheduler.js';
import { schedule } from './registry.js';

const dialects = await testDialects();
const log = (err: unknown, msg: string) => console.error(msg, err);

describe.each(dialects)('scheduler (%s)', (dialect) => {
  let t: TestApp;
  const cleanups: (() => void)[] = [];
  const at = (iso: string) => t.setClock(new Date(iso));
  const run = () => t.app.background.runDueJobs();
  const row = (name: string) =>
    t.db.kysely
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(async () => t?.close());

  it('runs an interval job once per period, and once after missing several', async () => {
    const runs: string[] = [];
    cleanups.push(
      schedule({
        name: 'test.quarter-hourly',
        schedule: { every: { minutes: 15 } },
        run: async (_ctx, { scheduledFor, now }) => {
          runs.push(`${scheduledFor.toISOString()} @ ${now.toISOString()}`);
        },
      }),
    );
    at('2026-12-01T10:07:00.000Z');
    expect(await run()).not.toContain('test.quarter-hourly'); // first slot: 10:15
    expect((await row('test.quarter-hourly')).next_run_at).toBe('2026-12-01T10:15:00.000Z');
    at('2026-12-01T10:14:59.999Z');
    await run();
    expect(runs).toEqual([]);
    at('2026-12-01T10:15:00.000Z');
    expect(await run()).toContain('test.quarter-hourly');
    await run();
    at('2026-12-01T10:29:00.000Z');
    await run();
    expect(runs).toEqual(['2026-12-01T10:15:00.000Z @ 2026-12-01T10:15:00.000Z']);
    at('2026-12-01T10:30:10.000Z');
    await run();
    await run();
    // Down from 10:31 to 12:05: one catch-up run, then back on the grid.
    at('2026-12-01T12:05:00.000Z');
    await run();
    await run();
    expect(runs).toEqual([
      '2026-12-01T10:15:00.000Z @ 2026-12-01T10:15:00.000Z',
      '2026-12-01T10:30:00.000Z @ 2026-12-01T10:30:10.000Z',
      '2026-12-01T10:45:00.000Z @ 2026-12-01T12:05:00.000Z',
    ]);
    expect(await row('test.quarter-hourly')).toMatchObject({
      next_run_at: '2026-12-01T12:15:00.000Z',
      runs: 3,
      last_status: 'ok',
      lease_owner: null,
    });
  });

  it('runs a weekly job at its local time, across the change to summer time', async () => {
    const runs: string[] = [];
    cleanups.push(
      schedule({
        name: 'test.monday-digest',
        schedule: { weekly: { on: 'monday', at: '07:00', timeZone: 'Europe/Berlin' } },
        run: async (_ctx, { scheduledFor }) => {
          runs.push(scheduledFor.toISOString());
        },
      }),
    );
    at('2027-03-17T12:00:00.000Z');
    await run();
    for (const day of ['2027-03-22', '2027-03-29', '2027-04-05']) {
      at(`${day}T05:59:00.000Z`);
      await run();
      at(`${day}T06:00:00.000Z`);
      await run();
      at(`${day}T07:00:00.000Z`);
      await run();
    }
    // 07:00 in Berlin: 06:00 UTC in winter, 05:00 UTC from 28 March.
    expect(runs).toEqual([
      '2027-03-22T06:00:00.000Z',
      '2027-03-29T05:00:00.000Z',
      '2027-04-05T05:00:00.000Z',
    ]);
  });

  it('retries a failed run with backoff, keeps the error for admins, and recovers', async () => {
    let fail = 2;
    let attempts = 0;
    cleanups.push(
      schedule({
        name: 'test.flaky',
        schedule: { daily: { at: '06:00', timeZone: 'UTC' } },
        run: async () => {
          attempts += 1;
          if (fail > 0) {
            fail -= 1;
            throw new Error('mail server unreachable');
          }
        },
      }),
    );
    at('2026-12-01T05:00:00.000Z');
    await run();
    at('2026-12-01T06:00:00.000Z');
    await run();
    expect(await row('test.flaky')).toMatchObject({
      last_status: 'failed',
      last_error: 'Error: mail server unreachable',
      failures: 1,
      next_run_at: '2026-12-01T06:01:00.000Z',
    });
    at('2026-12-01T06:01:00.000Z');
    await run();
    expect(await row('test.flaky')).toMatchObject({
      failures: 2,
      next_run_at: '2026-12-01T06:03:00.000Z',
    });

    // Signed in at the test clock (sessions expire as the clock moves on).
    const admin: TestUser = await t.user({ role: 'admin' });
    const member: TestUser = await t.user();
    expect((await t.inject({ method: 'GET', url: '/api/admin/jobs' })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'GET', url: '/api/admin/jobs', user: member })).statusCode,
    ).toBe(403);
    const list = await t.inject({ method: 'GET', url: '/api/admin/jobs', user: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json<ScheduledJob[]>().find((j) => j.name === 'test.flaky')).toEqual({
      name: 'test.flaky',
      schedule: 'daily 06:00 UTC',
      registered: true,
      nextRunAt: '2026-12-01T06:03:00.000Z',
      runningUntil: null,
      lastStartedAt: '2026-12-01T06:01:00.000Z',
      lastFinishedAt: '2026-12-01T06:01:00.000Z',
      lastStatus: 'failed',
      lastError: 'Error: mail server unreachable',
      failures: 2,
      runs: 2,
    });

    at('2026-12-01T06:03:00.000Z');
    await run();
    expect(attempts).toBe(3);
    expect(await row('test.flaky')).toMatchObject({
      last_status: 'ok',
      last_error: null,
      failures: 0,
      next_run_at: '2026-12-02T06:00:00.000Z',
    });
  });

  it('moves the next run when the schedule in the code changed', async () => {
    const job = { name: 'test.changed', run: async () => undefined };
    const off = schedule({ ...job, schedule: { daily: { at: '06:00', timeZone: 'UTC' } } });
    at('2026-12-01T05:00:00.000Z');
    // A fresh runtime reads the registry anew, as a restarted process would.
    const first = new Scheduler(t.app.ctx, log);
    await first.runDueJobs();
    expect((await row('test.changed')).next_run_at).toBe('2026-12-01T06:00:00.000Z');
    off();
    cleanups.push(schedule({ ...job, schedule: { every: { minutes: 10 } } }));
    await new Scheduler(t.app.ctx, log).runDueJobs();
    expect(await row('test.changed')).toMatchObject({
      schedule: 'every 10 min',
      next_run_at: '2026-12-01T05:10:00.000Z',
    });
  });

  it('refuses a job with an invalid schedule or a duplicate name', () => {
    expect(() =>
      schedule({
        name: 'test.bad',
        schedule: { daily: { at: '25:00', timeZone: 'Europe/Berlin' } },
        run: async () => undefined,
      }),
    ).toThrow(/HH:MM/);
    cleanups.push(
      schedule({
        name: 'test.twice',
        schedule: { every: { minutes: 5 } },
        run: async () => undefined,
      }),
    );
    expect(() =>
      schedule({
        name: 'test.twice',
        schedule: { every: { minutes: 5 } },
        run: async () => undefined,
      }),
    ).toThrow(/already registered/);
  });
});

describe.skipIf(!dialects.includes('postgres'))('scheduler with two instances (postgres)', () => {
  let drop: () => Promise<void>;
  let second: Db;
  let clock = new Date('2026-12-01T09:00:00.000Z');
  let a: Scheduler;
  let b: Scheduler;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    const t = await createTestDb('postgres');
    drop = t.drop;
    second = connect(t.config.database);
    const ctx = (db: Db): AppContext => ({ db, config: t.config, now: () => clock });
    a = new Scheduler(ctx(t.db), log);
    b = new Scheduler(ctx(second), log);
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(async () => {
    await second?.close();
    await drop?.();
  });

  it('runs each due job exactly once per period, whichever instance wins', async () => {
    const runs = new Map<string, string[]>();
    const job = (name: string, minutes: number) =>
      schedule({
        name,
        schedule: { every: { minutes } },
        run: async (_ctx, { scheduledFor }) => {
          runs.set(name, [...(runs.get(name) ?? []), scheduledFor.toISOString()]);
          await new Promise((r) => setTimeout(r, 5)); // overlap with the other instance
        },
      });
    cleanups.push(job('test.every5', 5), job('test.every10', 10));
    const won = { a: 0, b: 0 };
    for (let minute = 0; minute <= 60; minute += 1) {
      clock = new Date(Date.UTC(2026, 11, 1, 9, minute, 1));
      const [ra, rb, ra2, rb2] = await Promise.all([
        a.runDueJobs(),
        b.runDueJobs(),
        a.runDueJobs(),
        b.runDueJobs(),
      ]);
      // Only this test's jobs: the modules' periodic jobs (health.refresh) run here too.
      const mine = (names: string[] | undefined) =>
        (names ?? []).filter((n) => n.startsWith('test.')).length;
      won.a += mine(ra) + mine(ra2);
      won.b += mine(rb) + mine(rb2);
    }
    const slots = (step: number) =>
      Array.from({ length: 60 / step }, (_, i) =>
        new Date(Date.UTC(2026, 11, 1, 9, (i + 1) * step)).toISOString(),
      );
    expect(runs.get('test.every5')).toEqual(slots(5));
    expect(runs.get('test.every10')).toEqual(slots(10));
    expect(won.a + won.b).toBe(12 + 6);
  });
});
