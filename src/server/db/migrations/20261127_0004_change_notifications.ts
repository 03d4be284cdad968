import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL only: every committed write to these tables sends a notification on the
 * channel `tandem_changes`, so each app instance can empty its read caches when another
 * instance changed data. (SQLite needs nothing: one process, `PRAGMA data_version`.)
 * Tables added later get the same trigger in their own migration. Frozen once landed.
 */
const TABLES = [
  'users',
  'sessions',
  'login_throttle',
  'stages',
  'initiatives',
  'initiative_members',
  'stage_transitions',
  'agreement_versions',
  'agreement_signatures',
  'metrics',
  'api_tokens',
  'measurements',
  'metric_daily',
  'goals',
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function tandem_notify_change() returns trigger language plpgsql as $$
    begin perform pg_notify('tandem_changes', tg_table_name); return null; end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.raw(`${table}_notify_change`)} after insert or update or delete or truncate
      on ${sql.table(table)} for each statement execute function tandem_notify_change()`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
