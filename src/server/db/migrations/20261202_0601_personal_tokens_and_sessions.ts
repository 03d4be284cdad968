import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Account security (issue 13): personal API tokens, and a public id for each session so a
 * person can see and end their sessions without the cookie's hash ever leaving the server.
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('personal_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('access', 'text', (c) => c.notNull().check(sql`access in ('read', 'write')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('personal_tokens_user_idx')
    .on('personal_tokens')
    .column('user_id')
    .execute();

  await db.schema.alterTable('sessions').addColumn('id', 'text').execute();
  const existing = await db.selectFrom('sessions').select('id_hash').execute();
  for (const row of existing as { id_hash: string }[]) {
    await db
      .updateTable('sessions')
      .set({ id: randomUUID() })
      .where('id_hash', '=', row.id_hash)
      .execute();
  }
  await db.schema.createIndex('sessions_id_idx').on('sessions').column('id').unique().execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger personal_tokens_notify_change after insert or update or delete or truncate
      on personal_tokens for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
