import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { localDay } from '../../../domain/periods.js';
import type { Db, DbOrTrx } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';

/**
 * Writing measurements in bulk, and keeping the daily aggregates in step. Duplicates
 * (same metric, time and source, or same idempotency key) are skipped by the unique
 * indexes, so a retried batch never double-counts; only rows actually inserted update
 * the aggregates. Callers run this inside a transaction: all or nothing.
 */
export interface NewPoint {
  metricId: string;
  at: number;
  value: number;
  note: string | null;
  source: string;
  idempotencyKey: string | null;
  createdBy: string | null;
  tokenId: string | null;
}

interface Inserted {
  metric_id: string;
  at: number;
  value: number;
  source: string;
}

const COLUMNS =
  'id, metric_id, at, value, note, source, idempotency_key, created_at, created_by, token_id';

/** The bulk insert differs per driver; everything else is shared. */
const bulkInsert: Record<
  Dialect,
  (db: Db, trx: DbOrTrx, points: NewPoint[], now: number) => Promise<Inserted[]>
> = {
  sqlite: (db, _trx, points, now) => {
    // better-sqlite3 prepared statement on the same connection as the Kysely transaction:
    // the fastest way into SQLite. `changes` tells inserted (1) from duplicate (0).
    const raw = db.sqlite;
    if (!raw) throw new Error('SQLite handle missing');
    const stmt = raw.prepare(
      `insert into measurements (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    );
    const inserted: Inserted[] = [];
    for (const p of points) {
      const info = stmt.run(
        randomUUID(),
        p.metricId,
        p.at,
        p.value,
        p.note,
        p.source,
        p.idempotencyKey,
        now,
        p.createdBy,
        p.tokenId,
      );
      if (info.changes === 1)
        inserted.push({ metric_id: p.metricId, at: p.at, value: p.value, source: p.source });
    }
    return Promise.resolve(inserted);
  },
  postgres: async (_db, trx, points, now) => {
    // One statement per chunk: arrays unnested server-side.
    const inserted: Inserted[] = [];
    for (let i = 0; i < points.length; i += 5000) {
      const chunk = points.slice(i, i + 5000);
      const result = await sql<Inserted>`
        insert into measurements (id, metric_id, at, value, note, source, idempotency_key, created_at, created_by, token_id)
        select * from unnest(
          ${chunk.map(() => randomUUID())}::text[], ${chunk.map((p) => p.metricId)}::text[], ${chunk.map((p) => p.at)}::bigint[],
          ${chunk.map((p) => p.value)}::double precision[], ${chunk.map((p) => p.note)}::text[], ${chunk.map((p) => p.source)}::text[],
          ${chunk.map((p) => p.idempotencyKey)}::text[], ${chunk.map(() => now)}::bigint[], ${chunk.map((p) => p.createdBy)}::text[],
          ${chunk.map((p) => p.tokenId)}::text[])
        on conflict do nothing
        returning metric_id, at, value, source`.execute(trx);
      inserted.push(...result.rows);
    }
    return inserted;
  },
};

/** Inserts points (skipping duplicates) and folds the inserted ones into the daily aggregates. */
export async function insertPoints(
  db: Db,
  trx: DbOrTrx,
  points: NewPoint[],
  timeZones: Map<string, string>,
  now: number,
): Promise<number> {
  if (points.length === 0) return 0;
  const inserted = await bulkInsert[db.dialect](db, trx, points, now);
  const groups = new Map<
    string,
    {
      metricId: string;
      day: string;
      count: number;
      sum: number;
      lastAt: number;
      lastValue: number;
      sources: Set<string>;
    }
  >();
  for (const r of inserted) {
    const tz = timeZones.get(r.metric_id) ?? 'UTC';
    const at = Number(r.at);
    const day = localDay(at, tz);
    const key = `${r.metric_id}|${day}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        metricId: r.metric_id,
        day,
        count: 0,
        sum: 0,
        lastAt: -Infinity,
        lastValue: 0,
        sources: new Set(),
      };
      groups.set(key, g);
    }
    g.count += 1;
    g.sum += r.value;
    if (at >= g.lastAt) {
      g.lastAt = at;
      g.lastValue = r.value;
    }
    g.sources.add(r.source);
  }
  await mergeDaily(trx, [...groups.values()]);
  return inserted.length;
}

