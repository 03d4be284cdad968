import { newSortableId } from '../../../db/ids.js';
import { METRICS } from './words.js';
import { DAY, day, HOUR, iso, LARGE_SCALE, type InitiativeSeed, type SliceSeed } from './shared.js';

/**
 * An initiative's metrics, their agreements and their points with the daily aggregates.
 * Returns the metrics' ids and base values, for the goals.
 */
export function seedMetrics(
  s: SliceSeed,
  { i, id, shape, owner, itOwner, created, title }: InitiativeSeed,
): { metricIds: string[]; metricBase: number[] } {
  const { r, now, today, rows, counts, pointsPerMetric, pointId } = s;
  // Metrics with their points: hourly from 06:00 to 17:00 UTC (the same day in Berlin).
  const metricIds: string[] = [];
  const metricBase: number[] = [];
  for (let m = 0; m < LARGE_SCALE.metricsPerInitiative; m += 1) {
    const [name, unit, direction, base] = METRICS[
      (i + m * 3) % METRICS.length
    ] as (typeof METRICS)[number];
    // Sortable: points and daily aggregates are keyed by metric first, so their indexes
    // grow at the end instead of taking inserts all over a tree of millions of rows.
    const metricId = newSortableId(now);
    metricIds.push(metricId);
    metricBase.push(base);
    const agreed = shape === 0 || r.chance(0.6);
    const definition = {
      name,
      description: `${name} für ${title}`,
      dataSource: r.pick(['SAP', 'Salesforce', 'ServiceNow', 'Data Warehouse', 'Excel']),
      unit,
      valueType: 'decimal',
      minValue: unit === '%' ? 0 : null,
      maxValue: unit === '%' ? 100 : null,
      direction,
      aggregation: unit === 'Stück' ? 'sum' : 'average',
      period: r.chance(0.7) ? 'week' : 'day',
      timeZone: 'Europe/Berlin',
    };
    rows.metrics.push([
      metricId,
      id,
      definition.name,
      definition.description,
      definition.dataSource,
      unit,
      'decimal',
      definition.minValue,
      definition.maxValue,
      direction,
      definition.aggregation,
      definition.period,
      'Europe/Berlin',
      owner.id,
      itOwner.id,
      1,
      1,
      owner.id,
      iso(created + DAY),
      iso(created + DAY),
    ]);
    rows.versions.push([
      'metric',
      metricId,
      1,
      JSON.stringify(definition),
      owner.id,
      iso(created + DAY),
    ]);
    rows.signatures.push(['metric', metricId, 1, owner.id, 'business', iso(created + DAY)]);
    if (agreed)
      rows.signatures.push(['metric', metricId, 1, itOwner.id, 'it', iso(created + 2 * DAY)]);
    counts.metrics += 1;
    // A silent source: the points stopped some weeks ago.
    const silent = shape === 2 && r.chance(0.5) ? (20 + r.int(40)) * DAY : 0;
    const days = Math.ceil(pointsPerMetric / 12);
    let left = pointsPerMetric;
    const trend = direction === 'higher_is_better' ? 0.002 : -0.002;
    for (let d = days - 1; d >= 0 && left > 0; d -= 1) {
      const dayStart = today - silent - d * DAY;
      let sum = 0;
      let n = 0;
      let lastAt = 0;
      let lastValue = 0;
      for (let h = 0; h < 12 && left > 0; h += 1, left -= 1) {
        const at = dayStart + (6 + h) * HOUR;
        const value =
          Math.round(base * (1 + trend * (days - d)) * (0.85 + 0.3 * r.next()) * 100) / 100;
        rows.measurements.push([pointId(), metricId, at, value, 'api', at + 60_000]);
        sum += value;
        n += 1;
        lastAt = at;
        lastValue = value;
      }
      rows.daily.push([metricId, day(dayStart), n, sum, lastAt, lastValue, '["api"]']);
      counts.points += n;
    }
  }
  return { metricIds, metricBase };
}
