import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Stored current collaboration health (issue 10, "Speed at size"): one row per initiative,
 * kept up to date by the outbox subscriber `health.recompute` and the job `health.refresh`,
 * read by the portfolio instead of computing 1,000 initiatives per request. A row is used
 * only while it is fresh: `valid_until` (the next midnight in the zones the rules count days
 * in, or the next demo start) lies ahead, `basis` (a fingerprint of the thresholds and the
 * stages) is the current one, and no event of its initiative waits for the subscriber.
 * Otherwise it is computed on read. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiative_health')
    .addColumn('initiative_id', 'text', (c) =>
      c.primaryKey().notNull().references('initiatives.id').onDelete('cascade'),
    )
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    // A hash of the cells (weakest, areas): readers keep the serialised cells per revision.
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('ampel', 'text', (c) => c.notNull().check(sql`ampel in ('green', 'amber', 'red')`))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('weakest', 'text', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('waiting', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('initiative_health_valid_idx')
    .on('initiative_health')
    .column('valid_until')
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger initiative_health_notify_change after insert or update or delete or truncate
      on initiative_health for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
