/** The stored current health (`initiative_health`): its upsert and the reads of it. */
import { type Insertable, sql } from 'kysely';
import { type DbOrTrx, PREPARED } from '../../db/connect.js';
import { dialectOf } from '../../db/dialect.js';
import { bindTemplate, type ListsAll, TemplateCache, templateMark } from '../../db/templates.js';
import type { InitiativeHealthTable } from '../../db/schema.js';
import {
  filteredInitiatives,
  type InitiativeFilter,
  initiativeHeads,
} from './facts-common.repository.js';
import type { ReadableIds } from '../initiatives/visibility.service.js';

export type StoredHealthRow = Insertable<InitiativeHealthTable>;

/**
 * Upserts the stored health of some initiatives: a parallel recompute of the same initiative
 * (another instance) makes this an update, never a duplicate-key error.
 */
export async function saveCurrentHealth(db: DbOrTrx, rows: readonly StoredHealthRow[]) {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    // Compiled once per dialect and number of rows (db/templates), the row's values bound.
    const template = upserts.get(
      db,
      `${dialectOf(db)}:${chunk.length}`,
      chunk.length * STORED_COLUMNS.length,
      () =>
        upsertOf(
          db,
          chunk.map((_, r) =>
            Object.fromEntries(
              STORED_COLUMNS.map((c, k) => [c, templateMark(r * STORED_COLUMNS.length + k)]),
            ),
          ) as unknown as StoredHealthRow[],
        )
          // One row (the subscriber's recompute of an initiative): prepared once per
          // PostgreSQL connection, not parsed and planned at each call. Other counts are
          // rarer and each would take one of a connection's few prepared slots.
          .$if(chunk.length === 1, (q) => q.modifyEnd(PREPARED))
          .compile(),
    );
    if (template)
      await db.executeQuery(
        bindTemplate(
          template,
          chunk.flatMap((row) => STORED_COLUMNS.map((c) => row[c])),
        ),
      );
    else await upsertOf(db, chunk).execute();
  }
}

/** The columns of a stored row, in the order a template's marks stand for them. */
const STORED_COLUMNS = [
  'initiative_id',
  'day',
  'computed_at',
  'revision',
  'valid_until',
  'basis',
  'ampel',
  'score',
  'weakest',
  'areas',
  'waiting',
  'result',
] as const satisfies readonly (keyof StoredHealthRow)[];
// Every column of initiative_health is in STORED_COLUMNS (one left out would not be stored).
const everyStoredColumn: ListsAll<keyof StoredHealthRow, (typeof STORED_COLUMNS)[number]> = true;
void everyStoredColumn;
const upserts = new TemplateCache<string>();

const upsertOf = (db: DbOrTrx, rows: readonly StoredHealthRow[]) =>
  db
    .insertInto('initiative_health')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('initiative_id').doUpdateSet((eb) => ({
        day: eb.ref('excluded.day'),
        computed_at: eb.ref('excluded.computed_at'),
        revision: eb.ref('excluded.revision'),
        valid_until: eb.ref('excluded.valid_until'),
        basis: eb.ref('excluded.basis'),
        ampel: eb.ref('excluded.ampel'),
        score: eb.ref('excluded.score'),
        weakest: eb.ref('excluded.weakest'),
        areas: eb.ref('excluded.areas'),
        waiting: eb.ref('excluded.waiting'),
        result: eb.ref('excluded.result'),
      })),
    );

/**
 * Per stream (an initiative's events are its stream), when its last delivery of `subscriber`
 * failed for good (`failed_at`). A stored row computed before that may lack the event's
 * write: the subscriber gave up on storing it, so a read must not use it. A row computed
 * after it includes the write: the failure is recorded after the event's commit (at the
 * end of the retries, about 40 minutes of backoff with the defaults, so instances' clocks
 * cannot order them wrongly), and a recompute's `computed_at` is taken before it reads the
 * facts. A recompute on an instance whose clock is behind the one that recorded the failure
 * can store a row with `computed_at` before `failed_at` although it includes the write: the
 * row then stays stale (computed on every read, recomputed by the job) for up to that skew,
 * until a recompute on a clock past `failed_at` stores it; it sorts itself out. The partial
 * index of failed deliveries (subscriber, stream, finished_at): failed deliveries are never
 * pruned, and other subscribers' (mail, webhooks) may be many. 'failed' as a literal, as
 * 'pending' below: a generic plan uses a partial index only for a predicate it can see.
 */
export function failedSince(db: DbOrTrx, subscriber: string) {
  return db
    .selectFrom('event_deliveries as fd')
    .select(['fd.stream', (eb) => eb.fn.max('fd.finished_at').as('failed_at')])
    .where('fd.subscriber', '=', subscriber)
    .where('fd.status', '=', sql.lit('failed'))
    .groupBy('fd.stream');
}

/**
 * The initiatives passing `filter` whose stored health cannot be used at `now`: none stored,
 * expired (`valid_until`), or computed with other thresholds or stages (`basis`); with
 * `pendingOf`, also those with a delivery of that subscriber still pending; with `failedOf`
 * (by default `pendingOf`), also those with a delivery of that subscriber failed for good
 * since their row was computed (failedSince). One statement: inside a recompute's
 * transaction each round trip waits for the last.
 */
