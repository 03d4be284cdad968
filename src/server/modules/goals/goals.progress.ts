import {
  completion,
  forecast,
  type GoalFacts,
  progressState,
  planValue,
  qualityGate,
} from '../../../domain/goals.js';
import { localDay, nextPeriodStart } from '../../../domain/periods.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { GoalsTable } from '../../db/schema.js';
import { type MetricFacts, seriesOf } from '../metrics/series.service.js';

export type { MetricFacts } from '../metrics/series.service.js';

/** The metric's series per its own period, from daily aggregates. */
const metricSeries = (db: DbOrTrx, m: MetricFacts) => seriesOf(db, m);

/**
 * The metric's current value: for sums and counts the last *complete* period (a running
 * week would look too low), for averages and last values the latest period with data.
 */
export function currentOf(
  series: { start: string; value: number }[],
  m: MetricFacts,
  today: string,
) {
  const complete =
    m.aggregation === 'sum' || m.aggregation === 'count'
      ? series.filter((p) => nextPeriodStart(p.start, m.period) <= today)
      : series;
  const last =
    complete[complete.length - 1] ??
    (m.aggregation === 'sum' || m.aggregation === 'count' ? undefined : series[series.length - 1]);
  return last ? { value: last.value, periodStart: last.start } : null;
}

export const factsOf = (g: GoalsTable, m: MetricFacts | undefined): GoalFacts => ({
  metricId: g.metric_id,
  direction: m?.direction ?? null,
  baselineValue: g.baseline_value,
  baselineDate: g.baseline_date,
  targetValue: g.target_value,
  dueDate: g.due_date,
  businessResponsibleId: g.business_responsible_id,
  itResponsibleId: g.it_responsible_id,
});

export const todayIn = (now: Date, m: MetricFacts | undefined): string =>
  localDay(now.getTime(), m?.time_zone ?? 'Europe/Berlin');

/** Gate, plan, state and forecast of one goal, now. */
export type SeriesOf = (m: MetricFacts) => ReturnType<typeof metricSeries>;

/** Reads each metric's series once, however many goals measure by it. */
export function seriesReader(db: DbOrTrx): SeriesOf {
  const cache = new Map<string, ReturnType<typeof metricSeries>>();
  return (m) => {
    let series = cache.get(m.id);
    if (!series) {
      series = metricSeries(db, m);
      cache.set(m.id, series);
    }
    return series;
  };
}

export async function progressOf(
  seriesOf: SeriesOf,
  g: GoalsTable,
  m: MetricFacts | undefined,
  now: Date,
) {
  const today = todayIn(now, m);
  const gate = qualityGate(factsOf(g, m), today);
  const empty = {
    state: 'no_data' as const,
    current: null,
    plan: null,
    completion: null,
    forecast: null,
    needsDecision: false,
  };
  if (!m || g.baseline_value === null || !g.baseline_date || g.target_value === null || !g.due_date)
    return { gate, progress: empty };
  const series = await seriesOf(m);
  const current = currentOf(series, m, today);
  const input = {
    direction: m.direction,
    baselineValue: g.baseline_value,
    baselineDate: g.baseline_date,
    targetValue: g.target_value,
    dueDate: g.due_date,
    current: current?.value ?? null,
  };
  const state = progressState(input, today);
  const since = g.baseline_date;
  return {
    gate,
    progress: {
      state,
      current,
      plan: planValue(g.baseline_value, g.baseline_date, g.target_value, g.due_date, today),
      completion: current ? completion(input, current.value) : null,
      forecast: forecast(
        series.filter((p) => p.start >= since).map((p) => ({ day: p.start, value: p.value })),
        input,
      ),
      needsDecision: g.status === 'agreed' && today > g.due_date && state !== 'achieved',
    },
  };
}
