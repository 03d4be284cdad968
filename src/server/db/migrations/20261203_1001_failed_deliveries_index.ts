import { type Kysely, sql } from 'kysely';

/**
 * Deliveries that failed for good, per subscriber and stream: the stored health's reads
 * (stored-health.repository failedSince, findPendingReadable) ask on every portfolio read
 * whether a `health.recompute` delivery of an initiative failed after its row was computed.
 * Failed deliveries are never pruned, and the only index with the status before this one,
 * (status, finished_at), holds every subscriber's: another subscriber with many failures (an
 * unreachable mail server or webhook) would make that lookup read all of them. Shaped like
 * the pending deliveries' partial index (subscriber, stream, ...) with `finished_at` last (the
 * reads compare it with the row's `computed_at`, or take its maximum per stream). Frozen once
 * landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('event_deliveries_failed_idx')
    .on('event_deliveries')
    .columns(['subscriber', 'stream', 'finished_at'])
    .where(sql.ref('status'), '=', 'failed')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
