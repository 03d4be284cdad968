import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  SqliteDialect,
  type UnknownRow,
} from 'kysely';
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
  /**
   * A token that changes whenever the data may have changed: read caches keep an entry
   * only while the token is the same. On SQLite: writes through this process plus
   * `PRAGMA data_version` (commits by other processes, such as the CLI). On PostgreSQL
   * other app instances write unseen, so there is no token and nothing is cached.
   */
  changeToken(): string | undefined;
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

/** Counts statements that may write; reads (SELECT) leave the count alone. */
class WriteCounter implements KyselyPlugin {
  generation = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind !== 'SelectQueryNode') this.generation += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * better-sqlite3 behind Kysely, with prepared statements reused by SQL text: Kysely
 * prepares on every query, which costs more than running most of ours.
 */
function withStatementCache(db: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (cache.size >= 1000) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function connect(config: DatabaseConfig, options: { poolSize?: number } = {}): Db {
  if (config.dialect === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const writes = new WriteCounter();
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [writes],
    });
    const dataVersion = sqlite.prepare('pragma data_version').pluck();
    return {
      kysely,
      dialect: 'sqlite',
      sqliteFile: config.file,
      sqlite,
      changeToken: () => `${writes.generation}:${String(dataVersion.get())}`,
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
    changeToken: () => undefined,
    close: () => kysely.destroy(),
  };
}
