import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestDb } from '../test-support/test-app.js';
import type { Db } from './connect.js';
import { migrationsCurrent } from './migrate.js';
import { failedSince } from '../modules/health/stored-health.repository.js';

const dialects = await testDialects();

/** Tables and their columns with a portable type family, as the database reports them. */
async function describeSchema(
  db: Db,
): Promise<Record<string, Record<string, { type: string; nullable: boolean }>>> {
  const tables = await db.kysely.introspection.getTables();
  const out: Record<string, Record<string, { type: string; nullable: boolean }>> = {};
  const family = (t: string) => {
    const x = t.toLowerCase();
    if (x.includes('int')) return 'integer';
    if (x.includes('double') || x.includes('real') || x.includes('float')) return 'float';
    return 'text';
  };
  for (const t of tables) {
    if (t.name.startsWith('kysely_')) continue;
    out[t.name] = Object.fromEntries(
      t.columns.map((c) => [c.name, { type: family(c.dataType), nullable: c.isNullable }]),
    );
  }
  return out;
}

describe('one migration chain for both databases', () => {
  const opened: { drop: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of opened) await o.drop();
  });

  it.skipIf(dialects.length < 2)(
    'produces the same tables and columns on SQLite and PostgreSQL',
    async () => {
      const sqlite = await createTestDb('sqlite');
      const postgres = await createTestDb('postgres');
      opened.push(sqlite, postgres);
      const a = await describeSchema(sqlite.db);
      const b = await describeSchema(postgres.db);
      expect(Object.keys(a).sort()).toEqual([
        'agreement_signatures',
        'agreement_versions',
        'api_tokens',
        'audit_chain',
        'audit_chain_head',
        'audit_events',
        'calendar_feeds',
        'channel_deliveries',
        'channels',
        'comment_revisions',
        'comments',
        'demo_attendees',
        'demo_cadences',
        'demo_feedback',
        'demo_occurrences',
        'domain_events',
        'event_deliveries',
        'event_effects',
        'event_streams',
        'goals',
        'handoff_events',
        'handoff_questions',
        'handoffs',
        'health_snapshots',
        'initiative_health',
        'initiative_members',
        'initiatives',
        'login_throttle',
        'measurements',
        'metric_csv_columns',
        'metric_daily',
        'metrics',
        'notification_preferences',
        'notifications',
        'oidc_flows',
        'password_resets',
        'personal_tokens',
        'scheduled_jobs',
        'sessions',
        'settings',
        'stage_transitions',
        'stages',
        'user_identities',
        'users',
        'weekly_updates',
      ]);
      expect(b).toEqual(a);
    },
  );

  it.each(dialects)('%s: migrations are current and the settings are right', async (dialect) => {
    const t = await createTestDb(dialect);
    opened.push(t);
    expect(await migrationsCurrent(t.db.kysely)).toBe(true);
    if (dialect === 'sqlite') {
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(t.db.kysely)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('synchronous')).toEqual({ synchronous: 2 }); // FULL
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(Number(Object.values((await pragma('busy_timeout')) ?? {})[0])).toBeGreaterThan(0);
    }
  });

  it.each(dialects)(
    '%s: the database itself refuses to update or delete audit events',
    async (dialect) => {
      const t = await createTestDb(dialect);
      opened.push(t);
      const k = t.db.kysely;
      await k
        .insertInto('audit_events')
        .values({
          id: 'e1',
          occurred_at: '2026-01-01T00:00:00.000Z',
          actor_id: null,
          entity_type: 'x',
          entity_id: 'y',
          initiative_id: null,
          action: 'x.created',
          before: null,
          after: null,
          digest: 'd',
        })
        .execute();
      await expect(
        k.updateTable('audit_events').set({ action: 'forged' }).where('id', '=', 'e1').execute(),
      ).rejects.toThrow(/append-only/);
      await expect(k.deleteFrom('audit_events').where('id', '=', 'e1').execute()).rejects.toThrow(
        /append-only/,
      );
      const row = await k
        .selectFrom('audit_events')
        .select('action')
        .where('id', '=', 'e1')
        .executeTakeFirstOrThrow();
      expect(row.action).toBe('x.created');
    },
  );

  // The outbox and scheduler tables are bookkeeping that no read cache holds; the outbox
  // wakes dispatchers on its own channel (tandem_events) instead.
  const uncached = new Set([
    // Read only by the CSV import, never cached (see its migration).
    'metric_csv_columns',
    'audit_events',
    'domain_events',
    'event_deliveries',
    'event_effects',
    'event_streams',
    'scheduled_jobs',
    // Single sign-on in progress: read once, by the instance the browser comes back to.
    'oidc_flows',
  ]);

  it.skipIf(!dialects.includes('postgres'))(
    'postgres: every table but the audit trail and the event bookkeeping notifies other instances of changes',
    async () => {
      const t = await createTestDb('postgres');
      opened.push(t);
      const tables = (await t.db.kysely.introspection.getTables())
        .map((x) => x.name)
        .filter(
          (n) =>
            !n.startsWith('kysely_') &&
            !uncached.has(n) &&
            !['audit_events', 'audit_chain', 'audit_chain_head'].includes(n),
        );
      const triggers = await sql<{
        table: string;
      }>`select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname like '%_notify_change'`.execute(
        t.db.kysely,
      );
      expect(triggers.rows.map((r) => r.table).sort()).toEqual(tables.sort());
    },
  );
});

/**
 * The stored health's lookup of failed `health.recompute` deliveries (every portfolio read)
 * uses the partial index of failed deliveries (subscriber, stream, finished_at), not the
 * status index that holds every subscriber's failures (never pruned).
 */
describe.each(dialects)('%s: the failed deliveries lookup', (dialect) => {
  it('uses the partial index of failed deliveries', async () => {
    const t = await createTestDb(dialect);
    try {
      const query = failedSince(t.db.kysely, 'health.recompute').compile();
      const plan =
        dialect === 'postgres'
          ? await t.db.kysely.transaction().execute(async (trx) => {
              // The test database is tiny: a sequential scan would win otherwise.
              await sql`set local enable_seqscan = off`.execute(trx);
              const rows = await trx.executeQuery<Record<string, string>>({
                ...query,
                sql: `explain ${query.sql}`,
              });
              return rows.rows.map((r) => Object.values(r).join(' ')).join('\n');
            })
          : (
              await t.db.kysely.executeQuery<Record<string, string>>({
                ...query,
                sql: `explain query plan ${query.sql}`,
              })
            ).rows
              .map((r) => String(r.detail))
              .join('\n');
      expect(plan).toContain('event_deliveries_failed_idx');
    } finally {
      await t.drop();
    }
  });
});
