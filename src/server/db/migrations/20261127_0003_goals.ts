import { type Kysely, sql } from 'kysely';

/** Shared goals: measurable targets signed by both sides (agreement tables from 0002). Frozen. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('metric_id', 'text', (c) => c.references('metrics.id'))
    .addColumn('baseline_value', 'double precision')
    .addColumn('baseline_date', 'text')
    .addColumn('target_value', 'double precision')
    .addColumn('due_date', 'text')
    .addColumn('business_responsible_id', 'text', (c) => c.references('users.id'))
    .addColumn('it_responsible_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('draft', 'proposed', 'agreed', 'achieved', 'missed', 'dropped')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('achieved_at', 'text')
    .addColumn('agreement_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goals_initiative_idx').on('goals').column('initiative_id').execute();
  await db.schema.createIndex('goals_metric_idx').on('goals').column('metric_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
