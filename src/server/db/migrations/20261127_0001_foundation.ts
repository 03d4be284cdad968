import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Foundation: people, sessions, stages, initiatives, members, stage transitions and
 * the append-only audit trail. Frozen: never edit after it lands; add a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('department', 'text')
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('business', 'it')`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member', 'viewer')`))
    .addColumn('password_hash', 'text')
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invite_expires_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await db.schema
    .createTable('stages')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('owning_side', 'text', (c) =>
      c.notNull().check(sql`owning_side in ('business', 'it', 'both')`),
    )
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('initiatives')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('expected_benefit', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('business_owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('it_owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('business_deputy_id', 'text', (c) => c.references('users.id'))
    .addColumn('it_deputy_id', 'text', (c) => c.references('users.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'paused', 'done', 'cancelled')`),
    )
    .addColumn('visibility', 'text', (c) =>
      c.notNull().check(sql`visibility in ('company', 'members')`),
    )
    .addColumn('risk_class', 'text', (c) =>
      c.notNull().check(sql`risk_class in ('minimal', 'limited', 'high', 'prohibited')`),
    )
    .addColumn('risk_answers', 'text', (c) => c.notNull())
    .addColumn('risk_justification', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('initiatives_owners_differ', sql`business_owner_id <> it_owner_id`)
    .execute();
  await db.schema
    .createIndex('initiatives_stage_idx')
    .on('initiatives')
    .column('stage_id')
    .execute();
  await db.schema
    .createIndex('initiatives_department_idx')
    .on('initiatives')
    .column('department')
    .execute();

  await db.schema
    .createTable('initiative_members')
    .addColumn('initiative_id', 'text', (c) =>
      c.notNull().references('initiatives.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('owner', 'deputy', 'contributor', 'observer')`),
    )
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_members_pk', ['initiative_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('initiative_members_user_idx')
    .on('initiative_members')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('stage_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) =>
      c.notNull().references('initiatives.id').onDelete('cascade'),
    )
    .addColumn('from_stage_id', 'text', (c) => c.references('stages.id'))
    .addColumn('to_stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stage_transitions_initiative_idx')
    .on('stage_transitions')
    .column('initiative_id')
    .execute();

  // No foreign keys: the trail must outlive whatever it describes.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('initiative_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_initiative_idx')
    .on('audit_events')
    .columns(['initiative_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('audit_events_entity_idx')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();

  // Append-only, enforced by the database itself.
  if (isPostgres) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted; restore a backup instead.');
}
