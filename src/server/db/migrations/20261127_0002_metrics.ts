import { type Kysely, sql } from 'kysely';

/**
 * Shared metrics: definitions signed by both sides (the generic agreement tables, reused
 * by goals), measurements with idempotency keys, daily aggregates kept up to date on
 * write, and API tokens for machines. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreement_versions')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_versions_pk', ['subject_type', 'subject_id', 'version'])
    .execute();

  await db.schema
    .createTable('agreement_signatures')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('business', 'it')`))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_signatures_pk', [
      'subject_type',
      'subject_id',
      'version',
      'user_id',
    ])
    .addForeignKeyConstraint(
      'agreement_signatures_version_fk',
      ['subject_type', 'subject_id', 'version'],
      'agreement_versions',
      ['subject_type', 'subject_id', 'version'],
    )
    .execute();

  await db.schema
    .createTable('metrics')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('data_source', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('value_type', 'text', (c) =>
      c.notNull().check(sql`value_type in ('decimal', 'integer')`),
    )
    .addColumn('min_value', 'double precision')
    .addColumn('max_value', 'double precision')
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sql`direction in ('higher_is_better', 'lower_is_better')`),
    )
    .addColumn('aggregation', 'text', (c) =>
      c.notNull().check(sql`aggregation in ('sum', 'average', 'last', 'count')`),
    )
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('day', 'week', 'month')`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('business_owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('it_owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('metrics_initiative_idx')
    .on('metrics')
    .column('initiative_id')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_tokens_initiative_idx')
    .on('api_tokens')
    .column('initiative_id')
    .execute();

  // Epoch milliseconds (bigint) keep the hot table small and comparisons cheap.
  await db.schema
    .createTable('measurements')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('metric_id', 'text', (c) => c.notNull().references('metrics.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('token_id', 'text', (c) => c.references('api_tokens.id'))
    .execute();
  // The idempotency rules: one point per metric, time and source; one per idempotency key.
  await db.schema
    .createIndex('measurements_point_uq')
    .unique()
    .on('measurements')
    .columns(['metric_id', 'at', 'source'])
    .execute();
  await db.schema
    .createIndex('measurements_key_uq')
    .unique()
    .on('measurements')
    .columns(['metric_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('metric_daily')
    .addColumn('metric_id', 'text', (c) => c.notNull().references('metrics.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('last_value', 'double precision', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_daily_pk', ['metric_id', 'day'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
