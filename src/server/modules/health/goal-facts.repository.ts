/** The goals' part of the fact sheets: their queries and their facts per initiative. */
import type { GoalHealthFacts } from '../../../domain/health.js';
import { FORECAST_WINDOW } from '../../../domain/goals.js';
import { MEASUREMENT_WINDOW } from '../../../domain/measurement-time.js';
import { aggregateSeries, type DailyAggregate, type Period } from '../../../domain/periods.js';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/connect.js';
import type { GoalsTable } from '../../db/schema.js';
import { progressOf } from '../goals/goals.service.js';
import {
  COMPANY_TIME_ZONE,
  group,
  num,
  type RowsOf,
  signaturesMap,
  signaturesQuery,
} from './facts-common.repository.js';

/** The goals' queries (not yet run), for `ids`. */
export function goalQueries(db: DbOrTrx, ids: readonly string[]) {
  return {
    goals: db
      .selectFrom('goals as g')
      .leftJoin('metrics as m', 'm.id', 'g.metric_id')
      .selectAll('g')
      .select([
        'm.name as m_name',
        'm.unit as m_unit',
        'm.direction as m_direction',
        'm.period as m_period',
        'm.aggregation as m_aggregation',
        'm.time_zone as m_time_zone',
        'm.min_value as m_min_value',
        'm.max_value as m_max_value',
      ])
      .where('g.initiative_id', 'in', ids)
      .where('g.status', 'not in', ['dropped'])
      .orderBy('g.created_at'),
    goalSigs: signaturesQuery(db, 'goal', ids),
  };
}

/**
 * How many periods with data, newest first, goal progress can need of a metric: its current
 * value is the last complete period with data (however old) and its forecast runs through the
 * last FORECAST_WINDOW complete ones, so FORECAST_WINDOW periods that have ended, and at most
 * three more that have not. The days read end on `dailyUntil` (the UTC day of now + 14 h, the
 * latest "today" of any time zone), and from the latest local "today" of a metric (at the
 * earliest now − 12 h) to that day there are at most three days: three periods of a day, two
 * of a week or a month. Periods after it (measurements may lie in the future, up to 2099) are
 * not read at all, so they cannot take the older periods' places.
 */
export const PROGRESS_PERIODS = FORECAST_WINDOW + 3;

/**
 * The last day a goal's progress may read at `now`: the UTC calendar day of now + 14 h (no
 * time zone is ahead of UTC by more, so it is on or after every zone's today).
 */
export const dailyUntil = (now: Date): string =>
  new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

/**
 * The days with data a metric's last PROGRESS_PERIODS periods with data can hold, at most:
 * a period holds at most 1, 7 or 31 days, and the newest that many days with data (up to
 * `dailyUntil`) hold every day of those periods. What lies before them (a year and more of
 * history) never changes a goal's progress, and was most of what the recompute read.
 */
const DAYS_READ = {
  day: PROGRESS_PERIODS,
  week: PROGRESS_PERIODS * 7,
  month: PROGRESS_PERIODS * 31,
} as const satisfies Record<Period, number>;

/**
 * The daily aggregates goal progress needs of the given metrics (or of a subquery's), oldest
 * first per metric: the days with data up to `until` (dailyUntil(now)), of at most the newest
 * DAYS_READ of the metric's period. Each metric's first day read is found by its primary
 * key (metric, day) from the newest back, and its days are read by it from there: however
 * long its history, a metric costs the days its progress can use.
 */
export function dailyQuery(
  db: DbOrTrx,
  metricIds: readonly string[] | ReturnType<typeof progressMetricIds>,
  until: string,
) {
  const nthNewest = (n: number) =>
    sql<string>`(select d2.day from metric_daily as d2 where d2.metric_id = m.id and d2.count > 0 and d2.day <= ${until} and d2.day >= ${MEASUREMENT_WINDOW.fromDay} and d2.day < ${MEASUREMENT_WINDOW.toDay} order by d2.day desc limit 1 offset ${sql.lit(n - 1)})`;
  return (
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('metrics as m')
          .select([
            'm.id',
            // The oldest day read: '' (before every day) when the metric has fewer days.
            sql<string>`max(coalesce(case m.period when 'day' then ${nthNewest(DAYS_READ.day)} when 'week' then ${nthNewest(DAYS_READ.week)} else ${nthNewest(DAYS_READ.month)} end, ''))`.as(
              'from_day',
            ),
          ])
          .where('m.id', 'in', metricIds)
          // Grouped, so that the planner keeps it a table of its own (each metric's first day
          // found once) instead of asking the subquery again for each day joined.
          .groupBy('m.id')
          .as('c'),
      )
      .innerJoin('metric_daily as d', (j) =>
        j.onRef('d.metric_id', '=', 'c.id').onRef('d.day', '>=', 'c.from_day'),
      )
      .select(['d.metric_id', 'd.day', 'd.count', 'd.sum', 'd.last_at', 'd.last_value'])
      .where('d.day', '<=', until)
      // The measurement window, as the goal page reads (metrics.repository dailyRows): days
      // outside it make no calendar weeks or months.
      .where('d.day', '>=', MEASUREMENT_WINDOW.fromDay)
      .where('d.day', '<', MEASUREMENT_WINDOW.toDay)
      .where('d.count', '>', 0)
      .orderBy('d.metric_id')
      .orderBy('d.day')
  );
}
/** In SQL, the metrics agreed goals of `ids` measure progress by (as `progressGoals` below). */
export function progressMetricIds(db: DbOrTrx, ids: readonly string[]) {
  return db
    .selectFrom('goals as pg')
    .select('pg.metric_id')
    .where('pg.initiative_id', 'in', ids)
    .where('pg.status', '=', 'agreed')
    .where('pg.metric_id', 'is not', null)
    .where('pg.baseline_value', 'is not', null)
    .where('pg.baseline_date', 'is not', null)
    .where('pg.target_value', 'is not', null)
    .where('pg.due_date', 'is not', null);
}

