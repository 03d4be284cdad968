import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalDetail } from '../../../contracts/goals.js';
import { testDialects } from '../../test-support/dialects.js';
import { measurableGoal } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { loadHealthRows } from './health-facts.repository.js';

const dialects = await testDialects();

/**
 * Goal progress in the health facts (the daily aggregates read with the other fact queries:
 * on PostgreSQL in the combined statement, per metric as arrays; statements compiled once)
 * equals the goal page's (the metric's whole series read on its own), with values before the
 * baseline, in several weeks and in the week still running.
 */
describe.each(dialects)('goal progress in the health facts (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.setClock(new Date('2026-12-10T09:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
  });
  afterAll(async () => t?.close());

  it('matches the goal page for each goal, whatever the initiatives read together', async () => {
    const goals: { initiative: string; goal: GoalDetail }[] = [];
    for (const [n, values] of [
      [0, [3, 5, 2, 6, 7, 1, 9]],
      [1, [10, 4, 4, 8]],
    ] as const) {
      const initiative = await t.given.initiative({
        businessOwner: bea,
        itOwner: ian,
        title: `Progress ${n}`,
      });
      const metric = await t.given.agreedMetric(initiative, { businessOwner: bea, itOwner: ian });
      // Every fifth day from 11 October on: before the baseline (1 November), in complete
      // weeks, and in the week still running (from Monday 7 December).
      await t.given.measurements(
        metric,
        bea,
        values.map((value, i) => ({
          at: new Date(Date.UTC(2026, 9, 11 + i * 5 * (n + 1), 10)).toISOString(),
          value,
        })),
      );
      const goal = await t.given.agreedGoal(initiative, {
        ...measurableGoal(metric, bea, ian, { targetValue: 20 + n }),
        business: bea,
        it: ian,
      });
      goals.push({ initiative: initiative.id, goal });
    }
    const now = t.app.ctx.now();
    const ids = goals.map((g) => g.initiative);
    for (const asked of [[ids[0] as string], [ids[1] as string], ids]) {
      const rows = await loadHealthRows(t.db.kysely, { readable: null, ids: asked }, now);
      for (const id of asked) {
        const { goal } = goals.find((g) => g.initiative === id) ?? {};
        const page = (
          await t.inject({ method: 'GET', url: `/api/goals/${goal?.id}`, user: bea })
        ).json<GoalDetail>().progress;
        const facts = rows.get(id)?.inputs.goals.find((g) => g.id === goal?.id);
        expect(page.current).not.toBeNull();
        expect(facts?.progress).toEqual({
          currentValue: page.current?.value,
          planValue: page.plan,
        });
        expect(facts?.forecast).toEqual(
          page.forecast
            ? { valueAtDue: page.forecast.valueAtDue, meetsTarget: page.forecast.meetsTarget }
            : null,
        );
      }
    }
  });

  // Each period and aggregation, with sums that floating point rounds: the combined
  // statement's days (PostgreSQL) give the same series as the goal page's.
  it.each([
    ['day', 'average'],
    ['week', 'average'],
    ['week', 'sum'],
    ['week', 'last'],
    ['week', 'count'],
    ['month', 'sum'],
    ['month', 'average'],
  ] as const)('matches the goal page per %s, %s', async (period, aggregation) => {
    const initiative = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: `Periods ${period} ${aggregation}`,
    });
    const metric = await t.given.agreedMetric(initiative, {
      businessOwner: bea,
      itOwner: ian,
      period,
      aggregation,
      valueType: 'decimal',
    });
    // Several values a day (sums that floating point rounds: 0.1 + 0.2 …), days apart, from
    // 5 October to 9 December (the week and month still running).
    const values = [0.1, 0.2, 0.7, 1.3, 0.3, 2.9, 0.15];
    await t.given.measurements(
      metric,
      bea,
      Array.from({ length: 40 }, (_, i) => ({
        at: new Date(
          Date.UTC(2026, 9, 5 + Math.floor(i * 1.6), 8 + (i % 3) * 3, i % 7),
        ).toISOString(),
        value: (values[i % values.length] as number) * (1 + (i % 5)),
      })),
    );
    const goal = await t.given.agreedGoal(initiative, {
      ...measurableGoal(metric, bea, ian, { baselineValue: 1, targetValue: 1000 }),
      business: bea,
      it: ian,
    });
    const rows = await loadHealthRows(
      t.db.kysely,
      { readable: null, ids: [initiative.id] },
      t.app.ctx.now(),
    );
    const page = (
      await t.inject({ method: 'GET', url: `/api/goals/${goal.id}`, user: bea })
    ).json<GoalDetail>().progress;
    const facts = rows.get(initiative.id)?.inputs.goals.find((g) => g.id === goal.id);
    expect(page.current).not.toBeNull();
    expect(facts?.progress).toEqual({ currentValue: page.current?.value, planValue: page.plan });
    expect(facts?.forecast).toEqual(
      page.forecast
        ? { valueAtDue: page.forecast.valueAtDue, meetsTarget: page.forecast.meetsTarget }
        : null,
    );
  });
});
