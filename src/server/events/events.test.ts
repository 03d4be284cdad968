import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventDelivery, EventOverview } from '../../contracts/events.js';
import type { Initiative } from '../../contracts/initiatives.js';
import { testDialects } from '../test-support/dialects.js';
import {
  countRows,
  createEffectsTable,
  delivery,
  effects,
  publishEach,
  recordingSubscriber,
  testEvent,
} from '../test-support/events.js';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app.js';
import { withoutModuleSubscribers } from '../reactions.js';
import { BackgroundWork } from './background.js';
import { claimDeliveries } from './outbox.repository.js';
import { publish } from './publish.js';
import { type DomainEvent, subscribe } from './registry.js';

const dialects = await testDialects();

describe.each(dialects)('domain events and subscribers (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let biz: TestUser;
  let itOwner: TestUser;
  const cleanups: (() => void)[] = [];
  const drain = () => t.app.background.drainOutbox();
  const later = (ms: number) => t.setClock(new Date(t.now().getTime() + ms));

  let restoreSubscribers: () => void = () => undefined;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // The kernel's tests count every delivery: only their own subscribers take part.
    restoreSubscribers = withoutModuleSubscribers();
    await createEffectsTable(t.db);
    admin = await t.user({ role: 'admin', side: 'it' });
    member = await t.user({ side: 'business' });
    biz = await t.user({ side: 'business' });
    itOwner = await t.user({ side: 'it' });
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(async () => {
    restoreSubscribers();
    await t?.close();
  });

  it('turns an audited change into a domain event, delivered only after its commit', async () => {
    const seen: DomainEvent[] = [];
    cleanups.push(
      subscribe({
        name: 'test.initiatives',
        events: ['initiative.*'],
        handle: async (event) => {
          seen.push(event);
        },
      }),
    );
    const res = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: {
        title: 'Lead generator',
        problem: 'Leads wait days.',
        expectedBenefit: 'More closed leads.',
        department: 'Sales',
        businessOwnerId: biz.id,
        itOwnerId: itOwner.id,
        riskClass: 'minimal',
      },
    });
    expect(res.statusCode).toBe(201);
    const initiative = res.json<Initiative>();
    const pending = await t.db.kysely
      .selectFrom('event_deliveries')
      .select(['status', 'subscriber'])
      .where('subscriber', '=', 'test.initiatives')
      .execute();
    expect(pending).toEqual([{ status: 'pending', subscriber: 'test.initiatives' }]);
    expect(seen).toEqual([]); // nothing runs inside the request

    expect(await drain()).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: 'initiative.created',
      initiativeId: initiative.id,
      stream: initiative.id,
      seq: 1,
      entityType: 'initiative',
      entityId: initiative.id,
      actorId: biz.id,
      occurredAt: t.now().toISOString(),
      data: { before: null, after: expect.objectContaining({ title: 'Lead generator' }) },
    });

    // A refused write commits nothing, so there is no event either.
    const before = await countRows(t.db, 'domain_events');
    const bad = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: { title: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await countRows(t.db, 'domain_events')).toBe(before);
  });

  it('writes nothing for an event type nobody subscribes to, and rolls back with the writer', async () => {
    const before = await countRows(t.db, 'domain_events');
    await t.db.kysely
      .transaction()
      .execute((trx) => publish(trx, testEvent('nobody.listens', 'i-0', t.now())));
    expect(await countRows(t.db, 'domain_events')).toBe(before);

    cleanups.push(recordingSubscriber('test.rollback', ['test.*']));
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await publish(trx, testEvent('test.doomed', 'i-0', t.now()));
        throw new Error('the change fails after publishing');
      }),
    ).rejects.toThrow('the change fails');
    expect(await countRows(t.db, 'domain_events')).toBe(before);
    expect(await drain()).toBe(0);
    expect(await effects(t.db, 'test.rollback')).toEqual([]);
  });

  it('delivers each initiative’s events in order; a failing event holds back only its own initiative', async () => {
    const name = 'test.ordering';
    cleanups.push(
      recordingSubscriber(name, ['test.*'], {
        retryDelayMs: 5_000,
        // The second event of initiative A fails on its first attempt.
        fail: (event, attempt) =>
          (event.data as { failOnce?: boolean }).failOnce === true && attempt === 1,
      }),
    );
    const at = t.now();
    const [a1, a2, a3, a4, b1, b2, x1, x2] = await publishEach(t.db, [
      testEvent('test.step', 'init-a', at),
      testEvent('test.step', 'init-a', at, { failOnce: true }),
      testEvent('test.step', 'init-a', at),
      testEvent('test.step', 'init-a', at),
      testEvent('test.step', 'init-b', at),
      testEvent('test.step', 'init-b', at),
      testEvent('test.step', null, at),
      testEvent('test.step', null, at),
    ]);
    await drain();
    const handled = (await effects(t.db, name)).map((e) => e.event_id);
    // a2's rolled-back effect is gone; a3 and a4 wait for it.
    expect(new Set(handled)).toEqual(new Set([a1, b1, b2, x1, x2]));
    const failed = await delivery(t.db, a2 ?? '', name);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/handler refused test\.step \(attempt 1\)/);
    expect(failed.available_at).toBe(new Date(at.getTime() + 5_000).toISOString());
    expect(await delivery(t.db, a3 ?? '', name)).toMatchObject({ status: 'pending', attempts: 0 });

    later(4_999);
    expect(await drain()).toBe(0);
    later(1);
    expect(await drain()).toBe(3);
    const streamA = (await effects(t.db, name)).filter((e) => e.stream === 'init-a');
    expect(streamA.map((e) => e.event_id)).toEqual([a1, a2, a3, a4]);
    expect(streamA.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const lonely = (await effects(t.db, name)).filter((e) => e.stream === 'test:lonely');
    expect(lonely.map((e) => e.event_id)).toEqual([x1, x2]);
  });

  it('gives a transactional subscriber the whole batch before its first handler runs, in the batch’s transaction', async () => {
    const log: string[] = [];
    cleanups.push(
      subscribe({
        name: 'test.before-batch',
        events: ['test.*'],
        beforeBatch: async (events, { trx }) => {
          // In the batch's transaction: a query through it works.
          await trx.selectFrom('users').select('id').limit(1).execute();
          log.push(`before ${events.map((e) => e.stream).join(',')}`);
        },
        handle: (event) => {
          log.push(`handle ${event.stream}`);
          return Promise.resolve();
        },
      }),
    );
    const at = t.now();
    await publishEach(t.db, [
      testEvent('test.step', 'init-c', at),
      testEvent('test.step', 'init-d', at),
      testEvent('test.step', 'init-c', at),
    ]);
    expect(await drain()).toBe(3);
    expect(log[0]).toMatch(/^before /);
    expect(log[0]?.slice('before '.length).split(',').sort()).toEqual([
      'init-c',
      'init-c',
      'init-d',
    ]);
    expect(log.slice(1).sort()).toEqual(['handle init-c', 'handle init-c', 'handle init-d']);
  });

  it('retries with exponential backoff up to the maximum, then marks the delivery failed for admins', async () => {
    const name = 'test.retries';
    let healthy = false;
    cleanups.push(
      recordingSubscriber(name, ['retry.*'], {
        maxAttempts: 3,
        retryDelayMs: 1_000,
        maxRetryDelayMs: 1_500,
        fail: (event) => !healthy && event.type === 'retry.broken',
      }),
    );
    const [broken, next] = await publishEach(t.db, [
      testEvent('retry.broken', 'init-r', t.now()),
      testEvent('retry.fine', 'init-r', t.now()),
    ]);
    const brokenId = broken ?? '';
    const state = () => delivery(t.db, brokenId, name);

    await drain();
    expect(await state()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await state()).available_at).toBe(new Date(t.now().getTime() + 1_000).toISOString());
    later(999);
    await drain();
    expect((await state()).attempts).toBe(1);
    later(1);
    await drain();
    // Second failure: 2 s would be the doubled delay, capped at 1.5 s.
    expect(await state()).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await state()).available_at).toBe(new Date(t.now().getTime() + 1_500).toISOString());
    expect(await effects(t.db, name)).toEqual([]); // the later event waited all along
    later(1_500);
    await drain();
    expect(await state()).toMatchObject({ status: 'failed', attempts: 3 });
    // Failed for good: it no longer holds back its stream.
    expect((await effects(t.db, name)).map((e) => e.event_id)).toEqual([next]);

    // Admins see it, with the error; others do not.
    expect((await t.inject({ method: 'GET', url: '/api/admin/events' })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'GET', url: '/api/admin/events', user: member })).statusCode,
    ).toBe(403);
    const bad = await t.inject({
      method: 'GET',
      url: '/api/admin/events?status=lost',
      user: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/querystring/status',
    );
    const list = await t.inject({ method: 'GET', url: '/api/admin/events', user: admin });
    expect(list.statusCode).toBe(200);
    const overview = list.json<EventOverview>();
    const row = overview.deliveries.find((d) => d.eventId === brokenId);
    expect(row).toMatchObject({
      subscriber: name,
      type: 'retry.broken',
      status: 'failed',
      attempts: 3,
      stream: 'init-r',
      seq: 1,
      nextAttemptAt: null,
    });
    expect(row?.lastError).toMatch(/handler refused retry\.broken \(attempt 3\)/);
    expect(overview.subscribers.find((s) => s.name === name)).toEqual({
      name,
      registered: true,
      pending: 0,
      failed: 1,
      done: 1,
    });

    // Retry: only by admins, only failed deliveries.
    const url = `/api/admin/events/${brokenId}/deliveries/${name}/retry`;
    expect((await t.inject({ method: 'POST', url, user: member })).statusCode).toBe(403);
    const missing = await t.inject({
      method: 'POST',
      url: `/api/admin/events/${brokenId}/deliveries/nobody/retry`,
      user: admin,
    });
    expect(missing.statusCode).toBe(404);
    const retried = await t.inject({ method: 'POST', url, user: admin });
    expect(retried.statusCode).toBe(200);
    expect(retried.json<EventDelivery>()).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: expect.stringMatching(/attempt 3/),
    });
    const again = await t.inject({ method: 'POST', url, user: admin });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('not_failed');
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'event_delivery.retried')
      .execute();
    expect(audit).toEqual([{ actor_id: admin.id, entity_id: `${brokenId}/${name}` }]);

    healthy = true;
    await drain();
    expect(await state()).toMatchObject({ status: 'done', last_error: null });
    expect((await effects(t.db, name)).map((e) => e.event_id)).toEqual([next, brokenId]);
  });

  it('redelivers what a dead process had claimed once its lease runs out, and the effect happens once', async () => {
    const name = 'test.dead-lease';
    cleanups.push(recordingSubscriber(name, ['lease.*']));
    const [id] = await publishEach(t.db, [testEvent('lease.taken', 'init-l', t.now())]);
    // A process claims the delivery and dies before handling it.
    const claimed = await claimDeliveries(t.db.kysely, {
      subscriber: name,
      owner: 'dead-process',
      now: t.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    expect(claimed.map((c) => c.event.id)).toEqual([id]);
    expect(await drain()).toBe(0); // still leased
    later(60_000);
    expect(await drain()).toBe(1);
    expect((await effects(t.db, name)).map((e) => e.event_id)).toEqual([id]);
    const d = await delivery(t.db, id ?? '', name);
    expect(d).toMatchObject({ status: 'done', attempts: 2, lease_owner: null });
    expect(await drain()).toBe(0);
    expect((await effects(t.db, name)).map((e) => e.event_id)).toEqual([id]);
  });

  it('on restart, takes over a dead process’s leases at once on SQLite, after they run out on PostgreSQL', async () => {
    const name = 'test.restart';
    cleanups.push(recordingSubscriber(name, ['restart.*']));
    const [id] = await publishEach(t.db, [testEvent('restart.me', 'init-rs', t.now())]);
    await claimDeliveries(t.db.kysely, {
      subscriber: name,
      owner: 'the-process-that-was-killed',
      now: t.now(),
      leaseMs: 15_000,
      limit: 10,
    });
    const bg = new BackgroundWork(t.app.ctx, (err) => console.error(err), {
      pollMs: 3_600_000,
      schedulerTickMs: 3_600_000,
    });
    bg.start();
    try {
      const handled = async () => (await effects(t.db, name)).map((e) => e.event_id);
      const until = Date.now() + 1_000;
      while ((await handled()).length === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 10));
      if (dialect === 'sqlite') {
        // One process serves an SQLite file: any lease found at start is a dead one's.
        expect(await handled()).toEqual([id]);
        expect((await delivery(t.db, id ?? '', name)).attempts).toBe(2);
      } else {
        // Another instance may still be working on it.
        expect(await handled()).toEqual([]);
        later(15_000);
        expect(await bg.drainOutbox()).toBe(1);
        expect(await handled()).toEqual([id]);
      }
    } finally {
      await bg.stop();
    }
  });

  it('external subscribers record each completed step and skip it when the event comes again', async () => {
    const sent: string[] = [];
    let crash = true;
    cleanups.push(
      subscribe({
        name: 'test.external',
        events: ['mail.*'],
        external: true,
        retryDelayMs: 1_000,
        handle: async (event, { step, signal }) => {
          expect(signal.aborted).toBe(false);
          await step('mail:anna', async () => {
            sent.push(`anna:${event.id}`);
          });
          if (crash) throw new Error('SMTP connection reset');
          await step('mail:ben', async () => {
            sent.push(`ben:${event.id}`);
          });
        },
      }),
    );
    const [id] = await publishEach(t.db, [testEvent('mail.due', 'init-m', t.now())]);
    await drain();
    expect(sent).toEqual([`anna:${id}`]);
    expect(await delivery(t.db, id ?? '', 'test.external')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: SMTP connection reset',
    });
    crash = false;
    later(1_000);
    await drain();
    expect(sent).toEqual([`anna:${id}`, `ben:${id}`]);
    expect(await delivery(t.db, id ?? '', 'test.external')).toMatchObject({ status: 'done' });
  });

  it('commits a slow subscriber’s batch after its time budget, so writes are not held back by all of it', async () => {
    const handledAt: number[] = [];
    cleanups.push(
      recordingSubscriber('test.slow', ['slow.*'], {
        before: async () => {
          await new Promise((r) => setTimeout(r, 20));
          handledAt.push(performance.now());
        },
      }),
    );
    await publishEach(
      t.db,
      Array.from({ length: 15 }, () => testEvent('slow.step', 'init-slow', t.now())),
    );
    const bg = new BackgroundWork(t.app.ctx, (err) => console.error(err), { maxBatchMs: 50 });
    const draining = bg.drainOutbox();
    await new Promise((r) => setTimeout(r, 30)); // the batch is running
    await t.db.kysely.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').limit(1).execute();
      await publish(trx, testEvent('other.write', 'init-other', t.now()));
    });
    const written = performance.now();
    expect(await draining).toBe(15);
    expect(handledAt).toHaveLength(15);
    // The write went through while most of the backlog was still waiting.
    expect(handledAt.filter((x) => x > written).length).toBeGreaterThan(5);
    expect((await effects(t.db, 'test.slow')).map((e) => e.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  it('idle polling and scheduler ticks write nothing, so read caches stay valid', async () => {
    cleanups.push(recordingSubscriber('test.idle', ['idle.*']));
    await drain();
    await t.app.background.runDueJobs(); // creates the job rows once
    const until = Date.now() + 5_000;
    while (t.db.changeToken() === undefined && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
    const token = t.db.changeToken();
    expect(token).toBeDefined();
    for (let i = 0; i < 3; i += 1) {
      expect(await drain()).toBe(0);
      expect(await t.app.background.runDueJobs()).toEqual([]);
    }
    expect(t.db.changeToken()).toBe(token);
  });

  it('runs subscribers promptly after a commit, without waiting for the poll', async () => {
    const name = 'test.prompt';
    cleanups.push(recordingSubscriber(name, ['prompt.*']));
    // A second runtime on the same database that would poll only once an hour.
    const bg = new BackgroundWork(t.app.ctx, (err) => console.error(err), {
      pollMs: 3_600_000,
      schedulerTickMs: 3_600_000,
    });
    await t.app.background.drainOutbox();
    bg.start();
    try {
      await new Promise((r) => setTimeout(r, 50)); // the start-up drain is done
      const [id] = await publishEach(t.db, [testEvent('prompt.now', 'init-p', t.now())]);
      const until = Date.now() + 5_000;
      while ((await effects(t.db, name)).length === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 10));
      expect((await effects(t.db, name)).map((e) => e.event_id)).toEqual([id]);
    } finally {
      await bg.stop();
    }
  });
});
