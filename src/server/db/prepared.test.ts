import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { afterInOneTrip, PREPARED } from './connect.js';

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
});
