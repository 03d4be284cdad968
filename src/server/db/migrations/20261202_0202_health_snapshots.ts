import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Collaboration health history (issue 10): one snapshot per initiative per day, written by
 * the daily job `health.snapshot`: the overall Ampel and score, each area's, and the reasons
 * (code, area, link and sentence in both languages) so "what changed since last week" can
 * name reasons that went away. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('health_snapshots')
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('ampel', 'text', (c) => c.notNull().check(sql`ampel in ('green', 'amber', 'red')`))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('health_snapshots_pk', ['initiative_id', 'day'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger health_snapshots_notify_change after insert or update or delete or truncate
      on health_snapshots for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
