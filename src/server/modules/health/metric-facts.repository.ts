/** The metrics' part of the fact sheets: their queries and their facts per initiative. */
import type { MetricHealthFacts } from '../../../domain/health.js';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/connect.js';
import {
  group,
  isoOf,
  num,
  type RowsOf,
  signaturesMap,
  signaturesQuery,
} from './facts-common.repository.js';

/** The metrics' queries (not yet run), for `ids`. */
export function metricQueries(db: DbOrTrx, ids: readonly string[]) {
  return {
    metrics: db
      .selectFrom('metrics')
      .select(['id', 'initiative_id', 'name', 'unit', 'period', 'created_at'])
      .where('initiative_id', 'in', ids)
      .orderBy('created_at'),
    metricSigs: signaturesQuery(db, 'metric', ids),
    // Per metric, by its index: never a join the planner could turn into a scan of every
    // metric's daily rows (PostgreSQL did, before statistics after a bulk load).
    lastData: db
      .selectFrom('metrics as m')
      .select([
        'm.id as metric_id',
        // The latest point's time, from the newest days only (by the primary key, from its
        // end, however long the history): a metric's days are calendar days in its time zone
        // and a day is stored only with points. The newest three: a write that read the zone
        // just before a change of zone (which rebuilds the days) can leave a day of the old
        // zone beside those of the new one, and days of two zones are at most 26 hours apart.
        () =>
          sql<
            number | string | null
          >`(select max(n.last_at) from (select d.last_at from metric_daily as d where d.metric_id = m.id order by d.day desc limit 3) as n)`.as(
            'last_at',
          ),
      ])
      .where('m.initiative_id', 'in', ids),
    pushes: db
      .selectFrom('measurements as ms')
      .innerJoin('metrics as m', 'm.id', 'ms.metric_id')
      .innerJoin('api_tokens as t', 't.id', 'ms.token_id')
      .select([
        'ms.metric_id',
        't.id as token_id',
        't.name',
        (eb) => eb.fn.max('ms.created_at').as('last_push'),
      ])
      .where('m.initiative_id', 'in', ids)
      .where('ms.token_id', 'is not', null)
      .where('t.revoked_at', 'is', null)
      .groupBy(['ms.metric_id', 't.id', 't.name']),
  };
}

type MetricQueries = ReturnType<typeof metricQueries>;

/** The metrics' facts per initiative, from the rows of metricQueries. */
export function metricFacts(rows: {
  [K in keyof MetricQueries]: RowsOf<MetricQueries[K]>;
}): (initiativeId: string) => MetricHealthFacts[] {
  const metricSigs = signaturesMap(rows.metricSigs);
  const metricsBy = group(rows.metrics, (m) => m.initiative_id);
  const lastDataBy = new Map(
    rows.lastData.filter((d) => d.last_at !== null).map((d) => [d.metric_id, num(d.last_at)]),
  );
  const pushesBy = group(rows.pushes, (p) => p.metric_id);
  return (initiativeId) =>
    (metricsBy.get(initiativeId) ?? []).map((m) => {
      const sig = metricSigs.get(m.id);
      const last = lastDataBy.get(m.id);
      return {
        id: m.id,
        name: m.name,
        unit: m.unit,
        period: m.period,
        createdAt: m.created_at,
        definitionSince: sig?.since ?? m.created_at,
        signedAt: { business: sig?.business ?? null, it: sig?.it ?? null },
        lastDataAt: last === undefined ? null : new Date(last).toISOString(),
        pushSources: (pushesBy.get(m.id) ?? []).map((p) => ({
          tokenId: p.token_id,
          name: p.name,
          lastPushAt: isoOf(p.last_push),
        })),
      };
    });
}
