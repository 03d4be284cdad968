import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Password reset by email (issue 12): one row per requested link. Only the SHA-256 of the
 * link's token is stored; a link is valid for an hour and works once (`used_at` is set by
 * one conditional update). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_user_idx')
    .on('password_resets')
    .column('user_id')
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger password_resets_notify_change after insert or update or delete or truncate
      on password_resets for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
