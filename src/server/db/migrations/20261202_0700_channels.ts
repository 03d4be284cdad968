import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Chat channels (Teams Workflows, Slack incoming webhooks, signed JSON webhooks) per
 * initiative or for the whole workspace (`initiative_id` null), and one row per delivery
 * attempt with its outcome. Deleting a channel deletes its attempts. On PostgreSQL the
 * channels table notifies other instances of changes, like those of 0004. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.references('initiatives.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('teams', 'slack', 'webhook')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('channels_initiative_idx')
    .on('channels')
    .column('initiative_id')
    .execute();

  await db.schema
    .createTable('channel_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('channel_id', 'text', (c) =>
      c.notNull().references('channels.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('delivered', 'retrying', 'failed')`),
    )
    .addColumn('http_status', 'integer')
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('channel_deliveries_channel_idx')
    .on('channel_deliveries')
    .columns(['channel_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('channel_deliveries_created_idx')
    .on('channel_deliveries')
    .column('created_at')
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['channels', 'channel_deliveries']) {
      await sql`create trigger ${sql.raw(`${table}_notify_change`)} after insert or update or delete or truncate
        on ${sql.table(table)} for each statement execute function tandem_notify_change()`.execute(
        db,
      );
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
