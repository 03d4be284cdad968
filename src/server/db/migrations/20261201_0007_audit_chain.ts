import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The audit trail becomes a hash chain (see modules/audit/chain.ts): a digest per event,
 * `audit_chain` linking the digests in commit order, `audit_chain_head` with the end.
 * Existing events are chained in trail order (time, then id). On PostgreSQL a deferred
 * trigger links each new event at commit, as the table owner (SECURITY DEFINER), so an app
 * role that does not own the tables needs no write access to the chain. Both chain tables
 * are append-only like the events. Frozen once landed; the hashing is copied here on purpose.
 */
const GENESIS = createHash('sha256').update('tandem audit chain v1').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface LegacyEvent {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  initiative_id: string | null;
  action: string;
  before: string | null;
  after: string | null;
}

const digestOf = (e: LegacyEvent) =>
  sha256(
    JSON.stringify([
      'tandem-audit-v1',
      e.id,
      e.occurred_at,
      e.actor_id,
      e.entity_type,
      e.entity_id,
      e.initiative_id,
      e.action,
      e.before,
      e.after,
    ]),
  );

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('audit_events').addColumn('digest', 'text').execute();
  await db.schema
    .createTable('audit_chain')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) =>
      c
        .primaryKey()
        .notNull()
        .check(sql`id = 1`),
    )
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  // Chain what is there, in pages, in trail order.
  let seq = 0;
  let previous = GENESIS;
  let after: { occurred_at: string; id: string } | undefined;
  for (;;) {
    let q = db
      .selectFrom('audit_events')
      .select([
        'id',
        'occurred_at',
        'actor_id',
        'entity_type',
        'entity_id',
        'initiative_id',
        'action',
        'before',
        'after',
      ])
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(1000);
    if (after) {
      const cursor = after;
      q = q.where((eb) =>
        eb.or([
          eb('occurred_at', '>', cursor.occurred_at),
          eb.and([eb('occurred_at', '=', cursor.occurred_at), eb('id', '>', cursor.id)]),
        ]),
      );
    }
    const events = (await q.execute()) as LegacyEvent[];
    if (events.length === 0) break;
    const links = events.map((e) => {
      seq += 1;
      const digest = digestOf(e);
      const hash = sha256(`${previous}\n${digest}`);
      const link = { seq, event_id: e.id, digest, prev_hash: previous, hash };
      previous = hash;
      return link;
    });
    await db.insertInto('audit_chain').values(links).execute();
    const last = events[events.length - 1];
    after = last ? { occurred_at: last.occurred_at, id: last.id } : undefined;
  }
  await db.insertInto('audit_chain_head').values({ id: 1, seq, hash: previous }).execute();

  if (isPostgres) {
    for (const table of ['audit_chain', 'audit_chain_head']) {
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function audit_events_append_only()`.execute(db);
    }
    await sql`create trigger audit_chain_no_update before update on audit_chain
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create function audit_chain_link() returns trigger language plpgsql
      security definer set search_path from current as $$
      declare
        head record;
        next_hash text;
      begin
        if new.digest is null then
          raise exception 'audit event % has no digest', new.id;
        end if;
        select seq, hash into head from audit_chain_head where id = 1 for update;
        next_hash := encode(sha256(convert_to(head.hash || E'\\n' || new.digest, 'UTF8')), 'hex');
        insert into audit_chain (seq, event_id, digest, prev_hash, hash)
          values (head.seq + 1, new.id, new.digest, head.hash, next_hash);
        update audit_chain_head set seq = head.seq + 1, hash = next_hash where id = 1;
        return null;
      end $$`.execute(db);
    // Deferred to commit: the chain's order is the order of commits, and the head row is
    // locked only while a transaction commits, not while it works.
    await sql`create constraint trigger audit_events_chain after insert on audit_events
      deferrable initially deferred for each row execute function audit_chain_link()`.execute(db);
  } else {
    await sql`create trigger audit_chain_no_update before update on audit_chain
      begin select raise(abort, 'audit_chain is append-only'); end`.execute(db);
    for (const table of ['audit_chain', 'audit_chain_head'])
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        begin select raise(abort, 'the audit chain is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
