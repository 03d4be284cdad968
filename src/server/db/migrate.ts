import { type Kysely, Migrator } from 'kysely';
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
