import {
  completion,
  forecast,
  type GoalFacts,
  periodValueBounds,
  progressState,
  planValue,
  qualityGate,
} from '../../../domain/goals.js';
import { localDay, nextPeriodStart, periodStart } from '../../../domain/periods.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { GoalsTable } from '../../db/schema.js';
import { type MetricFacts, seriesOf } from '../metrics/series.service.js';

export type { MetricFacts } from '../metrics/series.service.js';

/** The metric's series per its own period, from daily aggregates. */
const metricSeries = (db: DbOrTrx, m: MetricFacts) => seriesOf(db, m);

/**
 * The rule by which a goal's current value is read, and so whether its target is reached: the
 * value of the last *complete* period of the metric. The period still running is left out for
 * every aggregation (a week with one day of data is no week's value).
 */
export const CURRENT_VALUE_RULE = 'last_complete_period' as const;

/** The metric's current value under CURRENT_VALUE_RULE, with the period it is the value of. */
export function currentOf(
  series: { start: string; value: number }[],
  m: Pick<MetricFacts, 'period'>,
  today: string,
) {
  const last = completePeriods(series, m, today).at(-1);
  return last
    ? {
        value: last.value,
        periodStart: last.start,
        periodEnd: nextPeriodStart(last.start, m.period),
      }
    : null;
}

/** The periods that have ended by `today` (the running one left out). */
const completePeriods = <P extends { start: string }>(
  series: P[],
  m: Pick<MetricFacts, 'period'>,
  today: string,
): P[] => series.filter((p) => nextPeriodStart(p.start, m.period) <= today);

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
    rule: CURRENT_VALUE_RULE,
    inProgressPeriodStart: m ? periodStart(today, m.period) : null,
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
      // The trend of complete periods only, within what the metric's values can add up to.
      forecast: forecast(
        completePeriods(series, m, today)
          .filter((p) => p.start >= since)
          .map((p) => ({ day: p.start, value: p.value })),
        input,
        periodValueBounds(m.aggregation, m.min_value, m.max_value),
      ),
      rule: CURRENT_VALUE_RULE,
      inProgressPeriodStart: periodStart(today, m.period),
      needsDecision: g.status === 'agreed' && today > g.due_date && state !== 'achieved',
    },
  };
}
