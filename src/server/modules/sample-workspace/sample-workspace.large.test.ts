import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { countRows, createTestApp, type TestApp } from '../../test-support/test-app.js';
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
    // Every initiative's current health stored (the bulk writes bypass the outbox).
    expect(await countRows(t.db, 'initiative_health')).toBe(4);
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
    // Every initiative's current health stored (the bulk writes bypass the outbox).
    expect(await countRows(t.db, 'initiative_health')).toBe(4);
  });
});
