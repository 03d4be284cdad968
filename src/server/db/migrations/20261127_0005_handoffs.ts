import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Handoffs between the sides: the handoff itself (deliverables and its checklist as JSON),
 * its timeline of submissions, returns and acceptance, clarification questions, and a small
 * settings table (the extra checklist for high-risk initiatives). On PostgreSQL the new tables
 * notify other instances of changes, like those of 0004. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handoffs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('from_stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('to_stage_id', 'text', (c) => c.references('stages.id'))
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sender_deputy_id', 'text', (c) => c.references('users.id'))
    .addColumn('receiver_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('receiver_deputy_id', 'text', (c) => c.references('users.id'))
    .addColumn('receiver_side', 'text', (c) =>
      c.notNull().check(sql`receiver_side in ('business', 'it')`),
    )
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('deliverables', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'submitted', 'returned', 'accepted', 'withdrawn')`),
    )
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('return_count', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handoffs_initiative_idx')
    .on('handoffs')
    .column('initiative_id')
    .execute();
  await db.schema.createIndex('handoffs_state_idx').on('handoffs').column('state').execute();

  await db.schema
    .createTable('handoff_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('handoff_id', 'text', (c) => c.notNull().references('handoffs.id'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('submitted', 'returned', 'accepted', 'withdrawn')`),
    )
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('failed_items', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handoff_events_handoff_idx')
    .on('handoff_events')
    .column('handoff_id')
    .execute();

  await db.schema
    .createTable('handoff_questions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('handoff_id', 'text', (c) => c.notNull().references('handoffs.id'))
    .addColumn('asked_by', 'text', (c) => c.references('users.id'))
    .addColumn('asked_by_party', 'text', (c) =>
      c.notNull().check(sql`asked_by_party in ('sender', 'receiver')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema
    .createIndex('handoff_questions_handoff_idx')
    .on('handoff_questions')
    .column('handoff_id')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['handoffs', 'handoff_events', 'handoff_questions', 'settings']) {
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
