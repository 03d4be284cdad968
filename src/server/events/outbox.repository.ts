import { type Kysely, sql } from 'kysely';
import type { DbOrTrx } from '../db/connect.js';
import type { Database, DomainEventsTable, EventDeliveriesTable } from '../db/schema.js';
import { dialectOf, forUpdate, lockClaims } from './dialect.js';
import type { DomainEvent } from './registry.js';

/** A delivery this process holds the lease on, with its event. */
export interface Claimed {
  event: DomainEvent;
  /** This attempt's number (1 for the first run). */
  attempt: number;
}

const toEvent = (r: DomainEventsTable): DomainEvent => ({
  id: r.id,
  type: r.type,
  stream: r.stream,
  seq: r.seq ?? 0,
  occurredAt: r.occurred_at,
  actorId: r.actor_id,
  initiativeId: r.initiative_id,
  entityType: r.entity_type,
  entityId: r.entity_id,
  data: r.data === null ? null : (JSON.parse(r.data) as unknown),
});

/**
 * Deliveries of `subscriber` that may run now: pending, due, not leased, and no earlier
 * delivery of the same stream is still pending and waiting (backoff or another lease).
 * The waiting ones are found once per stream (`blocked`: the lowest such position), so a
 * claim reads each pending delivery once, however long a stream's backlog.
 * Ordered by (seq, stream), so any prefix of the result holds each stream's deliveries
 * without gaps: a limit never lets a later event of a stream through without the earlier.
 */
function claimable(trx: DbOrTrx, subscriber: string, now: string) {
  return (
    trx
      // Materialised: computed once. Inlined, a planner without statistics (a table that
      // just filled up) ran it once per pending row: quadratic, 20 s for 10,000 on PostgreSQL.
      .with(
        (cte) => cte('blocked').materialized(),
        (db) =>
          db
            .selectFrom('event_deliveries')
            .select(['stream', (eb) => eb.fn.min('seq').as('first_waiting')])
            .where('subscriber', '=', subscriber)
            .where('status', '=', 'pending')
            .where((eb) => eb.or([eb('available_at', '>', now), eb('lease_until', '>', now)]))
            .groupBy('stream'),
      )
      .selectFrom('event_deliveries as d')
      .leftJoin('blocked as b', 'b.stream', 'd.stream')
      .select(['d.event_id', 'd.stream', 'd.seq', 'd.attempts'])
      .where('d.subscriber', '=', subscriber)
      .where('d.status', '=', 'pending')
      .where('d.seq', 'is not', null)
      .where((eb) => eb.or([eb('d.available_at', 'is', null), eb('d.available_at', '<=', now)]))
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]))
      .where((eb) =>
        eb.or([eb('b.first_waiting', 'is', null), eb('d.seq', '<', eb.ref('b.first_waiting'))]),
      )
      .orderBy('d.seq')
      .orderBy('d.stream')
  );
}

/**
 * Whether anything of `subscriber` may be due: a plain read, so that idle polling neither
 * opens a transaction nor counts as a write (which would empty the read caches).
 */
