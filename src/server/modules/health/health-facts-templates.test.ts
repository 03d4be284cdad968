import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import {
  factQueryBuildCount,
  loadHealthRows,
  loadLockedHealthRows,
} from './health-facts.repository.js';

const dialects = await testDialects();

/**
 * The fact queries read one query at a time (SQLite's recompute; on PostgreSQL a read with a
 * readable filter) come from templates: after the first call for a number of initiatives, no
 * call builds the fact queries again (every part, the stages query without marks too).
 */
describe.each(dialects)('fact query templates (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('builds the fact queries once per number of initiatives', async () => {
    const bea = await t.user({ side: 'business', name: 'Bea' });
    const ian = await t.user({ side: 'it', name: 'Ian' });
    const ids: string[] = [];
    for (const n of [0, 1, 2])
      ids.push(
        (await t.given.initiative({ businessOwner: bea, itOwner: ian, title: `Facts ${n}` })).id,
      );
    const now = t.app.ctx.now();
    // A person's readable ids (a subquery): never the combined statement, so each fact query
    // is a template of its own on both databases.
    const readable = readableInitiativeIds(t.db.kysely, { id: bea.id, role: 'member' });
    const load = (asked: string[]) => loadHealthRows(t.db.kysely, { readable, ids: asked }, now);
    await load([ids[0] as string, ids[1] as string]);
    const built = factQueryBuildCount();
    for (const asked of [
      [ids[1] as string, ids[2] as string],
      [ids[2] as string, ids[0] as string],
    ]) {
      const rows = await load(asked);
      expect([...rows.keys()].sort()).toEqual([...asked].sort());
    }
    expect(factQueryBuildCount()).toBe(built);
    if (dialect === 'sqlite') {
      // The recompute's read (all initiatives, by id).
      await loadHealthRows(t.db.kysely, { readable: null, ids: [ids[0] as string] }, now);
      const once = factQueryBuildCount();
      await loadHealthRows(t.db.kysely, { readable: null, ids: [ids[1] as string] }, now);
      expect(factQueryBuildCount()).toBe(once);
    }
  });
});

/**
 * PostgreSQL: the combined facts statement is prepared (one of a connection's few prepared
 * slots, for good) only for a few ids; a recompute of more (the refresh job's chunks) is
 * planned each time and takes its locks in a statement of its own.
 */
describe.skipIf(!dialects.includes('postgres'))('prepared combined statements (postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(async () => t?.close());

  it('prepares the locked facts statement for one id, not for many', async () => {
    const names = await t.db.kysely.transaction().execute(async (trx) => {
      const prepared = async () =>
        (
          await sql<{
            name: string;
          }>`select name from pg_prepared_statements where name like 'tandem_x_%'`.execute(trx)
        ).rows.map((r) => r.name);
      const before = await prepared();
      const many = Array.from({ length: 20 }, () => randomUUID());
      const locked = await loadLockedHealthRows(trx, many, t.app.ctx.now());
      expect(locked.rows.size).toBe(0);
      const afterMany = await prepared();
      await loadLockedHealthRows(trx, [randomUUID()], t.app.ctx.now());
      return { before, afterMany, afterOne: await prepared() };
    });
    expect(names.afterMany).toEqual(names.before);
    expect(names.afterOne.filter((n) => !names.before.includes(n))).toHaveLength(1);
  });

  it("an unlocked read of one id runs the locked read's prepared statement, with its generic plan", async () => {
    const bea = await t.user({ side: 'business', name: 'Bea Shared' });
    const ian = await t.user({ side: 'it', name: 'Ian Shared' });
    const ids: string[] = [];
    for (const n of [0, 1, 2])
      ids.push(
        (await t.given.initiative({ businessOwner: bea, itOwner: ian, title: `Shared ${n}` })).id,
      );
    const now = t.app.ctx.now();
    const seen = await t.db.kysely.connection().execute(async (conn) => {
      // The connection may have run these before (other tests): what changed is compared.
      const statements = async () =>
        new Map(
          (
            await sql<{
              name: string;
              generic: number;
              custom: number;
            }>`select name, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements`.execute(
              conn,
            )
          ).rows.map((r) => [r.name, r]),
        );
      const before = await statements();
      // The subscriber's recompute (locked), then reads (a portfolio read right after a
      // write, one initiative's health) of other initiatives on the same connection.
      const locked = await conn
        .transaction()
        .execute((trx) => loadLockedHealthRows(trx, [ids[0] as string], now));
      const read = [];
      for (const id of ids)
        read.push(await loadHealthRows(conn, { readable: null, ids: [id] }, now));
      const added = [...(await statements()).values()].flatMap((r) => {
        const was = before.get(r.name) ?? { generic: 0, custom: 0 };
        const generic = r.generic - was.generic;
        const custom = r.custom - was.custom;
        return generic || custom ? [{ name: r.name, generic, custom }] : [];
      });
      const mode = await sql<{
        mode: string;
      }>`select current_setting('plan_cache_mode') as mode`.execute(conn);
      return { locked, read, added, mode: mode.rows[0]?.mode };
    });
    expect([...seen.locked.rows.keys()]).toEqual([ids[0]]);
    expect(seen.read.map((r) => [...r.keys()])).toEqual(ids.map((id) => [id]));
    expect(seen.read[0]?.get(ids[0] as string)?.inputs).toEqual(
      seen.locked.rows.get(ids[0] as string)?.inputs,
    );
    // One statement ran the four, never planned for their values; the mode is back.
    expect(seen.added).toEqual([
      { name: expect.stringMatching(/^tandem_x_/), generic: 4, custom: 0 },
    ]);
    expect(seen.mode).toBe('auto');
  });
});
