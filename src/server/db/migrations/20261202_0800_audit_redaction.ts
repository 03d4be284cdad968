import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Redaction of audit events (erasing a person, retention of audit detail), as
 * modules/audit/chain.ts describes it: an event's `before` and `after` may be replaced, and
 * nothing else, and only once the redaction itself is recorded as an `audit.redacted` event
 * about it (which is chained, so `tandem audit verify` knows the content changed on purpose).
 * Every other update or delete is still refused by the database.
 *
 * PostgreSQL: the app role has no UPDATE right on audit_events; it calls
 * `audit_redact(event, before, after)`, which runs as the owner, checks that the redaction is
 * recorded, and lets exactly that update through the trigger. SQLite: the update trigger
 * refuses any update that changes another column or has no recorded redaction.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (isPostgres) {
    await sql`drop trigger audit_events_no_update on audit_events`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create function audit_events_redactable() returns trigger language plpgsql as $$
      begin
        if current_setting('tandem.audit_redaction', true) = old.id
          and new.id = old.id and new.occurred_at = old.occurred_at
          and new.actor_id is not distinct from old.actor_id
          and new.entity_type = old.entity_type and new.entity_id = old.entity_id
          and new.initiative_id is not distinct from old.initiative_id
          and new.action = old.action and new.digest is not distinct from old.digest then
          return new;
        end if;
        raise exception 'audit_events is append-only';
      end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update on audit_events
      for each row execute function audit_events_redactable()`.execute(db);
    await sql`create function audit_redact(p_event text, p_before text, p_after text)
      returns void language plpgsql security definer set search_path from current as $$
      begin
        if not exists (select 1 from audit_events where action = 'audit.redacted'
            and entity_type = 'audit_event' and entity_id = p_event) then
          raise exception 'the redaction of audit event % is not recorded', p_event;
        end if;
        perform set_config('tandem.audit_redaction', p_event, true);
        update audit_events set before = p_before, after = p_after where id = p_event;
        perform set_config('tandem.audit_redaction', '', true);
      end $$`.execute(db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql`create trigger audit_events_no_update before update on audit_events
      when not (new.id = old.id and new.occurred_at = old.occurred_at
        and new.actor_id is old.actor_id and new.entity_type = old.entity_type
        and new.entity_id = old.entity_id and new.initiative_id is old.initiative_id
        and new.action = old.action and new.digest is old.digest
        and exists (select 1 from audit_events r where r.action = 'audit.redacted'
          and r.entity_type = 'audit_event' and r.entity_id = old.id))
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