export async function findStaleHealthIds(
  db: DbOrTrx,
  filter: InitiativeFilter,
  nowIso: string,
  basis: string,
  pendingOf?: string,
  failedOf: string | undefined = pendingOf,
): Promise<string[]> {
  const q = filteredInitiatives(db, filter).leftJoin(
    'initiative_health as ih',
    'ih.initiative_id',
    'i.id',
  );
  // Joined, not a subquery per row: the failed deliveries are read once (few, usually none).
  // Its column is named with sql.ref, so the query keeps q's type.
  const withFailed =
    failedOf === undefined
      ? undefined
      : (q.leftJoin(failedSince(db, failedOf).as('f'), 'f.stream', 'i.id') as unknown as typeof q);
  const rows = await (withFailed ?? q)
    .select('i.id')
    .where((eb) =>
      eb.or([
        eb('ih.initiative_id', 'is', null),
        eb('ih.valid_until', '<=', nowIso),
        eb('ih.basis', '<>', basis),
        // Failed for good at or after the row was computed: the subscriber will not store it.
        ...(withFailed === undefined
          ? []
          : [eb(sql.ref('f.failed_at'), '>=', sql.ref('ih.computed_at'))]),
        // The partial index of pending deliveries (subscriber, stream): an initiative's
        // events are its stream. 'pending' as a literal: a generic plan (the recompute's
        // transaction) uses a partial index only for a predicate it can see.
        ...(pendingOf === undefined
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('event_deliveries as d')
                  .select('d.stream')
                  .where('d.subscriber', '=', pendingOf)
                  .where('d.status', '=', sql.lit('pending'))
                  .whereRef('d.stream', '=', 'i.id'),
              ),
            ]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The portfolio's rows and, in the same scan, whether each can be used at `nowIso` (as
 * findStaleHealthIds): initiatives without stored health come with `ampel` null. Prepared
 * (PostgreSQL): the same text on every read of a filter, planned once per connection.
 */
export async function findPortfolioRowsWithFreshness(db: DbOrTrx, filter: InitiativeFilter) {
  const scan = initiativeHeads(db, filter)
    .leftJoin('initiative_health as ih', 'ih.initiative_id', 'i.id')
    .select(['ih.ampel', 'ih.score', 'ih.revision', 'ih.waiting', 'ih.valid_until', 'ih.basis'])
    .orderBy('i.title')
    .orderBy('i.id');
  // Only the unfiltered scan (the page's usual read; two texts: admin or not). Each other
  // text (a filter combination, a re-read of some ids whose text changes with their number)
  // would take one of a connection's few prepared slots for good, crowding out the
  // recompute's facts statement.
  const hot =
    !filter.ids && !filter.department && !filter.stageId && !filter.ownerId && !filter.riskClass;
  return (hot ? scan.modifyFront(PREPARED) : scan).execute();
}

/**
 * The readable initiatives with a health event `subscriber` has not handled yet (the partial
 * index of pending deliveries; an initiative's events are its stream), and, in the same
 * statement, those whose stored row is older than a delivery of `subscriber` that failed for
 * good (failedSince; the partial index of failed deliveries): the subscriber will not store
 * their row, so they must be computed as if pending (the `health.refresh` job or a read
 * through ensureStoredHealth stores them). Other streams (people, initiatives the reader cannot see) are not the
 * reader's to recompute. `readable` null: an admin's read (every initiative). Prepared
 * (PostgreSQL): asked before every portfolio read after a change, on its critical path
 * (planning cost more than running it).
 */
export async function findPendingReadable(
  db: DbOrTrx,
  subscriber: string,
  readable: ReadableIds | null,
): Promise<Set<string>> {
  let q = db
    .selectFrom('event_deliveries as d')
    .select('d.stream')
    .where('d.subscriber', '=', subscriber)
    .where('d.status', '=', sql.lit('pending')); // the partial index, in a generic plan too
  if (readable) q = q.where('d.stream', 'in', readable);
  else
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('initiatives as i').whereRef('i.id', '=', 'd.stream').select('i.id')),
    );
  // A stored row exists only for an initiative: the join needs no check that it is one.
  let failed = db
    .selectFrom('event_deliveries as d')
    .innerJoin('initiative_health as ih', 'ih.initiative_id', 'd.stream')
    .select('d.stream')
    .where('d.subscriber', '=', subscriber)
    .where('d.status', '=', sql.lit('failed'))
    .whereRef('d.finished_at', '>=', 'ih.computed_at');
  if (readable) failed = failed.where('d.stream', 'in', readable);
  // union: without duplicates (an initiative with many pending events is named once).
  const rows = await q.union(failed).modifyFront(PREPARED).execute();
  return new Set(rows.map((r) => r.stream));
}

/** The stored cells (weakest areas, the five areas) of some initiatives, with their revision. */
export async function findHealthCells(db: DbOrTrx, ids: readonly string[]) {
  const out: { initiative_id: string; revision: string; weakest: string; areas: string }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('initiative_health')
        .select(['initiative_id', 'revision', 'weakest', 'areas'])
        .where('initiative_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/**
 * The stored results (HealthResult as JSON) of the initiatives passing `filter`, one indexed
 * read by primary key each: My desk's "my initiatives".
 */
export async function findStoredResults(db: DbOrTrx, filter: InitiativeFilter) {
  return filteredInitiatives(db, filter)
    .innerJoin('initiative_health as ih', 'ih.initiative_id', 'i.id')
    .select(['ih.initiative_id', 'ih.result'])
    .execute();
}
