import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { lockInitiativeHealth } from '../../db/dialect.js';
import type { DomainEvent } from '../../events/registry.js';
import {
  computeRows,
  healthBasis,
  healthSubscriber,
  recomputeStoredHealth,
} from './stored-health.service.js';
import { currentWeek } from './weekly-updates.service.js';

const dialects = await testDialects();

/**
 * PostgreSQL: a recompute holds its initiatives' health locks until its transaction ends
 * (taken in the same statement as the thresholds and stages), so a second recompute of the
 * same initiative waits for the first to commit and reads what it wrote.
 */
describe.skipIf(!dialects.includes('postgres'))('health recompute locks (postgres)', () => {
  let t: TestApp;
  let one: Initiative;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    const bea = await t.user({ side: 'business', name: 'Bea' });
    const ian = await t.user({ side: 'it', name: 'Ian' });
    one = await t.given.initiative({ businessOwner: bea, itOwner: ian, title: 'Locked' });
    await t.app.background.drainOutbox();
  });
  afterAll(async () => t?.close());

  const heldLocks = (db: typeof t.db.kysely) =>
    sql<{ n: number }>`select count(*)::int as n from pg_locks
      where locktype = 'advisory' and classid = 727274103 and pid = pg_backend_pid() and granted`
      .execute(db)
      .then((r) => r.rows[0]?.n);

  /**
   * Health locks waited for in this test's database: pg_locks shows the whole server's, and
   * other test files run at the same time, each in a database of its own, and take the same
   * locks (a wait of theirs would end these loops before this test's recompute waits).
   */
  const waitingHere = () =>
    sql<{ n: number }>`select count(*)::int as n from pg_locks
      where locktype = 'advisory' and classid = 727274103 and not granted
        and database = (select oid from pg_database where datname = current_database())`
      .execute(t.db.kysely)
      .then((r) => r.rows[0]?.n);

  /** Another transaction holding the initiative's health lock until `release()`. */
  const holdLock = async (id: string) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.kysely.transaction().execute(async (trx) => {
      await lockInitiativeHealth.postgres(trx, [id]);
      locked();
      await released;
    });
    await isLocked;
    return { release, holder };
  };

  it('holds the lock until commit; a second recompute of the same initiative waits', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const order: string[] = [];
    const first = t.db.kysely.transaction().execute(async (trx) => {
      expect(await recomputeStoredHealth(trx, [one.id, one.id], t.app.ctx.now())).toBe(1);
      expect(await heldLocks(trx)).toBe(1);
      locked();
      await released;
      order.push('first commits');
    });
    await isLocked;
    const second = t.db.kysely.transaction().execute(async (trx) => {
      await recomputeStoredHealth(trx, [one.id], t.app.ctx.now());
      order.push('second recomputed');
    });
    // The second waits on the first's lock (seen as a lock not granted), then goes on.
    for (;;) {
      if ((await waitingHere()) === 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first commits', 'second recomputed']);
  });

  it('a recompute that waited for the lock stores the basis committed meanwhile', async () => {
    // Another recompute holds the initiative's lock.
    const { release, holder } = await holdLock(one.id);
    const before = (await healthBasis(t.db.kysely)).basis;
    const waiting = t.db.kysely
      .transaction()
      .execute((trx) => recomputeStoredHealth(trx, [one.id], t.app.ctx.now()));
    for (;;) {
      if ((await waitingHere()) === 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // While it waits, the basis changes and commits (a stage renamed: part of the basis, read
    // in the same statement as the thresholds).
    await sql`update stages set name_en = name_en || ' (renamed)'`.execute(t.db.kysely);
    const after = (await healthBasis(t.db.kysely)).basis;
    expect(after).not.toBe(before);
    release();
    await holder;
    expect(await waiting).toBe(1);
    const stored = await t.db.kysely
      .selectFrom('initiative_health')
      .select('basis')
      .where('initiative_id', '=', one.id)
      .executeTakeFirstOrThrow();
    expect(stored.basis).toBe(after);
  });

  it('a recompute that waited for the lock stores the facts committed meanwhile', async () => {
    // PostgreSQL takes the lock and reads the facts in one round trip (two statements of one
    // message): the read must still take its snapshot after the lock is granted.
    const { release, holder } = await holdLock(one.id);
    const now = t.app.ctx.now();
    const [before] = await computeRows(t.db.kysely, [one.id], now, healthBasis(t.db.kysely));
    const waiting = t.db.kysely
      .transaction()
      .execute((trx) => recomputeStoredHealth(trx, [one.id], now));
    for (;;) {
      if ((await waitingHere()) === 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // While it waits, a fact changes and commits: the business owner's weekly view.
    await t.db.kysely
      .insertInto('weekly_updates')
      .values({
        id: randomUUID(),
        initiative_id: one.id,
        side: 'business',
        week: currentWeek(now),
        owner_view: 'off_track',
        text: 'Late',
        author_id: null,
        written_at: now.toISOString(),
      })
      .execute();
    const [after] = await computeRows(t.db.kysely, [one.id], now, healthBasis(t.db.kysely));
    expect(after?.stored.result).not.toBe(before?.stored.result);
    release();
    await holder;
    expect(await waiting).toBe(1);
    const stored = await t.db.kysely
      .selectFrom('initiative_health')
      .select('result')
      .where('initiative_id', '=', one.id)
      .executeTakeFirstOrThrow();
    expect(stored.result).toBe(after?.stored.result);
  });

  it('the subscriber locks all of a batch’s initiatives at once before the first recompute', async () => {
    const bea = await t.user({ side: 'business', name: 'Bea Two' });
    const ian = await t.user({ side: 'it', name: 'Ian Two' });
    const two = await t.given.initiative({ businessOwner: bea, itOwner: ian, title: 'Second' });
    await t.app.background.drainOutbox();
    const event = (initiativeId: string) => ({ initiativeId }) as DomainEvent;
    await t.db.kysely.transaction().execute(async (trx) => {
      expect(await heldLocks(trx)).toBe(0);
      await healthSubscriber.beforeBatch?.([event(one.id), event(two.id), event(one.id)], {
        trx,
        ctx: t.app.ctx,
      });
      // Both held before any recompute ran (a deadlock needs one taken, the other awaited).
      expect(await heldLocks(trx)).toBe(2);
      // The recomputes then find them held (re-entrant within the transaction).
      expect(await recomputeStoredHealth(trx, [two.id], t.app.ctx.now())).toBe(1);
      expect(await recomputeStoredHealth(trx, [one.id], t.app.ctx.now())).toBe(1);
    });
  });
});
