import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { localDay } from '../../../domain/periods.js';
import type { Db, DbOrTrx } from '../../db/connect.js';
import { type Dialect, dialectOf, lockMetricAggregates, mergedJsonSet } from '../../db/dialect.js';

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

/** One metric-day's contribution: count, sum, the latest point, the sources. */
interface DayFold {
  metricId: string;
  day: string;
  count: number;
  sum: number;
  lastAt: number;
  lastValue: number;
  sources: Set<string>;
}

/**
 * "Last value" of a day: the point with the latest time; of points at the same instant (from
 * different sources) the larger value. A rule that does not depend on the order the points
 * arrived in, so parallel batches, retries and recomputation agree.
 */
const isLater = (at: number, value: number, thanAt: number, thanValue: number): boolean =>
  at > thanAt || (at === thanAt && value > thanValue);

function foldDays(rows: Inserted[], timeZones: Map<string, string>): DayFold[] {
  const groups = new Map<string, DayFold>();
  for (const r of rows) {
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
        lastValue: -Infinity,
        sources: new Set(),
      };
      groups.set(key, g);
    }
    g.count += 1;
    g.sum += r.value;
    if (isLater(at, r.value, g.lastAt, g.lastValue)) {
      g.lastAt = at;
      g.lastValue = r.value;
    }
    g.sources.add(r.source);
  }
  return [...groups.values()];
}

/**
 * The metrics' time zones as stored now. Every write reads them after taking the metrics'
 * aggregate locks: a change of zone rebuilds the aggregates under the exclusive lock, so a
 * write that waited for it folds its points into the new zone's days. A zone read before the
 * lock could be from before that change, and its days would stay wrong until the next rebuild.
 */
async function zonesOf(trx: DbOrTrx, metricIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(metricIds)];
  const zones = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('metrics')
      .select(['id', 'time_zone'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) zones.set(r.id, r.time_zone);
  }
  return zones;
}

/**
 * Inserts points (skipping duplicates) and folds the inserted ones into the daily aggregates.
 * Returns how many were inserted and the metrics' zones they were folded in (read under the
 * lock, which the caller's transaction holds until it ends).
 */
export async function insertPoints(
  db: Db,
  trx: DbOrTrx,
  points: NewPoint[],
  now: number,
): Promise<{ stored: number; timeZones: Map<string, string> }> {
  if (points.length === 0) return { stored: 0, timeZones: new Map() };
  const metricIds = points.map((p) => p.metricId);
  await lockMetricAggregates[db.dialect](trx, metricIds, 'shared');
  const timeZones = await zonesOf(trx, metricIds);
  const inserted = await bulkInsert[db.dialect](db, trx, points, now);
  await mergeDaily(db.dialect, trx, foldDays(inserted, timeZones));
  return { stored: inserted.length, timeZones };
}

/**
 * Adds each metric-day's fold to its stored aggregate in one atomic upsert per chunk: the
 * database adds to the row as it is at that moment (under its row lock), so concurrent
 * batches never overwrite each other's counts (a read-add-write in JavaScript lost updates).
 */
async function mergeDaily(dialect: Dialect, trx: DbOrTrx, groups: DayFold[]): Promise<void> {
  const rows = groups.map((g) => ({
    metric_id: g.metricId,
    day: g.day,
    count: g.count,
    sum: g.sum,
    last_at: g.lastAt,
    last_value: g.lastValue,
    sources: JSON.stringify([...g.sources].sort()),
  }));
  const later = sql<boolean>`(excluded.last_at > metric_daily.last_at or (excluded.last_at = metric_daily.last_at and excluded.last_value > metric_daily.last_value))`;
  // Same order in every transaction: two batches touching the same days lock them alike.
  rows.sort((a, b) =>
    a.metric_id === b.metric_id
      ? a.day.localeCompare(b.day)
      : a.metric_id.localeCompare(b.metric_id),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('metric_daily')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(['metric_id', 'day']).doUpdateSet({
          count: sql<number>`metric_daily.count + excluded.count`,
          sum: sql<number>`metric_daily.sum + excluded.sum`,
          last_at: sql<number>`case when ${later} then excluded.last_at else metric_daily.last_at end`,
          last_value: sql<number>`case when ${later} then excluded.last_value else metric_daily.last_value end`,
          sources: mergedJsonSet[dialect]('metric_daily.sources', 'excluded.sources'),
        }),
      )
      .execute();
  }
}

