/**
 * Periods and aggregation for metric charts. Points are kept as daily aggregates in the
 * metric's time zone (count, sum, last value); weeks (ISO, Monday first) and months are
 * derived from days, so every aggregation (sum, average, last value, count) stays exact
 * and a chart never scans raw points.
 */
import { formatterIn } from './time-zones.js';

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];
export const AGGREGATIONS = ['sum', 'average', 'last', 'count'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * Days already worked out, per time zone and instant: one recompute of an initiative's health
 * asks the day of the same `now` in the same zones a dozen times (each goal, the demos, the
 * stored row and its validity), and formatting a date costs more than the rest of such a
 * question. Bounded per zone; the answers never change.
 */
const localDays = new Map<string, Map<number, string>>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(epochMs: number, timeZone: string): string {
  let known = localDays.get(timeZone);
  const day = known?.get(epochMs);
  if (day !== undefined) return day;
  const formatted = formatterIn(timeZone, 'day').format(epochMs);
  if (!known) {
    if (localDays.size >= 100) localDays.clear();
    known = new Map();
    localDays.set(timeZone, known);
  }
  if (known.size >= 1000) known.clear();
  known.set(epochMs, formatted);
  return formatted;
}

const DAY_MS = 86_400_000;
const toUtcDays = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const fromUtcDays = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Days already worked out (a week's Monday, the next period's start): the health recompute
 * folds a year of daily aggregates per metric into periods at every change, and each of
 * these takes a Date and an ISO string otherwise. Bounded; the answers never change.
 */
const mondayOf = new Map<string, string>();
const nextStartOf = { day: new Map<string, string>(), week: new Map<string, string>() };
function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** The first day of the period containing `day`: itself, its ISO week's Monday, or the 1st. */
export function periodStart(day: string, period: Period): string {
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const known = mondayOf.get(day);
  if (known !== undefined) return known;
  const n = toUtcDays(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return remember(mondayOf, day, fromUtcDays(n - weekday));
}

/** The first day of the next period. */
export function nextPeriodStart(start: string, period: Period): string {
  if (period === 'month') {
    const [y, m] = start.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  const cache = nextStartOf[period];
  const known = cache.get(start);
  if (known !== undefined) return known;
  return remember(cache, start, fromUtcDays(toUtcDays(start) + (period === 'day' ? 1 : 7)));
}

export interface DailyAggregate {
  day: string;
  count: number;
  sum: number;
  /** Instant of the latest point of that day (epoch ms) and its value. */
  lastAt: number;
  lastValue: number;
  /** Distinct sources that contributed, for "where does this number come from". */
  sources: string[];
}

export interface SeriesPoint {
  /** First day of the period. */
  start: string;
  value: number;
  count: number;
  sources: string[];
}

/** Combines daily aggregates (any order) into one value per period, in time order. */
export function aggregateSeries(
  days: readonly DailyAggregate[],
  period: Period,
  aggregation: Aggregation,
): SeriesPoint[] {
  // The health recompute folds every goal's daily aggregates here at each change: no set of
  // sources unless a day has some, and no sorting when the periods came in order (they do;
  // the keys are ISO days, whose order in code units is their localeCompare order).
  const buckets = new Map<
    string,
    { count: number; sum: number; lastAt: number; lastValue: number; sources: Set<string> | null }
  >();
  let lastKey: string | undefined;
  let ordered = true;
  for (const d of days) {
    if (d.count === 0) continue;
    const key = periodStart(d.day, period);
    let b = buckets.get(key);
    if (!b) {
      b = { count: 0, sum: 0, lastAt: -Infinity, lastValue: 0, sources: null };
      buckets.set(key, b);
      if (lastKey !== undefined && !(lastKey < key)) ordered = false;
      lastKey = key;
    }
    b.count += d.count;
    b.sum += d.sum;
    if (d.lastAt >= b.lastAt) {
      b.lastAt = d.lastAt;
      b.lastValue = d.lastValue;
    }
    if (d.sources.length > 0) {
      b.sources ??= new Set();
      for (const s of d.sources) b.sources.add(s);
    }
  }
  const pointOf = (b: NonNullable<ReturnType<typeof buckets.get>>, start: string) => ({
    start,
    count: b.count,
    sources: b.sources ? [...b.sources].sort() : [],
    value:
      aggregation === 'sum'
        ? b.sum
        : aggregation === 'count'
          ? b.count
          : aggregation === 'average'
            ? b.sum / b.count
            : b.lastValue,
  });
  if (!ordered)
    return [...buckets.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([start, b]) => pointOf(b, start));
  const out: SeriesPoint[] = [];
  buckets.forEach((b, start) => out.push(pointOf(b, start)));
  return out;
}
