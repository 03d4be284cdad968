import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { appendAuditBatch, type AuditInput } from '../audit/audit.service.js';

/**
 * Bulk writes for the large demo: many rows per statement, many statements per transaction.
 * SQLite: prepared multi-row `INSERT … VALUES` on the raw better-sqlite3 handle (the same
 * connection as Kysely, so inside its transaction), within the parameter limit. PostgreSQL:
 * `INSERT … SELECT FROM unnest($1::text[], …)`, one array per column, so a statement carries
 * thousands of rows in a handful of parameters. For seeding only: it bypasses the services
 * (and their outbox events) on purpose; audit events go through the audit module's chain.
 */
export type PgType = 'text' | 'int8' | 'float8';
export type Column = readonly [name: string, type: PgType];
export type Row = readonly unknown[];
type Table = keyof Database;

export interface BulkWriter {
  /** Runs work in one transaction; insert and audit are called inside it. */
  transaction(
    work: (w: {
      insert(table: Table, columns: readonly Column[], rows: readonly Row[]): Promise<void>;
      audit(events: readonly AuditInput[]): Promise<void>;
    }) => Promise<void>,
  ): Promise<void>;
}

export function bulkWriter(db: Db): BulkWriter {
  const insert = db.dialect === 'sqlite' ? sqliteInsert(db) : postgresInsert;
  // A larger page cache while loading millions of rows (SQLite's default is 2 MB).
  db.sqlite?.pragma('cache_size = -262144');
  return {
    transaction: (work) =>
      db.kysely.transaction().execute((trx) =>
        work({
          insert: (table, columns, rows) => insert(trx, table, columns, rows),
          audit: (events) => appendAuditBatch(trx, events),
        }),
      ),
  };
}

type Insert = (
  trx: DbOrTrx,
  table: Table,
  columns: readonly Column[],
  rows: readonly Row[],
) => Promise<void>;

function sqliteInsert(db: Db): Insert {
  const raw = db.sqlite;
  if (!raw) throw new Error('bulk writes on SQLite need the raw handle');
  const statements = new Map<string, ReturnType<typeof raw.prepare>>();
  const statement = (table: string, columns: readonly Column[], rows: number) => {
    const key = `${table}|${rows}`;
    let s = statements.get(key);
    if (!s) {
      const one = `(${columns.map(() => '?').join(',')})`;
      s = raw.prepare(
        `insert into "${table}" (${columns.map(([c]) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, () => one).join(',')}`,
      );
      statements.set(key, s);
    }
    return s;
  };
  return (_trx, table, columns, rows) => {
    // Kysely's transaction holds the one connection; these statements run inside it.
    const per = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      statement(table, columns, chunk.length).run(chunk.flat());
    }
    return Promise.resolve();
  };
}

const postgresInsert: Insert = async (trx, table, columns, rows) => {
  const per = 10_000;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c] ?? null));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))})
      select * from unnest(${sql.join(columns.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`))})`.execute(
      trx,
    );
  }
};
