import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type PostgresDialectConfig,
  type QueryResult,
  type RootOperationNode,
  SqliteDialect,
  sql,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Dialect } from './dialect.js';
import { PgListener } from './listener.js';
import type { Database } from './schema.js';
import { templateSafe } from './templates.js';

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
   * `PRAGMA data_version` (commits by other processes, such as the CLI). On PostgreSQL:
   * writes and commits through this process plus notifications that triggers send at
   * every commit by any instance; undefined (no caching) while not listening.
   */
  changeToken(): string | undefined;
  /**
   * Calls `wake` when any instance committed new event deliveries (PostgreSQL: the
   * `tandem_events` notification, on the same listening connection as the change
   * notifications; also after reconnecting, as notifications may have been missed).
   * SQLite: never; the writer's own process wakes its dispatcher. Returns an unsubscribe.
   */
  onOutboxCommit(wake: () => void): () => void;
  /** How many connections the pool holds at most (SQLite: its one). */
  poolSize: number;
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
  // SQLite's own lower() changes ASCII letters only ("Ü" stays "Ü"), so the text filters
  // (lower(column) like lower-cased text) missed "Überweisung" for "über"; PostgreSQL's follows
  // Unicode. JavaScript's, as the pattern is lower-cased with. Only the search filters use it.
  sqlite.function('lower', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? text.toLowerCase() : text,
  );
  return sqlite;
}

/**
 * Counts writes through this process: before a write statement runs, after it ran, and
 * (PostgreSQL, see CommitCountingDriver) after its transaction committed. A read cache
 * entry filled with the count taken before its read is thus stale after any of these.
 */
class WriteCounter implements KyselyPlugin {
  generation = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind !== 'SelectQueryNode') this.generation += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (args.result.numAffectedRows !== undefined) this.generation += 1;
    return Promise.resolve(args.result);
  }
}

/**
 * The marker of a statement that PostgreSQL should prepare once per connection instead of
 * parsing and planning it at every call: for hot statements whose planning costs more than
 * their execution (the health recompute's combined facts: 2–4 ms of planning for a few ms of
 * work). Put it at the front of a select with `.modifyFront(PREPARED)`.
 */
export const PREPARED_MARK = '/* prepared */';
export const PREPARED = sql.raw(PREPARED_MARK);

/**
 * Named statements kept per connection, at most; beyond that, marked statements run unnamed.
 * What fills it: one per distinct marked text, for good. So far: the recompute's combined
 * facts statement, one text per number of ids (locked, afterInOneTrip, or not, genericPlanned),
 * for at most 4 ids (health-facts.repository PREPARED_MAX_IDS: 4 texts; the subscriber's
 * recompute of one initiative is the usual one), the one-row upsert of the stored health,
 * findPendingReadable (two texts: admin or not) and the unfiltered portfolio scan (two
 * texts): 9. Once full, new texts run unnamed (parsed and planned each time) while the
 * first ones keep theirs.
 */
const MAX_PREPARED = 32;

/** The PostgreSQL error of an EXECUTE or Bind whose prepared statement is gone. */
const STATEMENT_GONE = '26000';
/** The PostgreSQL error of a PREPARE whose name exists already. */
const STATEMENT_EXISTS = '42P05';
const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/**
 * Between the two statements of afterInOneTrip's text (a comment: the text stays valid SQL
 * were it ever sent as it is, which it never is).
 */
const THEN_MARK = '/* then prepared */';

/**
 * PostgreSQL: `first` (a statement without parameters, say taking a lock) and then `then` (a
 * PREPARED select) in ONE round trip, where they would take two one after the other. Sent as
 * one simple-protocol message `first; execute <name>(<then's values as literals>)`, `then`
 * prepared (SQL PREPARE) once per connection. Each statement of the message takes its own
 * snapshot (READ COMMITTED), so `then` sees what was committed while `first` waited for a
 * lock, as it would as a statement of its own. `then` runs with its generic plan from its
 * first execution on (`plan_cache_mode` set for that statement only, then back to the
 * default). Answers `then`'s rows. A value that is not a string, number, boolean or null
 * (never so far): the two run one after the other.
 */
