import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * The only place where SQLite and PostgreSQL differ at run time. Each difference is a
 * Record over both dialects, so the compiler demands an answer for each.
 */
export type Dialect = 'sqlite' | 'postgres';

type ConstraintKind = 'unique' | 'foreign_key' | 'check';

const constraintCodes: Record<Dialect, Record<string, ConstraintKind>> = {
  sqlite: {
    SQLITE_CONSTRAINT_UNIQUE: 'unique',
    SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
    SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
    SQLITE_CONSTRAINT_CHECK: 'check',
  },
  postgres: { '23505': 'unique', '23503': 'foreign_key', '23514': 'check' },
};

/** Maps a driver error to a portable constraint kind, or undefined for other errors. */
export function constraintViolation(dialect: Dialect, err: unknown): ConstraintKind | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? constraintCodes[dialect][code] : undefined;
}

/** Escapes LIKE wildcards so user text matches literally (used with `escape '\'`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Runs start-up work (migrations, default stages, admin, demo seed) under a lock, so that
 * several app instances starting at once against one PostgreSQL database do it once.
 * SQLite is served by one process per file: an in-process queue is enough there.
 */
const sqliteStartups = new WeakMap<object, Promise<unknown>>();

export const withStartupLock: Record<
  Dialect,
  <T>(db: Kysely<Database>, work: () => Promise<T>) => Promise<T>
> = {
  sqlite: (db, work) => {
    const previous = sqliteStartups.get(db) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    sqliteStartups.set(db, next);
    return next;
  },
  postgres: (db, work) =>
    db.connection().execute(async (conn) => {
      // An arbitrary constant that names "Tandem start-up" among advisory locks.
      await sql`select pg_advisory_lock(727274101)`.execute(conn);
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(727274101)`.execute(conn);
      }
    }),
};
