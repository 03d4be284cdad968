import type { Series } from '../../../contracts/metrics.js';
import type { Direction } from '../../../domain/goals.js';
import { csvRow } from '../../../domain/csv-export.js';
import { type Aggregation, aggregateSeries, type Period } from '../../../domain/periods.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { dailyRows, findMetricFacts } from './metrics.repository.js';
import { definitionOf } from './metrics.presenter.js';
import { loadMetric } from './metrics.service.js';

/** What other modules (goals) need of a metric to measure by it. */
export interface MetricFacts {
  id: string;
  name: string;
  unit: string;
  direction: Direction;
  period: Period;
  aggregation: Aggregation;
  time_zone: string;
  initiative_id: string;
  min_value: number | null;
  max_value: number | null;
}

/** Metrics by id, for those that measure by them. */
export async function metricFacts(
  db: DbOrTrx,
  ids: readonly (string | null)[],
): Promise<Map<string, MetricFacts>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await findMetricFacts(db, wanted)).map((r) => [r.id, r]));
}

/**
 * A metric's values per period, from its daily aggregates only (never raw points). Sources
 * are read only when asked for: the chart shows them, progress does not need them.
 */
export async function seriesOf(
  db: DbOrTrx,
  m: { id: string; period: Period; aggregation: Aggregation },
  options: { period?: Period | undefined; sources?: boolean } = {},
) {
  const days = await dailyRows(db, m.id);
  return aggregateSeries(
    days.map((d) => ({
      day: d.day,
      count: d.count,
      sum: d.sum,
      lastAt: Number(d.last_at),
      lastValue: d.last_value,
      sources: options.sources ? (JSON.parse(d.sources) as string[]) : [],
    })),
    options.period ?? m.period,
    m.aggregation,
  );
}

/** The chart's series. */
export async function getSeries(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  period?: Period,
): Promise<Series> {
  const { row } = await loadMetric(ctx.db.kysely, actor, metricId);
  const p = period ?? row.period;
  const points = await seriesOf(ctx.db.kysely, row, { period: p, sources: true });
  return { metricId, period: p, aggregation: row.aggregation, unit: row.unit, points };
}

/** The chart's series as CSV, safe to open in Excel. */
export async function exportSeriesCsv(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  period?: Period,
): Promise<{ filename: string; body: string }> {
  const series = await getSeries(ctx, actor, metricId, period);
  const { row } = await loadMetric(ctx.db.kysely, actor, metricId);
  const d = definitionOf(row);
  const lines = [
    csvRow(['period_start', `value_${series.aggregation}`, 'unit', 'count', 'sources']),
    ...series.points.map((p) => csvRow([p.start, p.value, d.unit, p.count, p.sources.join(' ')])),
  ];
  const safeName =
    d.name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'metric';
  return { filename: `${safeName}-${series.period}.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` };
}
