import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite file, for backups; undefined on PostgreSQL. */
  sqliteFile: string | undefined;
  /** The raw better-sqlite3 handle for bulk paths (same connection as kysely). */
  sqlite: SQLite.Database | undefined;
  close(): Promise<void>;
}

export type DbOrTrx = Kysely<Database>;

// bigint columns (epoch milliseconds, counts) arrive as JS numbers, as on SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/** Opens SQLite with WAL, synchronous=FULL, foreign keys on and a busy timeout. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, { timeout: 5000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function connect(config: DatabaseConfig, options: { poolSize?: number } = {}): Db {
  if (config.dialect === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      kysely,
      dialect: 'sqlite',
      sqliteFile: config.file,
      sqlite,
      close: () => kysely.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    sqliteFile: undefined,
    sqlite: undefined,
    close: () => kysely.destroy(),
  };
}
