import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, testPgUrl } from '../test-support/dialects.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { afterInOneTrip, genericPlanned, PREPARED, prepareMarkedStatements } from './connect.js';
import { pgStringLiteral } from './dialect.js';
import type { Database } from './schema.js';

const dialects = await testDialects();

/**
 * Statements marked PREPARED are prepared once per PostgreSQL connection (the health
 * recompute's combined facts: planning cost as much as running it); unmarked ones are not,
 * and a marked statement still answers with its parameters.
 */
describe.skipIf(!dialects.includes('postgres'))('prepared statements on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs every pooled connection without JIT compilation', async () => {
    // As many at once as the pool holds: each on a connection of its own.
    const settings = await Promise.all(
      Array.from({ length: t.db.poolSize }, () =>
        t.db.kysely.transaction().execute(async (trx) => {
          // Set by the connection itself (not off already in the server's configuration).
          const { rows } = await sql<{
            setting: string;
            source: string;
          }>`select setting, source from pg_settings where name = 'jit'`.execute(trx);
          return rows[0] && `${rows[0].setting} (${rows[0].source})`;
        }),
      ),
    );
    expect(settings).toEqual(Array.from({ length: t.db.poolSize }, () => 'off (session)'));
  });

  it('prepares a marked statement once on its connection, and only marked ones', async () => {
    const names = await t.db.kysely.connection().execute(async (conn) => {
      const marked = (n: number) =>
        conn
          .selectNoFrom(sql<number>`${n}::int + 1`.as('next'))
          .modifyFront(PREPARED)
          .executeTakeFirstOrThrow();
      expect(await marked(1)).toEqual({ next: 2 });
      expect(await marked(41)).toEqual({ next: 42 });
      await conn.selectNoFrom(sql<number>`${7}::int`.as('plain')).execute();
      const rows = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(conn);
      return rows.rows;
    });
    expect(names).toHaveLength(1);
    expect(names[0]?.name).toMatch(/^tandem_[0-9a-f]{24}$/);
    expect(names[0]?.statement).toContain('/* prepared */');
  });
  it('afterInOneTrip: one message, its second statement prepared once and given its values', async () => {
    // Inside a transaction (as the recompute runs it): there `set local` would last until
    // its end, were the mode not set back (outside one, the message's implicit transaction
    // would undo it anyway).
    const rows = await t.db.kysely.transaction().execute(async (conn) => {
      const sent: unknown[] = [];
      const answer = async (text: string, n: number) => {
        const first = sql`select pg_advisory_xact_lock(727274199, ${sql.lit(n)})`.compile(conn);
        const then = conn
          .selectNoFrom([
            sql<string>`${text}::text || '!'`.as('said'),
            sql<number>`${n}::int`.as('n'),
          ])
          .modifyFront(PREPARED)
          .compile();
        return (await conn.executeQuery(afterInOneTrip(first, then))).rows;
      };
      // A quote and a backslash in a value: inlined as literals, they arrive unchanged.
      sent.push(await answer(`it's a \\ test`, 1), await answer('again', 2));
      const prepared = await sql<{
        name: string;
        generic: number;
        custom: number;
      }>`select name, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where name like 'tandem_x_%'`.execute(
        conn,
      );
      const mode = await sql<{
        mode: string;
      }>`select current_setting('plan_cache_mode') as mode`.execute(conn);
      return { sent, prepared: prepared.rows, mode: mode.rows[0]?.mode };
    });
    expect(rows.sent).toEqual([[{ said: `it's a \\ test!`, n: 1 }], [{ said: 'again!', n: 2 }]]);
    // One statement, run with its generic plan from the first time on (no plan per value);
    // the statements after it in the transaction plan as before.
    expect(rows.prepared).toEqual([
      { name: expect.stringMatching(/^tandem_x_/), generic: 2, custom: 0 },
    ]);
    expect(rows.mode).toBe('auto');
  });

  it('genericPlanned outside a transaction: prepared once, its generic plan from the first run, the mode back after it', async () => {
    // A client of its own: the pool's connections carry the other tests' statements.
    const client = new pg.Client({ connectionString: testPgUrl });
    await client.connect();
    try {
      prepareMarkedStatements(client as pg.PoolClient);
      const { sql: text } = genericPlanned(
        t.db.kysely
          .selectNoFrom([
            sql<string>`${''}::text || '?'`.as('said'),
            sql<number>`${0}::int`.as('n'),
          ])
          .modifyFront(PREPARED)
          .compile(),
      );
      const answer = async (said: string, n: number) =>
        ((await client.query(text, [said, n])) as unknown as pg.QueryResult).rows;
      // A quote and a backslash in a value: inlined as literals, they arrive unchanged.
      expect(await answer(`it's a \\ test`, 1)).toEqual([{ said: `it's a \\ test?`, n: 1 }]);
      expect(await answer('again', 2)).toEqual([{ said: 'again?', n: 2 }]);
      const prepared = await client.query(
        'select name, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements',
      );
      expect(prepared.rows).toEqual([
        { name: expect.stringMatching(/^tandem_x_/) as unknown, generic: 2, custom: 0 },
      ]);
      const mode = await client.query(`select current_setting('plan_cache_mode') as mode`);
      expect(mode.rows).toEqual([{ mode: 'auto' }]);
    } finally {
      await client.end();
    }
  });

  /** afterInOneTrip's `select <text> || '!', <n>` after `first` (without parameters). */
  const oneTrip = (
    conn: Kysely<Database>,
    text: string,
    n: number,
    first = sql`select 1`,
    mark = '!',
  ) =>
    conn.executeQuery(
      afterInOneTrip(
        first.compile(conn),
        conn
          .selectNoFrom([
            sql<string>`${text}::text || ${sql.lit(mark)}`.as('said'),
            sql<number>`${n}::int`.as('n'),
          ])
          .modifyFront(PREPARED)
          .compile(),
      ),
    );
  const preparedNames = async (conn: Kysely<Database>) =>
    (
      await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(
        conn,
      )
    ).rows.map((r) => r.name);

  it('a prepared statement gone from the server (deallocate all) is prepared again by the next call', async () => {
    await t.db.kysely.connection().execute(async (conn) => {
      const marked = (n: number) =>
        conn
          .selectNoFrom(sql<number>`${n}::int + 1`.as('next'))
          .modifyFront(PREPARED)
          .executeTakeFirstOrThrow();
      expect((await oneTrip(conn, 'a', 1)).rows).toEqual([{ said: 'a!', n: 1 }]);
      expect(await marked(1)).toEqual({ next: 2 });
      expect(await preparedNames(conn)).toHaveLength(2);
      await sql`deallocate all`.execute(conn);
      // The call that finds it gone fails (inside a transaction, that has aborted it)...
      await expect(oneTrip(conn, 'b', 2)).rejects.toMatchObject({ code: '26000' });
      await expect(marked(2)).rejects.toMatchObject({ code: '26000' });
      // ...and the next ones prepare it again.
      expect((await oneTrip(conn, 'c', 3)).rows).toEqual([{ said: 'c!', n: 3 }]);
      expect(await marked(3)).toEqual({ next: 4 });
      expect(await preparedNames(conn)).toHaveLength(2);
    });
  });

  it('two calls with the same text at once on one connection prepare it once', async () => {
    // A client of pg's own: Kysely runs one query at a time on a connection, pg queues them.
    const client = new pg.Client({ connectionString: testPgUrl });
    await client.connect();
    try {
      prepareMarkedStatements(client as pg.PoolClient);
      const { sql: text, parameters } = afterInOneTrip(
        sql`select 1`.compile(t.db.kysely),
        t.db.kysely
          .selectNoFrom(sql<number>`${0}::int + 1`.as('next'))
          .modifyFront(PREPARED)
          .compile(),
      );
      expect(parameters).toEqual([0]);
      const answers = (await Promise.all([
        client.query(text, [1]),
        client.query(text, [2]),
      ])) as unknown as pg.QueryResult[];
      expect(answers.map((a) => a.rows)).toEqual([[{ next: 2 }], [{ next: 3 }]]);
      const names = await client.query('select name from pg_prepared_statements');
      expect(names.rows).toEqual([{ name: expect.stringMatching(/^tandem_x_/) as unknown }]);
    } finally {
      await client.end();
    }
  });

  it("the mark between the statements inside `first`'s literal does not split the message there", async () => {
    const rows = await t.db.kysely.connection().execute(async (conn) => {
      const first = sql`select length(${sql.raw(pgStringLiteral('a /* then prepared */ b'))})`;
      return (await oneTrip(conn, 'ok', 5, first)).rows;
    });
    expect(rows).toEqual([{ said: 'ok!', n: 5 }]);
    const withMark = t.db.kysely
      .selectNoFrom(sql<number>`1`.as('one'))
      .modifyFront(PREPARED)
      .modifyEnd(sql.raw('/* then prepared */'))
      .compile();
    expect(() => afterInOneTrip(sql`select 1`.compile(t.db.kysely), withMark)).toThrow(/mark/);
  });
});
