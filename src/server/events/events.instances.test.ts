import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { connect, type Db } from '../db/connect.js';
import { testDialects } from '../test-support/dialects.js';
import {
  countRows,
  createEffectsTable,
  effects,
  publishEach,
  recordingSubscriber,
  testEvent,
} from '../test-support/events.js';
import { createTestDb } from '../test-support/test-app.js';
import { BackgroundWork } from './background.js';
import { publish } from './publish.js';
import { subscribe } from './registry.js';

const dialects = await testDialects();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (err: unknown, msg: string) => console.error(msg, err);

/**
 * Several app instances on one PostgreSQL database: each is its own connection pool,
 * listener and background runtime, sharing one (settable) clock.
 */
describe.skipIf(!dialects.includes('postgres'))('events with several instances (postgres)', () => {
  let drop: () => Promise<void>;
  let dbs: Db[];
  let instances: { ctx: AppContext; bg: BackgroundWork }[];
  let clock = new Date('2026-12-01T09:00:00.000Z');
  const cleanups: (() => void)[] = [];
  const drainAll = () => Promise.all(instances.map((i) => i.bg.drainOutbox()));

  beforeAll(async () => {
    const t = await createTestDb('postgres');
    drop = t.drop;
    dbs = [t.db, connect(t.config.database, { poolSize: 10 }), connect(t.config.database)];
    instances = dbs.map((db) => {
      const ctx: AppContext = { db, config: t.config, now: () => clock };
      return { ctx, bg: new BackgroundWork(ctx, log, { batchSize: 7 }) };
    });
    await createEffectsTable(t.db);
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(async () => {
    for (const i of instances ?? []) await i.bg.stop();
    for (const db of dbs?.slice(1) ?? []) await db.close();
    await drop?.();
  });

  it('numbers a transaction that commits late after one that committed first, and skips neither', async () => {
    const name = 'multi.late-commit';
    cleanups.push(recordingSubscriber(name, ['late.*']));
    const db = dbs[1] as Db;
    let releaseEarly!: () => void;
    const held = new Promise<void>((r) => (releaseEarly = r));
    let earlyId: string | undefined;
    // The early writer publishes first (lower id) but commits last.
    const early = db.kysely.transaction().execute(async (trx) => {
      earlyId = await publish(trx, testEvent('late.first-written', 'init-late', clock));
      await held;
    });
    while (!earlyId) await sleep(5);
    const [lateId] = await publishEach(dbs[2] as Db, [
      testEvent('late.second-written', 'init-late', clock),
    ]);
    expect(lateId && earlyId && lateId > earlyId).toBe(true);
    await drainAll();
    expect((await effects(dbs[0] as Db, name)).map((e) => e.event_id)).toEqual([lateId]);
    releaseEarly();
    await early;
    await drainAll();
    const handled = await effects(dbs[0] as Db, name);
    expect(handled.map((e) => [e.event_id, e.seq])).toEqual([
      [lateId, 1],
      [earlyId, 2],
    ]);
  });

  it('with many concurrent writers and two dispatching instances: every committed event exactly once, in order, none skipped', async () => {
    const name = 'multi.concurrent';
    cleanups.push(recordingSubscriber(name, ['load.*']));
    const STREAMS = ['init-1', 'init-2', 'init-3', 'init-4'];
    const WRITERS = 80;
    const committed: string[] = [];
    const rolledBack: string[] = [];
    const errors: string[] = [];
    let writing = true;
    // Dispatchers run continuously while the writers write.
    const dispatching = (async () => {
      while (writing) {
        await Promise.all([instances[0]?.bg.drainOutbox(), instances[1]?.bg.drainOutbox()]);
        await sleep(1);
      }
    })();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const db = dbs[1 + (i % 2)] as Db;
        const ids: string[] = [];
        try {
          await db.kysely.transaction().execute(async (trx) => {
            await sleep(Math.random() * 20);
            for (let k = 0; k < 1 + (i % 3); k += 1) {
              const id = await publish(
                trx,
                testEvent('load.write', STREAMS[(i + k) % STREAMS.length] ?? null, clock, { i, k }),
              );
              if (id) ids.push(id);
              await sleep(Math.random() * 15); // hold the transaction open: commits interleave
            }
            if (i % 9 === 4) throw new Error('this writer rolls back');
          });
          committed.push(...ids);
        } catch (err) {
          rolledBack.push(...ids);
          errors.push(err instanceof Error ? err.message : String(err));
        }
      }),
    );
    writing = false;
    await dispatching;
    await drainAll();

    const handled = await effects(dbs[0] as Db, name);
    const ids = handled.map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    expect(new Set(ids)).toEqual(new Set(committed)); // none skipped
    // Only the writers meant to fail did (no deadlock between committing writers).
    expect(errors).toEqual(Array.from({ length: errors.length }, () => 'this writer rolls back'));
    expect(errors).toHaveLength(
      Array.from({ length: WRITERS }, (_, i) => i % 9 === 4).filter(Boolean).length,
    );
    expect(rolledBack.length).toBeGreaterThan(0);
    for (const id of rolledBack) expect(ids).not.toContain(id);
    for (const stream of STREAMS) {
      const seqs = handled.filter((e) => e.stream === stream).map((e) => e.seq);
      // In commit order, without gaps: 1, 2, 3, …
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    const pending = await dbs[0]?.kysely
      .selectFrom('event_deliveries')
      .select('event_id')
      .where('subscriber', '=', name)
      .where('status', '<>', 'done')
      .execute();
    expect(pending).toEqual([]);
  });

  it('three instances draining at once handle each delivery once (external subscriber, no redelivery)', async () => {
    const calls = new Map<string, number>();
    const byInstance = new Map<string, number>();
    cleanups.push(
      subscribe({
        name: 'multi.external',
        events: ['claim.*'],
        external: true,
        handle: async (event) => {
          calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
          await sleep(1);
        },
      }),
    );
    const inputs = Array.from({ length: 120 }, (_, i) =>
      testEvent('claim.me', `init-c${i % 12}`, clock),
    );
    const ids = await publishEach(dbs[0] as Db, inputs);
    const results = await Promise.all(
      instances.map(async (inst, n) => {
        const handled = await inst.bg.drainOutbox();
        byInstance.set(String(n), handled);
        return handled;
      }),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(calls.size).toBe(ids.length);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('while one instance handles an event, no other instance takes the next one of that initiative', async () => {
    const name = 'multi.order';
    let gate!: () => void;
    const gated = new Promise<void>((r) => (gate = r));
    let inHandler = false;
    cleanups.push(
      recordingSubscriber(name, ['order.*'], {
        before: async (event) => {
          if (event.type !== 'order.first') return;
          inHandler = true;
          await gated;
        },
      }),
    );
    const [first, second] = await publishEach(dbs[0] as Db, [
      testEvent('order.first', 'init-o', clock),
      testEvent('order.second', 'init-o', clock),
    ]);
    // A takes the first only (batch of one), and stalls in its handler.
    const a = new BackgroundWork(instances[1]!.ctx, log, { batchSize: 1 });
    const draining = a.drainOutbox();
    while (!inHandler) await sleep(5);
    expect(await instances[2]?.bg.drainOutbox()).toBe(0); // B must wait
    gate();
    await draining;
    const handled = (await effects(dbs[0] as Db, name)).map((e) => e.event_id);
    expect(handled).toEqual([first, second]);
  });

  it('an instance whose lease ran out cannot commit its handling: the effect happens once', async () => {
    const name = 'multi.lease-lost';
    let gate!: () => void;
    const gated = new Promise<void>((r) => (gate = r));
    let first = true;
    let inHandler = false;
    cleanups.push(
      recordingSubscriber(name, ['slow.*'], {
        before: async () => {
          if (!first) return;
          first = false;
          inHandler = true;
          await gated; // instance A stalls here (GC pause, stuck I/O …)
        },
      }),
    );
    const [id] = await publishEach(dbs[0] as Db, [testEvent('slow.work', 'init-s', clock)]);
    const a = instances[1]?.bg.drainOutbox();
    while (!inHandler) await sleep(5);
    clock = new Date(clock.getTime() + 61_000); // A's 60 s lease runs out
    expect(await instances[2]?.bg.drainOutbox()).toBe(1); // B takes over and finishes
    gate();
    await a; // A's late "done" finds the lease gone and rolls its work back
    expect((await effects(dbs[0] as Db, name)).map((e) => e.event_id)).toEqual([id]);
    const d = await dbs[0]?.kysely
      .selectFrom('event_deliveries')
      .select(['status', 'attempts'])
      .where('event_id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ status: 'done', attempts: 2 });
  });

  it('another instance learns of new events through NOTIFY, not by polling', async () => {
    const name = 'multi.notify';
    cleanups.push(recordingSubscriber(name, ['notify.*']));
    const listener = new BackgroundWork(instances[2]!.ctx, log, {
      pollMs: 3_600_000,
      schedulerTickMs: 3_600_000,
    });
    listener.start();
    try {
      // Let the listening connection subscribe before writing.
      const until = Date.now() + 5_000;
      while (dbs[2]?.changeToken() === undefined && Date.now() < until) await sleep(10);
      await sleep(100);
      const before = await countRows(dbs[0] as Db, 'domain_events');
      const [id] = await publishEach(dbs[0] as Db, [testEvent('notify.me', 'init-n', clock)]);
      expect(await countRows(dbs[0] as Db, 'domain_events')).toBe(before + 1);
      const deadline = Date.now() + 5_000;
      while ((await effects(dbs[0] as Db, name)).length === 0 && Date.now() < deadline)
        await sleep(10);
      expect((await effects(dbs[0] as Db, name)).map((e) => e.event_id)).toEqual([id]);
    } finally {
      await listener.stop();
    }
  });
});