export async function anythingDue(db: DbOrTrx, subscriber: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const row = await db
    .selectFrom('event_deliveries')
    .select('event_id')
    .where('subscriber', '=', subscriber)
    .where('status', '=', 'pending')
    .where('seq', 'is not', null)
    .where((eb) => eb.or([eb('available_at', 'is', null), eb('available_at', '<=', at)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the lease on up to `limit` deliveries of one subscriber, in one short transaction.
 * Claims of a subscriber are serialised across instances (lockClaims); on PostgreSQL the
 * chosen rows are locked, then chosen again with a fresh snapshot, because a previous
 * holder whose lease ran out may have finished or failed one of them in the meantime.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  p: { subscriber: string; owner: string; now: Date; leaseMs: number; limit: number },
): Promise<Claimed[]> {
  const dialect = dialectOf(db);
  const now = p.now.toISOString();
  return db.transaction().execute(async (trx) => {
    await lockClaims[dialect](trx, p.subscriber);
    let q = claimable(trx, p.subscriber, now).limit(p.limit);
    if (forUpdate[dialect]) q = q.forUpdate('d');
    let rows = await q.execute();
    if (rows.length === 0) return [];
    if (forUpdate[dialect]) {
      rows = await claimable(trx, p.subscriber, now)
        .where(
          'd.event_id',
          'in',
          rows.map((r) => r.event_id),
        )
        .execute();
      if (rows.length === 0) return [];
    }
    const ids = rows.map((r) => r.event_id);
    await trx
      .updateTable('event_deliveries')
      .set({
        lease_owner: p.owner,
        lease_until: new Date(p.now.getTime() + p.leaseMs).toISOString(),
        attempts: sql<number>`attempts + 1`,
        // A lease that ran out means the previous attempt never finished: say so.
        last_error: sql<
          string | null
        >`case when lease_until is not null then ${'The previous attempt did not finish (the process stopped or the lease ran out).'} else last_error end`,
      })
      .where('subscriber', '=', p.subscriber)
      .where('event_id', 'in', ids)
      .execute();
    const events = new Map(
      (await trx.selectFrom('domain_events').selectAll().where('id', 'in', ids).execute()).map(
        (r) => [r.id, toEvent(r)],
      ),
    );
    return rows.flatMap((r) => {
      const event = events.get(r.event_id);
      return event ? [{ event, attempt: r.attempts + 1 }] : [];
    });
  });
}

/** Marks deliveries done while this owner holds them; returns how many it marked. */
export async function markDone(
  db: DbOrTrx,
  p: { subscriber: string; owner: string; eventIds: string[]; now: Date },
): Promise<number> {
  if (p.eventIds.length === 0) return 0;
  const r = await db
    .updateTable('event_deliveries')
    .set({
      status: 'done',
      lease_owner: null,
      lease_until: null,
      last_error: null,
      finished_at: p.now.toISOString(),
    })
    .where('subscriber', '=', p.subscriber)
    .where('event_id', 'in', p.eventIds)
    .where('lease_owner', '=', p.owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The retry delay after `attempt` failed: base × 2^(attempt − 1), at most `max`. */
export const retryDelay = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));

/** Records a failed attempt: retried after the backoff, or failed for good after the last. */
export async function markFailed(
  db: DbOrTrx,
  p: {
    subscriber: string;
    owner: string;
    eventId: string;
    attempt: number;
    error: string;
    now: Date;
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
  },
): Promise<'retry' | 'failed'> {
  const final = p.attempt >= p.maxAttempts;
  await db
    .updateTable('event_deliveries')
    .set({
      status: final ? 'failed' : 'pending',
      lease_owner: null,
      lease_until: null,
      last_error: p.error.slice(0, 2000),
      available_at: final
        ? null
        : new Date(
            p.now.getTime() + retryDelay(p.attempt, p.baseDelayMs, p.maxDelayMs),
          ).toISOString(),
      finished_at: final ? p.now.toISOString() : null,
    })
    .where('subscriber', '=', p.subscriber)
    .where('event_id', '=', p.eventId)
    .where('lease_owner', '=', p.owner)
    .where('status', '=', 'pending')
    .execute();
  return final ? 'failed' : 'retry';
}

/**
 * Gives back deliveries that were claimed but not started (an earlier event of their
 * stream failed in the same batch): the attempt is not counted.
 */
export async function release(
  db: DbOrTrx,
  p: { subscriber: string; owner: string; eventIds: string[] },
): Promise<void> {
  if (p.eventIds.length === 0) return;
  await db
    .updateTable('event_deliveries')
    .set({
      lease_owner: null,
      lease_until: null,
      attempts: sql<number>`attempts - 1`,
    })
    .where('subscriber', '=', p.subscriber)
    .where('event_id', 'in', p.eventIds)
    .where('lease_owner', '=', p.owner)
    .where('status', '=', 'pending')
    .execute();
}

/** The effect ledger of external subscribers (`step`). */
export async function effectDone(
  db: DbOrTrx,
  k: { subscriber: string; eventId: string; key: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('event_effects')
    .select('key')
    .where('subscriber', '=', k.subscriber)
    .where('event_id', '=', k.eventId)
    .where('key', '=', k.key)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordEffect(
  db: DbOrTrx,
  k: { subscriber: string; eventId: string; key: string; now: Date },
): Promise<void> {
  await db
    .insertInto('event_effects')
    .values({
      subscriber: k.subscriber,
      event_id: k.eventId,
      key: k.key,
      done_at: k.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['subscriber', 'event_id', 'key']).doNothing())
    .execute();
}

export type DeliveryRow = Pick<
  EventDeliveriesTable,
  | 'event_id'
  | 'subscriber'
  | 'status'
  | 'attempts'
  | 'available_at'
  | 'last_error'
  | 'finished_at'
  | 'created_at'
  | 'stream'
  | 'seq'
> &
  Pick<DomainEventsTable, 'type' | 'initiative_id' | 'entity_type' | 'entity_id' | 'occurred_at'>;

function deliveriesQuery(db: DbOrTrx) {
  return db
    .selectFrom('event_deliveries as d')
    .innerJoin('domain_events as e', 'e.id', 'd.event_id')
    .select([
      'd.event_id',
      'd.subscriber',
      'd.status',
      'd.attempts',
      'd.available_at',
      'd.last_error',
      'd.finished_at',
      'd.created_at',
      'd.stream',
      'd.seq',
      'e.type',
      'e.initiative_id',
      'e.entity_type',
      'e.entity_id',
      'e.occurred_at',
    ]);
}

/** Deliveries in one state, newest event first (the admin view). */
export async function listDeliveries(
  db: DbOrTrx,
  f: { status: EventDeliveriesTable['status']; subscriber?: string | undefined; limit: number },
): Promise<DeliveryRow[]> {
  let q = deliveriesQuery(db).where('d.status', '=', f.status);
  if (f.subscriber) q = q.where('d.subscriber', '=', f.subscriber);
  return q.orderBy('d.event_id', 'desc').limit(f.limit).execute();
}

export function findDelivery(
  db: DbOrTrx,
  k: { eventId: string; subscriber: string },
): Promise<DeliveryRow | undefined> {
  return deliveriesQuery(db)
    .where('d.event_id', '=', k.eventId)
    .where('d.subscriber', '=', k.subscriber)
    .executeTakeFirst();
}

/** Counts per subscriber and state. */
export async function countDeliveries(db: DbOrTrx) {
  return db
    .selectFrom('event_deliveries')
    .select(['subscriber', 'status', sql<number>`cast(count(*) as integer)`.as('n')])
    .groupBy(['subscriber', 'status'])
    .execute();
}

/** A failed delivery goes back to pending with fresh attempts; false when it was not failed. */
export async function retryFailed(
  db: DbOrTrx,
  k: { eventId: string; subscriber: string },
): Promise<boolean> {
  const r = await db
    .updateTable('event_deliveries')
    .set({ status: 'pending', attempts: 0, available_at: null, finished_at: null })
    .where('event_id', '=', k.eventId)
    .where('subscriber', '=', k.subscriber)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Removes deliveries done before `before`, then events from before `before` without
 * deliveries, and their effect records. Failed and pending deliveries stay. Stream counters are kept: a
 * restarted count would break the order of later events.
 */
export async function pruneOutbox(db: Kysely<Database>, before: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('event_deliveries')
      .where('status', '=', 'done')
      .where('finished_at', '<', before.toISOString())
      .executeTakeFirst();
    await trx
      .deleteFrom('domain_events')
      .where('occurred_at', '<', before.toISOString())
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('event_deliveries as d')
              .select('d.event_id')
              .whereRef('d.event_id', '=', 'domain_events.id'),
          ),
        ),
      )
      .execute();
    await trx
      .deleteFrom('event_effects')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('domain_events as e')
              .select('e.id')
              .whereRef('e.id', '=', 'event_effects.event_id'),
          ),
        ),
      )
      .execute();
    return Number(r.numDeletedRows);
  });
}

/**
 * The streams that have deliveries of `subscriber` still pending (of the ids given, when
 * given): for a subscriber that keeps a derived table, which of its rows may lag a committed
 * write. Reads the partial index of pending deliveries only.
 */
export async function pendingStreams(
  db: DbOrTrx,
  subscriber: string,
  streams?: readonly string[],
): Promise<Set<string>> {
  let q = db
    .selectFrom('event_deliveries')
    .select('stream')
    .distinct()
    .where('subscriber', '=', subscriber)
    .where('status', '=', 'pending');
  if (streams) q = q.where('stream', 'in', streams.length ? streams : ['']);
  return new Set((await q.execute()).map((r) => r.stream));
}
