import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
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

/** The dialect behind a Kysely instance or transaction (for code handed only a `trx`). */
export const dialectOf = (db: Kysely<Database>): Dialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/**
 * The union of two JSON arrays of strings (text columns), sorted by code point, as one SQL
 * expression: merges `metric_daily.sources` with the incoming row's inside the upsert.
 */
export const mergedJsonSet: Record<
  Dialect,
  (current: string, incoming: string) => RawBuilder<string>
> = {
  sqlite: (current, incoming) =>
    sql<string>`(select json_group_array(s) from (select value as s from json_each(${sql.ref(current)}) union select value from json_each(${sql.ref(incoming)}) order by s))`,
  postgres: (current, incoming) =>
    sql<string>`(select coalesce(array_to_json(array_agg(s order by s collate "C"))::text, '[]') from (select json_array_elements_text(${sql.ref(current)}::json) as s union select json_array_elements_text(${sql.ref(incoming)}::json)) as u)`,
};

/**
 * Serialises rebuilding a metric's daily aggregates from raw points (exclusive) against
 * pushes folding into them (shared), until the transaction ends. Pushes run in parallel with
 * each other (their fold is one atomic upsert); a rebuild must not miss a concurrent push's
 * rows. SQLite runs one write transaction at a time anyway.
 */
export const lockMetricAggregates: Record<
  Dialect,
  (trx: Kysely<Database>, metricIds: string[], mode: 'shared' | 'exclusive') => Promise<void>
> = {
  sqlite: () => Promise.resolve(),
  postgres: async (trx, metricIds, mode) => {
    // Sorted, so two transactions never wait for each other in opposite orders.
    for (const id of [...new Set(metricIds)].sort()) {
      // 727274102 names "metric aggregates" among advisory locks; the second key the metric.
      await (
        mode === 'shared'
          ? sql`select pg_advisory_xact_lock_shared(727274102, hashtext(${id}))`
          : sql`select pg_advisory_xact_lock(727274102, hashtext(${id}))`
      ).execute(trx);
    }
  },
};

/**
 * Whether a driver error means the database cannot be reached or used right now (as opposed
 * to a bad query): connection refused or lost, server shutting down, too many connections,
 * pool or handle closed, file locked or unreadable. Such errors answer 503, never 500.
 */
const UNAVAILABLE_CODES = new Set([
  // Node sockets (pg)
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  // PostgreSQL: too many connections, shutting down, cannot connect now
  '53300',
  '57P01',
  '57P02',
  '57P03',
  // SQLite: locked, busy, cannot open, disk I/O, read-only file
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
  /database connection is not open/i,
  /driver has already been destroyed/i,
];

export function databaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return true;
    // PostgreSQL class 08: connection exception; SQLite extended I/O errors.
    if (/^08[0-9A-Z]{3}$/.test(code) || code.startsWith('SQLITE_IOERR')) return true;
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
    return true;
  // AggregateError (pg connecting to several addresses) and wrapped causes.
  const inner = (err as { errors?: unknown; cause?: unknown }).errors;
  if (Array.isArray(inner) && inner.some(databaseUnavailable)) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && databaseUnavailable(cause);
}

/**
 * Serialises recomputing the stored health of the same initiatives (PostgreSQL, several
 * instances) until the transaction ends: a recompute that started after a write reads the
 * facts after any earlier recompute of the same initiative has written, so an older picture
 * never overwrites a newer one. Keys in ascending order in one statement, so two batches
 * never wait for each other in opposite orders. SQLite runs one write transaction at a time.
 * (Forcing generic plans for the rest of the transaction was tried and measured slower on the
 * large demo: p50 15.4 ms against 8.0 ms for one initiative's recompute, 2026-12-01; the
 * recompute's facts statement alone runs with its generic plan: connect.ts afterInOneTrip.)
 */
/**
 * Advisory lock spaces (the first key) of the writes serialised by `lockWrite`, beside
 * 727274101–727274103 above and in the events module.
 */
const WRITE_LOCKS = { weeklyUpdate: 727274104, setting: 727274105 } as const;

/**
 * Serialises the transactions that write one thing until they end, so each reads what the
 * one before it wrote (its "before" for the audit trail, whether the row exists):
 * PostgreSQL, an advisory lock on (space, key); SQLite runs one write transaction at a time.
 */
export const lockWrite: Record<
  Dialect,
  (trx: Kysely<Database>, space: keyof typeof WRITE_LOCKS, key: string) => Promise<void>
> = {
  sqlite: () => Promise.resolve(),
  postgres: async (trx, space, key) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(WRITE_LOCKS[space])}, hashtext(${key}))`.execute(
      trx,
    );
  },
};

export const lockInitiativeHealth: Record<
  Dialect,
  (trx: Kysely<Database>, initiativeIds: readonly string[]) => Promise<void>
> = {
  sqlite: () => Promise.resolve(),
  postgres: async (trx, initiativeIds) => {
    if (initiativeIds.length === 0) return;
    // 727274103 names "initiative health" among advisory locks; the second key the initiative.
    await sql`select pg_advisory_xact_lock(727274103, k) from (select distinct hashtext(x) as k from unnest(${[...initiativeIds]}::text[]) as x order by k) as keys`.execute(
      trx,
    );
  },
};

/**
 * PostgreSQL: lockInitiativeHealth's statement with the ids as literals (no parameters), to be
 * sent ahead of a read in the same round trip (connect.ts afterInOneTrip).
 */
export const initiativeHealthLockStatement = (initiativeIds: readonly string[]) =>
  sql.raw(initiativeHealthLockSql(initiativeIds));

/**
 * initiativeHealthLockStatement's text (no parameters), written directly: the recompute sends
 * it with every change, and building and compiling it with Kysely cost more than writing it.
 */
export const initiativeHealthLockSql = (initiativeIds: readonly string[]): string =>
  `select pg_advisory_xact_lock(727274103, k) from (select distinct hashtext(x) as k from unnest(array[${initiativeIds.map(pgStringLiteral).join(', ')}]::text[]) as x order by k) as keys`;

/**
 * A string as a PostgreSQL literal that means the same whatever `standard_conforming_strings`
 * is (Kysely's sql.lit only doubles quotes, which is safe only while it is on): an escape
 * string (E'...', backslashes and quotes doubled) when it has a backslash, as pg's
 * escapeLiteral does. A NUL cannot be in a text value: refused.
 */
export function pgStringLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('pgStringLiteral: a NUL character');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * PostgreSQL: lockInitiativeHealth's locks tried without waiting, as a scalar subquery (true
 * when every one was taken), for a read that shares the round trip (the health basis:
 * thresholds and stages). The keys are tried in lockInitiativeHealth's order and the first
 * one held elsewhere ends the tries (false): the locks taken are a prefix of that order, so
 * lockInitiativeHealth taken next waits for the rest as it would have (no deadlock). A read
 * in the same statement sees what was committed when the statement began: when a lock was
 * held elsewhere, its holder may commit more (a newer basis) before the lock is ours.
 */
export const tryInitiativeHealthLocks = (initiativeIds: readonly string[]) =>
  sql<boolean>`(with recursive keys as (select k, row_number() over (order by k) as n from (select distinct hashtext(x) as k from unnest(${[...initiativeIds]}::text[]) as x) as d), taken(n, ok) as (select 0::bigint, true union all select keys.n, pg_try_advisory_xact_lock(727274103, keys.k) from taken join keys on keys.n = taken.n + 1 where taken.ok) select bool_and(ok) from taken)`;
