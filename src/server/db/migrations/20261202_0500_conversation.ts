import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Comments on the things of an initiative (with the history of their edits), notifications
 * of people (the inbox, and their email delivery) and each person's choice per kind of
 * notification. On PostgreSQL the new tables notify other instances of changes, like those
 * of 0004. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('subject_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`subject_type in ('initiative', 'goal', 'metric', 'handoff', 'demo', 'action_item')`,
        ),
    )
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('comments_subject_idx')
    .on('comments')
    .columns(['subject_type', 'subject_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('comment_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_revisions_comment_idx')
    .on('comment_revisions')
    .column('comment_id')
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('initiative_id', 'text', (c) => c.references('initiatives.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_status', 'text', (c) =>
      c.notNull().check(sql`email_status in ('none', 'pending', 'sent', 'failed')`),
    )
    .addColumn('email_error', 'text')
    .addUniqueConstraint('notifications_once', ['event_id', 'user_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('inbox', 'email', 'off')`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of [
      'comments',
      'comment_revisions',
      'notifications',
      'notification_preferences',
    ]) {
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