export function afterInOneTrip<R>(
  first: Pick<CompiledQuery, 'sql' | 'parameters'>,
  then: CompiledQuery<R>,
): CompiledQuery<R> {
  if (first.parameters.length > 0) throw new Error('afterInOneTrip: `first` takes no parameters');
  if (!then.sql.includes(PREPARED_MARK)) throw new Error('afterInOneTrip: `then` is not PREPARED');
  // `then`'s text is ours (its values are parameters, sent apart), so the LAST mark is the
  // one put here: `first` carries its values as literals, which might contain the mark.
  if (then.sql.includes(THEN_MARK)) throw new Error('afterInOneTrip: `then` contains the mark');
  return { ...then, sql: `${first.sql}${THEN_MARK}${then.sql}` };
}

/**
 * PostgreSQL: a PREPARED select sent as afterInOneTrip sends its `then`, without a statement
 * before it: `execute <name>(<values as literals>)`, prepared (SQL PREPARE) once per
 * connection, and with its generic plan from its first execution on. A protocol-level
 * prepared statement is planned for its values at each of its first five executions per
 * connection, which for a large statement costs more than running it, and a pool of ten
 * connections makes that the usual case for a statement run after each write. The same text
 * as an afterInOneTrip's `then` shares its prepared statement (one name per connection).
 */
export function genericPlanned<R>(then: CompiledQuery<R>): CompiledQuery<R> {
  if (!then.sql.includes(PREPARED_MARK))
    throw new Error('genericPlanned: the query is not PREPARED');
  if (then.sql.includes(THEN_MARK)) throw new Error('genericPlanned: the query contains the mark');
  return { ...then, sql: `${THEN_MARK}${then.sql}` };
}

/** A value as an SQL literal (quoted: it takes the prepared parameter's type), or undefined. */
export function literalOf(client: pg.PoolClient, v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return quoted(client, v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return quoted(client, String(v));
  return undefined;
}

/**
 * pg's escapeLiteral, which builds its answer a character at a time (the recompute's forty
 * values: 23 kB of garbage per change): a text without quote or backslash is the same text
 * in quotes there, and so here at once.
 */
const quoted = (client: pg.PoolClient, v: string): string =>
  v.includes("'") || v.includes('\\') ? client.escapeLiteral(v) : `'${v}'`;

/** Statement texts and their hashes (statementHash): the same few texts on every call. */
const statementHashes = new Map<string, string>();

/**
 * A statement's name part: a hash of its text, remembered (the recompute's facts statement is
 * 8 kB of text sent with every change; hashing it each time cost more than looking it up).
 */
function statementHash(text: string): string {
  let hash = statementHashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('hex').slice(0, 24);
    if (statementHashes.size >= 200) statementHashes.clear();
    statementHashes.set(text, hash);
  }
  return hash;
}

