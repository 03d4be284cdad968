import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateSeries,
  type DailyAggregate,
  localDay,
  nextPeriodStart,
  periodStart,
} from './periods.js';

describe('localDay', () => {
  it.each([
    ['2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-29'], // 00:30 CET
    ['2026-03-29T21:59:00Z', 'Europe/Berlin', '2026-03-29'], // 23:59 CEST after the spring change
    ['2026-03-29T22:00:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-10-25T22:59:00Z', 'Europe/Berlin', '2026-10-25'], // 23:59 CET after the autumn change
    ['2026-01-01T04:00:00Z', 'America/New_York', '2025-12-31'],
    ['2026-01-01T04:00:00Z', 'UTC', '2026-01-01'],
  ])('%s in %s is %s', (iso, tz, day) => {
    expect(localDay(Date.parse(iso), tz)).toBe(day);
  });
});

describe('periodStart / nextPeriodStart', () => {
  it.each([
    ['2026-11-27', 'day', '2026-11-27', '2026-11-28'],
    ['2026-11-27', 'week', '2026-11-23', '2026-11-30'], // Friday → Monday
    ['2026-11-23', 'week', '2026-11-23', '2026-11-30'],
    ['2026-11-29', 'week', '2026-11-23', '2026-11-30'], // Sunday belongs to the week before
    ['2027-01-01', 'week', '2026-12-28', '2027-01-04'],
    ['2026-12-31', 'month', '2026-12-01', '2027-01-01'],
    ['2028-02-29', 'month', '2028-02-01', '2028-03-01'],
  ] as const)('%s per %s starts %s, next %s', (day, period, start, next) => {
    expect(periodStart(day, period)).toBe(start);
    expect(nextPeriodStart(start, period)).toBe(next);
  });

  it('every day lies in [start, next start) of its week and month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }),
        fc.constantFrom('day', 'week', 'month' as const),
        (n, period) => {
          const day = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
          const start = periodStart(day, period);
          expect(start <= day).toBe(true);
          expect(day < nextPeriodStart(start, period)).toBe(true);
        },
      ),
    );
  });
});

describe('aggregateSeries', () => {
  const day = (d: string, values: number[], lastAt = 0, source = 'manual'): DailyAggregate => ({
    day: d,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    lastAt,
    lastValue: values[values.length - 1] ?? 0,
    sources: [source],
  });
  const days = [
    day('2026-11-23', [1, 2], 1),
    day('2026-11-25', [3], 2, 'api'),
    day('2026-11-30', [10], 3),
  ];

  it.each([
    ['sum', [3 + 3, 10]],
    ['count', [3, 1]],
    ['average', [2, 10]],
    ['last', [3, 10]],
  ] as const)('weekly %s', (aggregation, expected) => {
    const series = aggregateSeries(days, 'week', aggregation);
    expect(series.map((p) => p.start)).toEqual(['2026-11-23', '2026-11-30']);
    expect(series.map((p) => p.value)).toEqual(expected);
    expect(series[0]?.sources).toEqual(['api', 'manual']);
  });

  /** aggregateSeries as it was before it skipped the sources' sets and the sorting. */
  const reference = (
    input: readonly DailyAggregate[],
    period: 'day' | 'week' | 'month',
    aggregation: 'sum' | 'average' | 'last' | 'count',
  ) => {
    const buckets = new Map<
      string,
      { count: number; sum: number; lastAt: number; lastValue: number; sources: Set<string> }
    >();
    for (const d of input) {
      if (d.count === 0) continue;
      const key = periodStart(d.day, period);
      let b = buckets.get(key);
      if (!b) {
        b = { count: 0, sum: 0, lastAt: -Infinity, lastValue: 0, sources: new Set() };
        buckets.set(key, b);
      }
      b.count += d.count;
      b.sum += d.sum;
      if (d.lastAt >= b.lastAt) {
        b.lastAt = d.lastAt;
        b.lastValue = d.lastValue;
      }
      for (const s of d.sources) b.sources.add(s);
    }
    return [...buckets.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([start, b]) => ({
        start,
        count: b.count,
        sources: [...b.sources].sort(),
        value:
          aggregation === 'sum'
            ? b.sum
            : aggregation === 'count'
              ? b.count
              : aggregation === 'average'
                ? b.sum / b.count
                : b.lastValue,
      }));
  };

  it('equals the plain fold (sets of sources, sorted periods), in order or not', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            n: fc.integer({ min: 0, max: 400 }),
            count: fc.integer({ min: 0, max: 3 }),
            sum: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            lastAt: fc.integer({ min: 0, max: 5 }),
            lastValue: fc.double({ noNaN: true }),
            sources: fc.array(fc.constantFrom('api', 'manual', 'csv'), { maxLength: 2 }),
          }),
          { maxLength: 40 },
        ),
        fc.boolean(),
        fc.constantFrom('day', 'week', 'month' as const),
        fc.constantFrom('sum', 'average', 'last', 'count' as const),
        (items, sorted, period, aggregation) => {
          const input = items.map(({ n, ...d }) => ({
            ...d,
            day: new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
          }));
          if (sorted) input.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
          expect(aggregateSeries(input, period, aggregation)).toEqual(
            reference(input, period, aggregation),
          );
        },
      ),
    );
  });

  it('weekly sums equal the sum of daily sums (any order of days)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            n: fc.integer({ min: 0, max: 400 }),
            v: fc.integer({ min: -1000, max: 1000 }),
          }),
          { maxLength: 60 },
        ),
        (items) => {
          const input = items.map(({ n, v }, i) =>
            day(new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10), [v], i),
          );
          const total = aggregateSeries(input, 'week', 'sum').reduce((a, p) => a + p.value, 0);
          expect(total).toBe(items.reduce((a, x) => a + x.v, 0));
        },
      ),
    );
  });
});