/** Recomputes the aggregates of the given days from raw points (after a correction or deletion). */
export async function recomputeDays(
  trx: DbOrTrx,
  metricId: string,
  instants: number[],
): Promise<void> {
  // Exclusive against pushes into this metric: their rows must be in what is read here.
  await lockMetricAggregates[dialectOf(trx)](trx, [metricId], 'exclusive');
  const timeZone = (await zonesOf(trx, [metricId])).get(metricId) ?? 'UTC';
  // A stored time that is no date at all (older data) has no day to recompute.
  const days = new Set(
    instants
      .filter((at) => !Number.isNaN(new Date(at).getTime()))
      .map((at) => localDay(at, timeZone)),
  );
  for (const day of days) {
    const anchor = Date.parse(`${day}T12:00:00Z`);
    if (Number.isNaN(anchor)) {
      // A day far outside the calendar (older data): nothing to rebuild, only to drop.
      await trx
        .deleteFrom('metric_daily')
        .where('metric_id', '=', metricId)
        .where('day', '=', day)
        .execute();
      continue;
    }
    const rows = await trx
      .selectFrom('measurements')
      .select(['metric_id', 'at', 'value', 'source'])
      .where('metric_id', '=', metricId)
      .where('at', '>=', anchor - 40 * 3_600_000)
      .where('at', '<=', anchor + 40 * 3_600_000)
      .execute();
    await trx
      .deleteFrom('metric_daily')
      .where('metric_id', '=', metricId)
      .where('day', '=', day)
      .execute();
    const [fold] = foldDays(
      rows.filter(
        (r) =>
          !Number.isNaN(new Date(Number(r.at)).getTime()) &&
          localDay(Number(r.at), timeZone) === day,
      ),
      new Map([[metricId, timeZone]]),
    );
    if (!fold) continue;
    await trx
      .insertInto('metric_daily')
      .values({
        metric_id: metricId,
        day,
        count: fold.count,
        sum: fold.sum,
        last_at: fold.lastAt,
        last_value: fold.lastValue,
        sources: JSON.stringify([...fold.sources].sort()),
      })
      .execute();
  }
}

/** Rebuilds all aggregates of a metric in its stored zone (after its time zone changed). */
export async function rebuildAggregates(trx: DbOrTrx, metricId: string): Promise<void> {
  await lockMetricAggregates[dialectOf(trx)](trx, [metricId], 'exclusive');
  await trx.deleteFrom('metric_daily').where('metric_id', '=', metricId).execute();
  const rows = await trx
    .selectFrom('measurements')
    .select(['at'])
    .where('metric_id', '=', metricId)
    .execute();
  await recomputeDays(
    trx,
    metricId,
    rows.map((r) => Number(r.at)),
  );
}

/** A pushed point sent with mode `replace`: `noteGiven` tells a note to clear from none sent. */
export interface ReplacingPoint extends NewPoint {
  noteGiven: boolean;
}

export interface Correction {
  metricId: string;
  before: { id: string; at: number; value: number; note: string | null; source: string };
  value: number;
  note: string | null;
}

/**
 * Corrects stored values that points sent with mode `replace` name by metric, time and
 * source, in the caller's transaction. Takes the metrics' aggregate locks exclusively (every
 * metric of the batch, in one sorted pass, so a batch never waits for another in the opposite
 * order), so parallel pushes of the same point apply one after the other and the aggregates
 * are recomputed from what is stored. Returns the corrections (a point with the same value and
 * note corrects nothing) and the points that matched no stored value, to be inserted.
 */
export async function replaceStored(
  trx: DbOrTrx,
  allMetricIds: string[],
  points: ReplacingPoint[],
): Promise<{ corrections: Correction[]; unmatched: NewPoint[] }> {
  if (points.length === 0) return { corrections: [], unmatched: [] };
  await lockMetricAggregates[dialectOf(trx)](trx, allMetricIds, 'exclusive');
  const key = (metricId: string, at: number, source: string) => `${metricId}|${at}|${source}`;
  const stored = new Map<string, Correction['before']>();
  for (let i = 0; i < points.length; i += 300) {
    const chunk = points.slice(i, i + 300);
    const rows = await trx
      .selectFrom('measurements')
      .select(['id', 'metric_id', 'at', 'value', 'note', 'source'])
      .where((eb) =>
        eb.or(
          chunk.map((p) =>
            eb.and([
              eb('metric_id', '=', p.metricId),
              eb('at', '=', p.at),
              eb('source', '=', p.source),
            ]),
          ),
        ),
      )
      .execute();
    for (const r of rows)
      stored.set(key(r.metric_id, Number(r.at), r.source), {
        id: r.id,
        at: Number(r.at),
        value: r.value,
        note: r.note,
        source: r.source,
      });
  }
  const corrections: Correction[] = [];
  const unmatched: NewPoint[] = [];
  for (const p of points) {
    const k = key(p.metricId, p.at, p.source);
    const before = stored.get(k);
    if (!before) {
      unmatched.push(p);
      continue;
    }
    const note = p.noteGiven ? p.note : before.note;
    if (before.value === p.value && before.note === note) continue;
    await trx
      .updateTable('measurements')
      .set({ value: p.value, note })
      .where('id', '=', before.id)
      .execute();
    corrections.push({ metricId: p.metricId, before, value: p.value, note });
    // A second point for the same value in this batch corrects what the first one left.
    stored.set(k, { ...before, value: p.value, note });
  }
  const byMetric = new Map<string, number[]>();
  for (const c of corrections)
    byMetric.set(c.metricId, [...(byMetric.get(c.metricId) ?? []), c.before.at]);
  for (const [metricId, instants] of byMetric) await recomputeDays(trx, metricId, instants);
  return { corrections, unmatched };
}
