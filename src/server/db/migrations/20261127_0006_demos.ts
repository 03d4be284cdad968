import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Regular demos: one cadence per initiative, its occurrences (created ahead; moved, skipped,
 * cancelled or held), attendance with confidence votes, feedback items that can become action
 * items, and calendar feed tokens (only their hashes). On PostgreSQL the new tables notify
 * other instances of changes, like those of 0004. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_cadences')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().unique().references('initiatives.id'))
    .addColumn('repeat_interval', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`repeat_interval in ('weekly', 'every_2_weeks', 'every_3_weeks', 'every_4_weeks', 'monthly')`,
        ),
    )
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('week_of_month', 'integer')
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('presenter_id', 'text', (c) => c.references('users.id'))
    .addColumn('invitee_ids', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('demo_occurrences')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('cadence_id', 'text', (c) => c.notNull().references('demo_cadences.id'))
    .addColumn('rule_date', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('planned', 'held', 'skipped', 'cancelled')`),
    )
    .addColumn('reason', 'text')
    .addColumn('moved', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('presenter_id', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('goal_ids', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('demo_occurrences_rule_date_uq')
    .on('demo_occurrences')
    .columns(['cadence_id', 'rule_date'])
    .unique()
    .execute();
  await db.schema
    .createIndex('demo_occurrences_initiative_idx')
    .on('demo_occurrences')
    .columns(['initiative_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('demo_attendees')
    .addColumn('occurrence_id', 'text', (c) => c.notNull().references('demo_occurrences.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('business', 'it')`))
    .addColumn('confidence', 'integer', (c) =>
      c.check(sql`confidence is null or (confidence >= 1 and confidence <= 5)`),
    )
    .addPrimaryKeyConstraint('demo_attendees_pk', ['occurrence_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('demo_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('occurrence_id', 'text', (c) => c.notNull().references('demo_occurrences.id'))
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('praise', 'concern', 'idea', 'defect')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_side', 'text', (c) =>
      c.notNull().check(sql`author_side in ('business', 'it')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('action_owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('action_due_date', 'text')
    .addColumn('action_status', 'text', (c) =>
      c.check(sql`action_status is null or action_status in ('open', 'in_progress', 'done')`),
    )
    .addColumn('action_created_at', 'text')
    .addColumn('action_done_at', 'text')
    .execute();
  await db.schema
    .createIndex('demo_feedback_occurrence_idx')
    .on('demo_feedback')
    .column('occurrence_id')
    .execute();
  await db.schema
    .createIndex('demo_feedback_initiative_idx')
    .on('demo_feedback')
    .columns(['initiative_id', 'action_status'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('initiative_id', 'text', (c) => c.references('initiatives.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_user_idx')
    .on('calendar_feeds')
    .column('user_id')
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of [
      'demo_cadences',
      'demo_occurrences',
      'demo_attendees',
      'demo_feedback',
      'calendar_feeds',
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
