import { type Kysely, Migrator } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { connect, type Db } from './connect.js';
import { migrations } from './migrations/index.js';

const provider = { getMigrations: () => Promise.resolve(migrations) };

/** Runs pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied. */
export async function migrationsCurrent(db: Kysely<any>): Promise<boolean> {
  const list = await new Migrator({ db, provider }).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}

/**
 * Migrates the app's database: through the app's own connection, or — PostgreSQL with
 * DATABASE_MIGRATION_URL — as the role that owns the tables, so the app's role needs no
 * right to create, alter or drop anything (nor to switch off the audit trail's triggers).
 */
export async function migrateDatabase(db: Db, config: DatabaseConfig): Promise<string[]> {
  if (config.dialect === 'postgres' && config.migrationUrl) {
    const owner = connect(
      { dialect: 'postgres', url: config.migrationUrl },
      { poolSize: 1, listen: false },
    );
    try {
      return await migrateToLatest(owner.kysely);
    } finally {
      await owner.close();
    }
  }
  return migrateToLatest(db.kysely);
}
