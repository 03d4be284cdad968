import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/**
 * Where the event mechanism differs between SQLite (one process, one connection, writes
 * in sequence) and PostgreSQL (several instances, concurrent transactions). Everything
 * else in src/server/events is the same SQL on both.
 */

/** The dialect of a connection or transaction (publish only gets the writer's `trx`). */
export const dialectOf = (db: Kysely<Database>): Dialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/**
 * The event's position in its stream. SQLite commits one transaction at a time, so the
 * next number taken now is the commit order. PostgreSQL numbers the event in a deferred
 * trigger at commit (migration 20261201_1200): a transaction that inserted earlier but
 * commits later gets the higher number, and the stream's counter row is locked only for
 * the instant of the commit, so two writers can never deadlock on it.
 */
export const streamPosition: Record<
  Dialect,
  (trx: Kysely<Database>, stream: string) => Promise<number | null>
> = {
  sqlite: async (trx, stream) => {
    const row = await trx
      .insertInto('event_streams')
      .values({ stream, last_seq: 1 })
      .onConflict((oc) =>
        oc.column('stream').doUpdateSet({ last_seq: sql<number>`event_streams.last_seq + 1` }),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return row.last_seq;
  },
  postgres: () => Promise.resolve(null),
};

/**
 * Claims of one subscriber's deliveries run one at a time across all instances, so that
 * the "no earlier delivery of this stream is pending" check and the claim that follows
 * see the same state. The lock is held for the claim only, never while handlers run.
 * SQLite: the claim's transaction already has the only connection.
 */
export const lockClaims: Record<
  Dialect,
  (trx: Kysely<Database>, subscriber: string) => Promise<void>
> = {
  sqlite: () => Promise.resolve(),
  postgres: async (trx, subscriber) => {
    // Two-key advisory locks live apart from the one-key start-up lock (db/dialect.ts).
    await sql`select pg_advisory_xact_lock(727274102, hashtext(${subscriber}))`.execute(trx);
  },
};

/** Row locks on the chosen deliveries until the claim commits (PostgreSQL). */
export const forUpdate: Record<Dialect, boolean> = { sqlite: false, postgres: true };

/**
 * What a dispatcher does when it starts. SQLite is served by one process per database
 * file (see withStartupLock), so every lease left in it belongs to a process that died:
 * they are expired at once and the work resumes without waiting for them to run out
 * (the next claim counts the dead attempt). On PostgreSQL other instances may be alive:
 * their leases are left to run out.
 */
export const recoverLeases: Record<Dialect, (db: Kysely<Database>, now: Date) => Promise<void>> = {
  sqlite: async (db, now) => {
    await db
      .updateTable('event_deliveries')
      .set({ lease_until: now.toISOString() })
      .where('status', '=', 'pending')
      .where('lease_until', '>', now.toISOString())
      .execute();
  },
  postgres: () => Promise.resolve(),
};
