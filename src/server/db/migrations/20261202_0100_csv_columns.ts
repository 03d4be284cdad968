import type { Kysely } from 'kysely';

/**
 * The CSV columns a metric's last import used (by header name), so the next file with the
 * same headers is read the same way without asking again. Read only by the import, never
 * cached: no change notifications. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metric_csv_columns')
    .addColumn('metric_id', 'text', (c) => c.primaryKey().notNull().references('metrics.id'))
    .addColumn('at_column', 'text', (c) => c.notNull())
    .addColumn('value_column', 'text', (c) => c.notNull())
    .addColumn('note_column', 'text')
    .addColumn('source_column', 'text')
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
