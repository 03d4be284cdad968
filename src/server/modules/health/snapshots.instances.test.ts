import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app.js';
import { connect, type Db } from '../../db/connect.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { snapshotHealth } from './history.service.js';

const dialects = await testDialects();

/**
 * The nightly snapshot run by two app instances on one PostgreSQL database at the same time
 * (a job run twice, or a manual run during the scheduled one): one row per initiative and
 * day, no error, no deadlock, the later run's values kept.
 */
describe.skipIf(!dialects.includes('postgres'))(
  'health snapshots on two instances (postgres)',
  () => {
    let a: TestApp;
    let b: App;
    let bDb: Db;
    const INITIATIVES = 40;

    beforeAll(async () => {
      a = await createTestApp('postgres');
      a.setClock(new Date('2026-11-27T01:15:00Z'));
      bDb = connect(a.app.ctx.config.database, { poolSize: 4 });
      b = await buildApp({ config: a.app.ctx.config, db: bDb, now: a.now });
      const bea = await a.user({ side: 'business' });
      const ian = await a.user({ side: 'it' });
      for (let i = 0; i < INITIATIVES; i += 1)
        await a.given.initiative({ businessOwner: bea, itOwner: ian, title: `Initiative ${i}` });
    });
    afterAll(async () => {
      await b?.close();
      await bDb?.close();
      await a?.close();
    });

    it('writes one row per initiative and day however many runs overlap', async () => {
      const runs = await Promise.all([
        snapshotHealth(a.app.ctx),
        snapshotHealth(b.ctx),
        snapshotHealth(a.app.ctx),
        snapshotHealth(b.ctx),
      ]);
      expect(runs).toEqual([INITIATIVES, INITIATIVES, INITIATIVES, INITIATIVES]);
      const rows = await a.db.kysely
        .selectFrom('health_snapshots')
        .select(['day', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('day')
        .execute();
      expect(rows.map((r) => ({ day: r.day, n: Number(r.n) }))).toEqual([
        { day: '2026-11-27', n: INITIATIVES },
      ]);
    });
  },
);
