import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { countRows, createTestApp, type TestApp } from '../../test-support/test-app.js';
import { localDay } from '../../../domain/periods.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { seedLargeWorkspace } from './sample-workspace.large.js';

const dialects = await testDialects();

describe.each(dialects)('the large demo at a tiny scale (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('writes the scaled counts, mixed data and an audit chain that verifies', async () => {
    // An event written through the app before the bulk rows: the chain must continue from it.
    const admin = await t.user({ role: 'admin' });
    const before = await verifyAuditChain(t.db.kysely);
    const counts = await seedLargeWorkspace(t.app.ctx, { factor: 0.004, pointsPerMetric: 30 });
    expect(counts).toEqual({
      people: 4,
      initiatives: 4,
      goals: 20,
      handoffs: 80,
      occurrences: 200,
      metrics: 20,
      points: 600,
      auditEvents: 4,
    });
    expect(await countRows(t.db, 'initiatives')).toBe(4);
    expect(await countRows(t.db, 'goals')).toBe(20);
    expect(await countRows(t.db, 'handoffs')).toBe(80);
    expect(await countRows(t.db, 'demo_occurrences')).toBe(200);
    expect(await countRows(t.db, 'metrics')).toBe(20);
    expect(await countRows(t.db, 'measurements')).toBe(600);
    // 30 points a metric, 12 a day: three days of daily aggregates each.
    expect(await countRows(t.db, 'metric_daily')).toBe(60);
    const daily = await t.db.kysely
      .selectFrom('metric_daily')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(daily.n)).toBe(600);
    // Each daily aggregate is exactly what its points add up to (the metric's time zone).
    const points = await t.db.kysely
      .selectFrom('measurements')
      .innerJoin('metrics', 'metrics.id', 'measurements.metric_id')
      .select(['measurements.metric_id', 'at', 'value', 'metrics.time_zone'])
      .orderBy('at')
      .execute();
    const expected = new Map<
      string,
      { count: number; sum: number; lastAt: number; last: number }
    >();
    for (const p of points) {
      const key = `${p.metric_id}|${localDay(Number(p.at), p.time_zone)}`;
      const e = expected.get(key) ?? { count: 0, sum: 0, lastAt: 0, last: 0 };
      e.count += 1;
      e.sum += p.value;
      e.lastAt = Number(p.at);
      e.last = p.value;
      expected.set(key, e);
    }
    const days = await t.db.kysely.selectFrom('metric_daily').selectAll().execute();
    expect(days).toHaveLength(expected.size);
    for (const d of days) {
      const e = expected.get(`${d.metric_id}|${d.day}`);
      expect(e, `${d.metric_id} ${d.day}`).toBeDefined();
      expect(Number(d.count)).toBe(e?.count);
      expect(d.sum).toBeCloseTo(e?.sum ?? Number.NaN, 6);
      expect(Number(d.last_at)).toBe(e?.lastAt);
      expect(d.last_value).toBe(e?.last);
      expect(JSON.parse(d.sources)).toEqual(['api']);
    }
    // The seed's speed settings are undone (SQLite: synchronous back to FULL).
    if (dialect === 'sqlite') expect(t.db.sqlite?.pragma('synchronous', { simple: true })).toBe(2);

    const chain = await verifyAuditChain(t.db.kysely);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBe(before.checked + 4);

    // The app reads what was written.
    const list = await t.inject({ method: 'GET', url: '/api/initiatives', user: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json<InitiativeSummary[]>()).toHaveLength(4);

    // A second run adds nothing.
    expect(await seedLargeWorkspace(t.app.ctx, { factor: 0.004 })).toBeUndefined();
    expect(await countRows(t.db, 'initiatives')).toBe(4);
  });

  it('gives viewers no team role but observer, so every seeded initiative can be edited', async () => {
    const fresh = await createTestApp(dialect);
    try {
      const counts = await seedLargeWorkspace(fresh.app.ctx, { factor: 0.05, pointsPerMetric: 12 });
      expect(counts?.people).toBe(15);
      const viewers = await fresh.db.kysely
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'viewer')
        .where('email', 'like', '%@gross.demo.tandem.example')
        .execute();
      expect(viewers.length).toBeGreaterThan(0);
      const roles = await fresh.db.kysely
        .selectFrom('initiative_members')
        .select('role')
        .where(
          'user_id',
          'in',
          viewers.map((v) => v.id),
        )
        .execute();
      expect(roles.filter((m) => m.role !== 'observer')).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