async function mergeDaily(
  trx: DbOrTrx,
  groups: {
    metricId: string;
    day: string;
    count: number;
    sum: number;
    lastAt: number;
    lastValue: number;
    sources: Set<string>;
  }[],
): Promise<void> {
  if (groups.length === 0) return;
  // Read the existing aggregates of the touched days, merge in memory, write back.
  const byMetric = new Map<string, string[]>();
  for (const g of groups) byMetric.set(g.metricId, [...(byMetric.get(g.metricId) ?? []), g.day]);
  const existing = new Map<
    string,
    { count: number; sum: number; last_at: number; last_value: number; sources: string }
  >();
  for (const [metricId, days] of byMetric) {
    for (let i = 0; i < days.length; i += 500) {
      const rows = await trx
        .selectFrom('metric_daily')
        .select(['day', 'count', 'sum', 'last_at', 'last_value', 'sources'])
        .where('metric_id', '=', metricId)
        .where('day', 'in', days.slice(i, i + 500))
        .execute();
      for (const r of rows) existing.set(`${metricId}|${r.day}`, r);
    }
  }
  const rows = groups.map((g) => {
    const e = existing.get(`${g.metricId}|${g.day}`);
    const sources = new Set<string>([
      ...(e ? (JSON.parse(e.sources) as string[]) : []),
      ...g.sources,
    ]);
    const newer = !e || g.lastAt >= Number(e.last_at);
    return {
      metric_id: g.metricId,
      day: g.day,
      count: (e?.count ?? 0) + g.count,
      sum: (e?.sum ?? 0) + g.sum,
      last_at: newer ? g.lastAt : Number(e.last_at),
      last_value: newer ? g.lastValue : e.last_value,
      sources: JSON.stringify([...sources].sort()),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('metric_daily')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(['metric_id', 'day']).doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          sum: eb.ref('excluded.sum'),
          last_at: eb.ref('excluded.last_at'),
          last_value: eb.ref('excluded.last_value'),
          sources: eb.ref('excluded.sources'),
        })),
      )
      .execute();
  }
}

/** Recomputes the aggregates of the given days from raw points (after a correction or deletion). */
export async function recomputeDays(
  trx: DbOrTrx,
  metricId: string,
  timeZone: string,
  instants: number[],
): Promise<void> {
  const days = new Set(instants.map((at) => localDay(at, timeZone)));
  for (const day of days) {
    const anchor = Date.parse(`${day}T12:00:00Z`);
    const rows = await trx
      .selectFrom('measurements')
      .select(['at', 'value', 'source'])
      .where('metric_id', '=', metricId)
      .where('at', '>=', anchor - 40 * 3_600_000)
      .where('at', '<=', anchor + 40 * 3_600_000)
      .execute();
    const mine = rows.filter((r) => localDay(Number(r.at), timeZone) === day);
    await trx
      .deleteFrom('metric_daily')
      .where('metric_id', '=', metricId)
      .where('day', '=', day)
      .execute();
    if (mine.length === 0) continue;
    const last = mine.reduce((a, b) => (Number(b.at) >= Number(a.at) ? b : a));
    await trx
      .insertInto('metric_daily')
      .values({
        metric_id: metricId,
        day,
        count: mine.length,
        sum: mine.reduce((s, r) => s + r.value, 0),
        last_at: Number(last.at),
        last_value: last.value,
        sources: JSON.stringify([...new Set(mine.map((r) => r.source))].sort()),
      })
      .execute();
  }
}

/** Rebuilds all aggregates of a metric (after its time zone changed). */
export async function rebuildAggregates(
  trx: DbOrTrx,
  metricId: string,
  timeZone: string,
): Promise<void> {
  await trx.deleteFrom('metric_daily').where('metric_id', '=', metricId).execute();
  const rows = await trx
    .selectFrom('measurements')
    .select(['at'])
    .where('metric_id', '=', metricId)
    .execute();
  await recomputeDays(
    trx,
    metricId,
    timeZone,
    rows.map((r) => Number(r.at)),
  );
}
