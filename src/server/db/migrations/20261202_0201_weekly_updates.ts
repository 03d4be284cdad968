import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Collaboration health, issue 10: the owners' weekly updates (one per side per ISO week;
 * writing again the same week replaces it) and a partial index that lets health find the
 * machine sources pushing to a metric without scanning every measurement. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weekly_updates')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('business', 'it')`))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('owner_view', 'text', (c) =>
      c.notNull().check(sql`owner_view in ('on_track', 'at_risk', 'off_track')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('weekly_updates_side_week_unique', ['initiative_id', 'side', 'week'])
    .execute();

  await db.schema
    .createIndex('measurements_push_source_idx')
    .on('measurements')
    .columns(['metric_id', 'token_id', 'created_at'])
    .where(sql.ref('token_id'), 'is not', null)
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger weekly_updates_notify_change after insert or update or delete or truncate
      on weekly_updates for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
