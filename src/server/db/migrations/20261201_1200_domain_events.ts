import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Domain events and their delivery to subscribers (src/server/events): the outbox, one
 * delivery row per subscriber written in the writer's transaction, a per-stream counter
 * that numbers events in commit order, and the record of what external subscribers
 * already did. On PostgreSQL, a deferred trigger numbers each event at commit (so an
 * event that commits later always gets a higher number, and the stream's row lock is
 * held only for the commit), and inserted deliveries wake every instance through
 * `tandem_events`. These tables are bookkeeping, never read through a cache, so they do
 * not notify `tandem_changes`. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('domain_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('initiative_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute();

  await db.schema
    .createTable('event_deliveries')
    .addColumn('event_id', 'text', (c) => c.notNull().references('domain_events.id'))
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('available_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('event_deliveries_pk', ['event_id', 'subscriber'])
    .execute();
  // The work queue: pending deliveries of one subscriber, per stream in order.
  await db.schema
    .createIndex('event_deliveries_pending_idx')
    .on('event_deliveries')
    .columns(['subscriber', 'stream', 'seq'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('event_deliveries_status_idx')
    .on('event_deliveries')
    .columns(['status', 'finished_at'])
    .execute();

  await db.schema
    .createTable('event_streams')
    .addColumn('stream', 'text', (c) => c.primaryKey().notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_effects')
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_effects_pk', ['subscriber', 'event_id', 'key'])
    .execute();

  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Numbers all of the committing transaction's events (the only ones without a number:
  // others' uncommitted rows are invisible, committed ones are numbered) in one go, taking
  // the stream counters in a fixed order, so two committing transactions never wait for
  // each other in a cycle. Later firings for the same transaction find nothing to do.
  await db.schema
    .createIndex('domain_events_unnumbered_idx')
    .on('domain_events')
    .column('stream')
    .where(sql.ref('seq'), 'is', null)
    .execute();
  await sql`create function tandem_event_sequence() returns trigger language plpgsql as $$
    declare r record; n bigint;
    begin
      for r in select id, stream from domain_events where seq is null order by stream, id loop
        insert into event_streams (stream, last_seq) values (r.stream, 1)
          on conflict (stream) do update set last_seq = event_streams.last_seq + 1
          returning last_seq into n;
        update domain_events set seq = n where id = r.id;
        update event_deliveries set seq = n where event_id = r.id;
      end loop;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger domain_events_sequence after insert on domain_events
    deferrable initially deferred for each row execute function tandem_event_sequence()`.execute(
    db,
  );
  await sql`create function tandem_notify_events() returns trigger language plpgsql as $$
    begin perform pg_notify('tandem_events', ''); return null; end $$`.execute(db);
  await sql`create trigger event_deliveries_wake after insert on event_deliveries
    for each statement execute function tandem_notify_events()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