/**
 * Wraps a new pooled connection's `query`: a statement carrying PREPARED_MARK is sent as a
 * named statement (name = hash of its text, so the same text always gets the same name and
 * a different text never reuses one), which pg prepares on first use on this connection;
 * one of afterInOneTrip is sent as one message of two statements (its `then` prepared once).
 * Exported for tests (pg's client queues concurrent queries, which Kysely never sends on one
 * connection; this must not rely on that).
 */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  // Per name: settled once the statement is prepared on this connection (protocol-level ones
  // at once: pg prepares them with their first use). A promise, so that two calls with the
  // same text at once prepare it once (the second would fail: the name exists).
  const names = new Map<string, Promise<void>>();
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const nameOf = (text: string, prefix: string): string | undefined => {
    const name = `${prefix}${statementHash(text)}`;
    if (!names.has(name) && names.size >= MAX_PREPARED) return undefined;
    return name;
  };
  /**
   * The statement is gone from the server (DISCARD ALL or DEALLOCATE by someone else, a
   * pooler handing out another server connection): forgotten, so the next call prepares it
   * again. Not retried here: inside a transaction the error has aborted it already.
   */
  const forget = (name: string, prepared: Promise<void>) => (err: unknown) => {
    if (codeOf(err) === STATEMENT_GONE && names.get(name) === prepared) {
      names.delete(name);
      // pg's own record of the protocol-level statements it parsed on this connection.
      const parsed = (client as { connection?: { parsedStatements?: Record<string, unknown> } })
        .connection?.parsedStatements;
      if (parsed) delete parsed[name];
    }
    throw err;
  };
  const oneTrip = (text: string, values: readonly unknown[]): Promise<unknown> => {
    // The last mark: afterInOneTrip's (see there).
    const at = text.lastIndexOf(THEN_MARK);
    const first = text.slice(0, at);
    const then = text.slice(at + THEN_MARK.length);
    // SQL PREPARE shares the names of protocol-level statements: another prefix.
    const name = nameOf(then, 'tandem_x_');
    const literals = values.map((v) => literalOf(client, v));
    if (name === undefined || literals.some((l) => l === undefined))
      return (first === '' ? Promise.resolve() : query(first)).then(() => wrapped(then, values));
    let prepared = names.get(name);
    if (!prepared) {
      // A statement of its own on first use (a prepared statement outlives a rollback). One
      // that exists already (prepared before it was forgotten here) is the same text (the
      // name is a hash of it): used. Inside a transaction the failed PREPARE has aborted it,
      // so only the next call (a new transaction) uses it; outside one, this call does.
      const preparing = query(`prepare ${name} as ${then}`).then(
        () => undefined,
        (err: unknown) => {
          if (codeOf(err) === STATEMENT_EXISTS) return;
          if (names.get(name) === preparing) names.delete(name);
          throw err;
        },
      );
      prepared = preparing;
      names.set(name, preparing);
    }
    const ready = prepared;
    // Its generic plan from the first execution on (for that statement only): PostgreSQL
    // would plan each of the first five executions for their values, which costs more
    // than running it (and it chooses the generic plan after them anyway).
    return ready
      .then(() =>
        query(
          `${first === '' ? '' : `${first}; `}set local plan_cache_mode = force_generic_plan; execute ${name}(${literals.join(', ')}); set local plan_cache_mode to default`,
        ).catch(forget(name, ready)),
      )
      .then((results) => (Array.isArray(results) ? results.at(-2) : results));
  };
  const wrapped = (text: unknown, values?: unknown, callback?: unknown): unknown => {
    if (
      typeof text === 'string' &&
      callback === undefined &&
      (values === undefined || Array.isArray(values)) &&
      text.includes(PREPARED_MARK)
    ) {
      if (text.includes(THEN_MARK)) return oneTrip(text, (values as unknown[] | undefined) ?? []);
      const name = nameOf(text, 'tandem_');
      if (name !== undefined) {
        let prepared = names.get(name);
        if (!prepared) {
          prepared = Promise.resolve();
          names.set(name, prepared);
        }
        return query({ name, text, values }).catch(forget(name, prepared));
      }
    }
    return callback === undefined ? query(text, values) : query(text, values, callback);
  };
  client.query = wrapped as typeof client.query;
}

/** A PostgreSQL driver that counts commits (a write becomes visible to others at commit). */
class CommitCountingDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly writes: WriteCounter,
  ) {
    super(config);
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const writes = this.writes;
    const commit = driver.commitTransaction.bind(driver);
    driver.commitTransaction = async (connection: DatabaseConnection) => {
      await commit(connection);
      writes.generation += 1;
    };
    return driver;
  }
}

/**
 * Listens on `tandem_changes` (sent by triggers at every commit, from any instance) and
 * counts notifications. While not listening — starting, or reconnecting after a lost
 * connection — it reports itself unhealthy and caches are off.
 */
class ChangeListener {
  generation = 0;
  healthy = false;
  readonly outboxWakers = new Set<() => void>();
  private readonly connection: PgListener;