type GoalQueries = ReturnType<typeof goalQueries>;
export type DailyRows = RowsOf<ReturnType<typeof dailyQuery>>;

/** Daily aggregates per metric id, oldest first (what aggregateSeries folds). */
export type DailyByMetric = ReadonlyMap<string, readonly DailyAggregate[]>;

/**
 * No sources (the health facts never show where a number comes from): one shared list, never
 * changed (aggregateSeries only reads it).
 */
export const NO_SOURCES: string[] = [];

/** The rows of dailyQuery per metric, as aggregateSeries takes them. */
function dailyByMetric(days: DailyRows): DailyByMetric {
  const out = new Map<string, DailyAggregate[]>();
  for (const d of days) {
    let list = out.get(d.metric_id);
    if (!list) {
      list = [];
      out.set(d.metric_id, list);
    }
    list.push({
      day: d.day,
      count: num(d.count),
      sum: num(d.sum),
      lastAt: num(d.last_at),
      lastValue: num(d.last_value),
      sources: NO_SOURCES,
    });
  }
  return out;
}

/**
 * The goals' facts per initiative, from the rows of goalQueries. Goal progress (behind plan,
 * forecast): the daily aggregates of the metrics that agreed goals measure by (`daily`: given,
 * as rows of dailyQuery or already per metric, or, when null, loaded here in one query),
 * folded per metric's own period.
 */
export async function goalFacts(
  db: DbOrTrx,
  rows: { [K in keyof GoalQueries]: RowsOf<GoalQueries[K]> },
  daily: DailyRows | DailyByMetric | null,
  now: Date,
): Promise<(initiativeId: string) => Promise<GoalHealthFacts[]>> {
  const { goals } = rows;
  const goalSigs = signaturesMap(rows.goalSigs);
  const progressGoals = goals.filter(
    (g) =>
      g.status === 'agreed' &&
      g.metric_id !== null &&
      g.baseline_value !== null &&
      g.baseline_date !== null &&
      g.target_value !== null &&
      g.due_date !== null,
  );
  const withProgress = new Set(progressGoals);
  const seriesMetricIds = [...new Set(progressGoals.map((g) => g.metric_id as string))];
  let dailyBy: DailyByMetric;
  if (daily instanceof Map) dailyBy = daily;
  else if (daily !== null) dailyBy = dailyByMetric(daily as DailyRows);
  else
    dailyBy = dailyByMetric(
      seriesMetricIds.length
        ? await dailyQuery(db, seriesMetricIds, dailyUntil(now)).execute()
        : [],
    );
  const goalsBy = group(goals, (g) => g.initiative_id);

  return async (initiativeId) => {
    const goalFacts: GoalHealthFacts[] = [];
    for (const g of goalsBy.get(initiativeId) ?? []) {
      const sig = goalSigs.get(g.id);
      let progress: GoalHealthFacts['progress'] = null;
      let forecast: GoalHealthFacts['forecast'] = null;
      if (withProgress.has(g) && g.m_name !== null) {
        const m = {
          id: g.metric_id as string,
          name: g.m_name,
          unit: g.m_unit ?? '',
          direction: g.m_direction ?? 'higher_is_better',
          period: g.m_period ?? 'day',
          aggregation: g.m_aggregation ?? 'sum',
          time_zone: g.m_time_zone ?? COMPANY_TIME_ZONE,
          min_value: g.m_min_value ?? null,
          max_value: g.m_max_value ?? null,
          initiative_id: g.initiative_id,
        };
        const series = aggregateSeries(dailyBy.get(m.id) ?? [], m.period, m.aggregation);
        const row = g as unknown as GoalsTable;
        const p = await progressOf(async () => series, row, m, now);
        if (p.progress.current && p.progress.plan !== null)
          progress = { currentValue: p.progress.current.value, planValue: p.progress.plan };
        if (p.progress.forecast)
          forecast = {
            valueAtDue: p.progress.forecast.valueAtDue,
            meetsTarget: p.progress.forecast.meetsTarget,
          };
      }
      goalFacts.push({
        id: g.id,
        statement: g.statement,
        status: g.status,
        proposedAt: num(g.agreement_version) === 0 ? null : (sig?.since ?? null),
        signedAt: { business: sig?.business ?? null, it: sig?.it ?? null },
        dueDate: g.due_date,
        baselineValue: g.baseline_value === null ? null : num(g.baseline_value),
        targetValue: g.target_value === null ? null : num(g.target_value),
        metric: g.m_name === null ? null : { name: g.m_name, unit: g.m_unit ?? '' },
        progress,
        forecast,
      });
    }
    return goalFacts;
  };
}
