import { MEASUREMENT_WINDOW } from '../../../domain/measurement-time.js';
import type { DbOrTrx } from '../../db/connect.js';
import { OWNER_COLUMNS } from '../people/people.service.js';

export function selectMetricRows(db: DbOrTrx) {
  return db
    .selectFrom('metrics as m')
    .innerJoin('users as bo', 'bo.id', 'm.business_owner_id')
    .innerJoin('users as io', 'io.id', 'm.it_owner_id')
    .selectAll('m')
    .select(OWNER_COLUMNS);
}

export type MetricRow = Awaited<
  ReturnType<ReturnType<typeof selectMetricRows>['executeTakeFirstOrThrow']>
>;

export const findMetricRow = (db: DbOrTrx, id: string): Promise<MetricRow | undefined> =>
  selectMetricRows(db).where('m.id', '=', id).executeTakeFirst();

export const findMetricRows = (db: DbOrTrx, initiativeId: string): Promise<MetricRow[]> =>
  selectMetricRows(db)
    .where('m.initiative_id', '=', initiativeId)
    .orderBy('m.created_at')
    .execute();

/** The latest daily aggregate per metric: its day and last value (never raw points). */
export async function latestValues(db: DbOrTrx, metricIds: string[]) {
  const out = new Map<string, { day: string; value: number; at: number }>();
  if (metricIds.length === 0) return out;
  // Two queries for any number of metrics: each metric's latest day, then those rows.
  const latest = await db
    .selectFrom('metric_daily')
    .select(['metric_id', (eb) => eb.fn.max('day').as('day')])
    .where('metric_id', 'in', metricIds)
    .where('day', '>=', MEASUREMENT_WINDOW.fromDay)
    .where('day', '<', MEASUREMENT_WINDOW.toDay)
    .groupBy('metric_id')
    .execute();
  const wanted = new Map(latest.map((l) => [l.metric_id, l.day]));
  if (wanted.size === 0) return out;
  const rows = await db
    .selectFrom('metric_daily')
    .select(['metric_id', 'day', 'last_value', 'last_at'])
    .where('metric_id', 'in', [...wanted.keys()])
    .where('day', 'in', [...new Set(wanted.values())])
    .execute();
  for (const r of rows) {
    if (wanted.get(r.metric_id) === r.day) {
      out.set(r.metric_id, { day: r.day, value: r.last_value, at: Number(r.last_at) });
    }
  }
  return out;
}

/**
 * A metric's daily aggregates inside the measurement window. Days outside it can only come
 * from older versions or other writers; they would not make calendar weeks and months
 * (year 10000 has no ISO date), so every chart, goal and export leaves them out.
 */
export async function dailyRows(db: DbOrTrx, metricId: string) {
  return db
    .selectFrom('metric_daily')
    .select(['day', 'count', 'sum', 'last_at', 'last_value', 'sources'])
    .where('metric_id', '=', metricId)
    .where('day', '>=', MEASUREMENT_WINDOW.fromDay)
    .where('day', '<', MEASUREMENT_WINDOW.toDay)
    .execute();
}

/** The facts of metrics that goals measure by. */
export const findMetricFacts = (db: DbOrTrx, ids: string[]) =>
  db
    .selectFrom('metrics')
    .select([
      'id',
      'name',
      'unit',
      'direction',
      'period',
      'aggregation',
      'time_zone',
      'initiative_id',
      'min_value',
      'max_value',
    ])
    .where('id', 'in', ids)
    .execute();
