import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aggregation, Period } from '../../../domain/periods.js';
import type { GoalsTable } from '../../db/schema.js';
import { testDialects } from '../../test-support/dialects.js';
import { measurableGoal } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { progressOf } from '../goals/goals.service.js';
import { metricFacts, seriesOf } from '../metrics/series.service.js';
import { dailyQuery, dailyUntil, PROGRESS_PERIODS } from './goal-facts.repository.js';
import { loadHealthRows } from './health-facts.repository.js';

const dialects = await testDialects();

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The health facts read only a metric's newest days with data (goal-facts.repository
 * dailyQuery: the last PROGRESS_PERIODS periods' worth, up to the latest "today" of any time
 * zone), and for its latest data its newest day alone (metric-facts.repository). Goal
 * progress from them equals the goal page's, which folds the metric's whole history, and the
 * latest data is the latest of all days: for long histories with gaps, values in the future,
 * a metric silent for months, the zones furthest ahead of and behind UTC, and clocks around
 * midnight.
 */
describe.each(dialects)('goal progress from the newest days only (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let metricId: string;
  let goalId: string;
  let initiativeId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.setClock(new Date('2026-12-10T09:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    const initiative = await t.given.initiative({ businessOwner: bea, itOwner: ian });
    initiativeId = initiative.id;
    const metric = await t.given.agreedMetric(initiative, { businessOwner: bea, itOwner: ian });
    metricId = metric.id;
    const goal = await t.given.agreedGoal(initiative, {
      ...measurableGoal(metric, bea, ian, { targetValue: 50 }),
      business: bea,
      it: ian,
    });
    goalId = goal.id;
  });
  afterAll(async () => t?.close());

  const day = fc.record({
    // Days from about two years back to two months ahead of the clock.
    offset: fc.integer({ min: -800, max: 60 }),
    // A day is stored only with points (ingest.ts): at least one.
    count: fc.integer({ min: 1, max: 4 }),
    sum: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
    lastValue: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
    lastAtMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  });
  const scenario = fc.record({
    period: fc.constantFrom<Period>('day', 'week', 'month'),
    aggregation: fc.constantFrom<Aggregation>('sum', 'average', 'last', 'count'),
    timeZone: fc.constantFrom('Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Berlin', 'UTC'),
    // An instant in December 2026, often just before or after a midnight somewhere.
    clock: fc
      .integer({ min: 0, max: 31 * 24 * 60 - 1 })
      .map((m) => Date.UTC(2026, 11, 1) + m * 60_000),
    baselineOffset: fc.integer({ min: -700, max: -1 }),
    dueOffset: fc.integer({ min: -30, max: 400 }),
    // Either a dense history (many days a period: more than is read) or a sparse one.
    dense: fc.boolean(),
    days: fc.array(day, { minLength: 0, maxLength: 60 }),
  });

  const EDGE: typeof scenario extends fc.Arbitrary<infer T> ? T : never = {
    period: 'day',
    aggregation: 'sum',
    timeZone: 'Etc/GMT+12',
    clock: 0,
    baselineOffset: -30,
    dueOffset: 60,
    dense: true,
    days: [],
  };

  it(`reads at most ${PROGRESS_PERIODS} periods' worth of days and finds what the whole history gives`, async () => {
    const db = t.db.kysely;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const now = new Date(sc.clock);
        t.setClock(now);
        await db
          .updateTable('metrics')
          .set({ period: sc.period, aggregation: sc.aggregation, time_zone: sc.timeZone })
          .where('id', '=', metricId)
          .execute();
        await db
          .updateTable('goals')
          .set({
            baseline_date: isoDay(sc.clock + sc.baselineOffset * DAY_MS),
            due_date: isoDay(sc.clock + sc.dueOffset * DAY_MS),
          })
          .where('id', '=', goalId)
          .execute();
        await db.deleteFrom('metric_daily').where('metric_id', '=', metricId).execute();
        // Dense: every day of the last 420 (more than 11 months' worth) besides the drawn ones.
        const byDay = new Map<string, (typeof sc.days)[number]>();
        if (sc.dense)
          for (let o = -420; o <= 3; o += 1)
            byDay.set(isoDay(sc.clock + o * DAY_MS), {
              offset: o,
              count: 1 + (o & 1),
              sum: o * 1.5 + 0.1,
              lastValue: o % 7,
              lastAtMinute: (o * 37) & 1023,
            });
        for (const d of sc.days) byDay.set(isoDay(sc.clock + d.offset * DAY_MS), d);
        const rows = [...byDay.entries()].map(([dayText, d]) => ({
          metric_id: metricId,
          day: dayText,
          count: d.count,
          sum: d.sum,
          last_at: Date.parse(`${dayText}T00:00:00Z`) + d.lastAtMinute * 60_000,
          last_value: d.lastValue,
          sources: '[]',
        }));
        for (let i = 0; i < rows.length; i += 200)
          await db
            .insertInto('metric_daily')
            .values(rows.slice(i, i + 200))
            .execute();

        const goal = (await db
          .selectFrom('goals')
          .selectAll()
          .where('id', '=', goalId)
          .executeTakeFirstOrThrow()) as unknown as GoalsTable;
        const m = (await metricFacts(db, [metricId])).get(metricId);
        const whole = (await progressOf((metric) => seriesOf(db, metric), goal, m, now)).progress;
        const expected = {
          progress:
            whole.current && whole.plan !== null
              ? { currentValue: whole.current.value, planValue: whole.plan }
              : null,
          forecast: whole.forecast
            ? { valueAtDue: whole.forecast.valueAtDue, meetsTarget: whole.forecast.meetsTarget }
            : null,
        };
        // What is read is bounded: at most the newest PROGRESS_PERIODS periods' worth of days.
        const read = await dailyQuery(db, [metricId], dailyUntil(now)).execute();
        expect(read.length).toBeLessThanOrEqual(
          PROGRESS_PERIODS * { day: 1, week: 7, month: 31 }[sc.period],
        );
        // By id (on PostgreSQL the combined statement, on SQLite the compiled templates) and
        // by a filter (the same compiled per call).
        for (const filter of [{ readable: null, ids: [initiativeId] }, { readable: null }]) {
          const facts = (await loadHealthRows(db, filter, now))
            .get(initiativeId)
            ?.inputs.goals.find((g) => g.id === goalId);
          expect({ progress: facts?.progress, forecast: facts?.forecast }).toEqual(expected);
          // The metric's latest data: the newest day's latest point, the latest of all.
          const latest = rows.length ? Math.max(...rows.map((r) => r.last_at)) : null;
          expect(
            (await loadHealthRows(db, filter, now))
              .get(initiativeId)
              ?.inputs.metrics.find((m) => m.id === metricId)?.lastDataAt,
          ).toBe(latest === null ? null : new Date(latest).toISOString());
        }
      }),
      {
        numRuns: 60,
        // Where a bound one period shorter fails: a metric per day in the zone furthest
        // behind UTC, at 10:30 UTC (three days not yet complete up to dailyUntil), and the
        // turn of a month and of a year there.
        examples: [
          [{ ...EDGE, clock: Date.UTC(2026, 11, 10, 10, 30) }],
          [{ ...EDGE, clock: Date.UTC(2026, 11, 31, 11, 59) }],
          [{ ...EDGE, period: 'month', clock: Date.UTC(2026, 11, 31, 11, 59) }],
          [
            {
              ...EDGE,
              period: 'week',
              timeZone: 'Pacific/Kiritimati',
              clock: Date.UTC(2026, 11, 13, 10, 0),
            },
          ],
        ],
      },
    );
  });
});
