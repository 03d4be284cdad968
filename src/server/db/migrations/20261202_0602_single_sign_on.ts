import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Single sign-on (OpenID Connect, issue 13): accounts are keyed by (issuer, subject), never
 * by email alone; sign-ins in progress keep state, nonce and PKCE verifier on the server
 * (short-lived, single use). An admin may allow one account to be linked by its email at
 * its next single sign-on (`sso_link_until`). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('user_identities_user_idx')
    .on('user_identities')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('oidc_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('sso_link_until', 'text').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger user_identities_notify_change after insert or update or delete or truncate
      on user_identities for each statement execute function tandem_notify_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
