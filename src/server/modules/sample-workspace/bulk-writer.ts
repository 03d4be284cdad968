import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAuditBatch, type AuditInput } from '../audit/audit.service.js';

/**
 * Bulk writes for the large demo: many rows per statement, many statements per transaction.
 * For seeding only: it bypasses the services (and their outbox events) on purpose; audit
 * events go through the audit module's chain.
 *
 * SQLite: prepared multi-row `INSERT … VALUES` on the raw better-sqlite3 handle (the same
 * connection as Kysely, so inside its transaction), within the parameter limit. While the
 * seed runs, `synchronous = OFF` (no fsync at each commit and checkpoint; a crash of the
 * operating system meanwhile could damage the file, a crash of the process could not) and a
 * 256 MB page cache; `close()` restores both and checkpoints the WAL with a sync, so the
 * data is on disk when the command ends.
 *
 * PostgreSQL: one dedicated connection; each table's rows go in with one `COPY … FROM STDIN`
 * (text format) inside the slice's transaction, and the audit events through a Kysely on
 * that same connection, so all of a slice commits or none of it. `synchronous_commit = off`
 * for that connection (a crash loses at most the last slices, never consistency).
 */
export type PgType = 'text' | 'int8' | 'float8';
export type Column = readonly [name: string, type: PgType];
export type Row = readonly unknown[];
type Table = keyof Database;

export interface BulkWork {
  insert(table: Table, columns: readonly Column[], rows: readonly Row[]): Promise<void>;
  audit(events: readonly AuditInput[]): Promise<void>;
}

export interface BulkWriter {
  /** Runs work in one transaction; insert and audit are called inside it. */
  transaction(work: (w: BulkWork) => Promise<void>): Promise<void>;
  /** Updates the planner's statistics of these tables (PostgreSQL; SQLite needs none). */
  analyze(tables: readonly Table[]): Promise<void>;
  /**
   * CPU seconds the PostgreSQL server process of this connection has used so far, when it
   * runs on this machine (read from /proc); undefined on SQLite (the work is in-process).
   */
  serverCpuSeconds(): number | undefined;
  /** Restores the connection's settings (SQLite) or ends the connection (PostgreSQL). */
  close(): Promise<void>;
}

export async function bulkWriter(ctx: AppContext): Promise<BulkWriter> {
  const db = ctx.db;
  if (db.dialect === 'sqlite') return sqliteWriter(ctx);
  const config = ctx.config.database;
  if (config.dialect !== 'postgres') throw new Error('bulk writes: no PostgreSQL URL');
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const backend = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  // Kysely over this one connection, for the audit events inside the same transaction.
  const pool: PostgresPool = {
    connect: () => Promise.resolve(Object.assign(client, { release: () => undefined })),
    end: () => Promise.resolve(),
  };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    transaction: (work) =>
      kysely.transaction().execute((trx) =>
        work({
          insert: (table, columns, rows) => copyRows(client, table, columns, rows),
          audit: (events) => appendAuditBatch(trx, events),
        }),
      ),
    analyze: async (tables) => {
      for (const table of tables) await client.query(`analyze "${table}"`);
    },
    serverCpuSeconds: () => processCpuSeconds(backend.rows[0]?.pid),
    close: async () => {
      await kysely.destroy();
      await client.end();
    },
  };
}

function sqliteWriter(ctx: AppContext): BulkWriter {
  const db = ctx.db;
  const raw = db.sqlite;
  if (!raw) throw new Error('bulk writes on SQLite need the raw handle');
  const synchronous = raw.pragma('synchronous', { simple: true }) as number;
  const cacheSize = raw.pragma('cache_size', { simple: true }) as number;
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
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
  const insert = (table: Table, columns: readonly Column[], rows: readonly Row[]) => {
    // Kysely's transaction holds the one connection; these statements run inside it.
    const per = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      statement(table, columns, chunk.length).run(chunk.flat());
    }
    return Promise.resolve();
  };
  return {
    transaction: (work) =>
      db.kysely
        .transaction()
        .execute((trx) => work({ insert, audit: (events) => appendAuditBatch(trx, events) })),
    analyze: () => Promise.resolve(),
    serverCpuSeconds: () => undefined,
    close: () => {
      raw.pragma(`synchronous = ${synchronous}`);
      raw.pragma(`cache_size = ${cacheSize}`);
      // Now with a sync: everything written is on disk, and the WAL is small again.
      raw.pragma('wal_checkpoint(TRUNCATE)');
      return Promise.resolve();
    },
  };
}

/** utime + stime of a local process from /proc/<pid>/stat (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

async function copyRows(
  client: pg.Client,
  table: Table,
  columns: readonly Column[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  function* lines() {
    // About 1,000 rows per chunk: few stream writes, little memory.
    for (let i = 0; i < rows.length; i += 1000) {
      let chunk = '';
      for (const row of rows.slice(i, i + 1000)) {
        for (let c = 0; c < columns.length; c += 1) {
          if (c > 0) chunk += '\t';
          chunk += copyValue(row[c]);
        }
        chunk += '\n';
      }
      yield chunk;
    }
  }
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`copy "${table}" (${names}) from stdin`)),
  );
}
