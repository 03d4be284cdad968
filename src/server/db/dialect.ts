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