  constructor(url: string) {
    this.connection = new PgListener(url, ['tandem_changes', 'tandem_events'], {
      notification: (msg) => {
        if (msg.channel === 'tandem_events') this.wakeOutbox();
        else this.generation += 1;
      },
      listening: () => {
        // Whatever happened while we were not listening is unknown: start a new generation.
        this.generation += 1;
        this.healthy = true;
        this.wakeOutbox();
      },
      lost: () => {
        this.healthy = false;
      },
    });
  }

  private wakeOutbox(): void {
    for (const wake of this.outboxWakers) wake();
  }

  async close(): Promise<void> {
    this.healthy = false;
    await this.connection.close();
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

export interface ConnectOptions {
  poolSize?: number;
  /** PostgreSQL: listen for changes by other instances (off for one-shot CLI commands). */
  listen?: boolean;
  /**
   * PostgreSQL: keep idle pooled connections open (the server: what each has prepared, the
   * warm-up's included, stays), where pg closes one idle for 10 s.
   */
  keepIdle?: boolean;
}

/**
 * Runs `fn` once on each of the pool's connections (PostgreSQL: all held at once, so each
 * run has another one, opened if need be; SQLite: its one). A connection not had within
 * `waitMs` (others busy) runs it when it comes, on a connection that may have run it
 * already. Answers the errors, each run's own (none thrown).
 */
export async function onEachConnection(
  db: Pick<Db, 'kysely' | 'poolSize'>,
  fn: (conn: Kysely<Database>) => Promise<void>,
  waitMs = 2000,
): Promise<unknown[]> {
  const n = db.poolSize;
  let held = 0;
  let allHeld = (): void => undefined;
  const all = new Promise<void>((resolve) => {
    allHeld = resolve;
  });
  const timer = setTimeout(() => allHeld(), waitMs);
  try {
    const runs = await Promise.allSettled(
      Array.from({ length: n }, () =>
        db.kysely.connection().execute(async (conn) => {
          held += 1;
          if (held === n) allHeld();
          await all;
          await fn(conn);
        }),
      ),
    );
    return runs.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  } finally {
    clearTimeout(timer);
  }
}

export function connect(config: DatabaseConfig, options: ConnectOptions = {}): Db {
  if (config.dialect === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const writes = templateSafe(new WriteCounter());
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
      onOutboxCommit: () => () => undefined,
      poolSize: 1,
      close: () => kysely.destroy(),
    };
  }
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: config.url,
    max: poolSize,
    // Kept open, with TCP keep-alive: a connection a firewall or NAT silently dropped is
    // found out by the operating system instead of hanging the next query.
    ...(options.keepIdle
      ? { idleTimeoutMillis: 0, keepAlive: true, keepAliveInitialDelayMillis: 10_000 }
      : {}),
  });
  pool.on('connect', (client) => {
    // No JIT compilation: Tandem's statements are short, and PostgreSQL compiles one whose
    // estimated cost passes jit_above_cost, which a statement with a subquery per row passes
    // easily (the goals' newest days per metric for the whole portfolio, about 3,000 metrics:
    // 352 ms of compiling in a 573 ms statement that takes 227 ms without). Queued first on
    // the connection, before the pool hands it out, so every statement on it runs without.
    void client.query('set jit = off').catch(() => undefined);
    prepareMarkedStatements(client);
  });
  // An idle pooled connection that the server closes (restart, failover) must not crash the
  // process; the pool replaces it on the next query.
  pool.on('error', (err) => console.warn(`PostgreSQL: idle connection lost (${err.message})`));
  const writes = templateSafe(new WriteCounter());
  const kysely = new Kysely<Database>({
    dialect: new CommitCountingDialect({ pool }, writes),
    plugins: [writes],
  });
  const listener = options.listen === false ? undefined : new ChangeListener(config.url);
  return {
    kysely,
    dialect: 'postgres',
    sqliteFile: undefined,
    sqlite: undefined,
    changeToken: () =>
      listener?.healthy ? `${writes.generation}:${listener.generation}` : undefined,
    onOutboxCommit: (wake) => {
      listener?.outboxWakers.add(wake);
      return () => listener?.outboxWakers.delete(wake);
    },
    poolSize,
    close: async () => {
      await listener?.close();
      await kysely.destroy();
    },
  };
}
