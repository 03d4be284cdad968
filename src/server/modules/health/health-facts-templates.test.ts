import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { factQueryBuildCount, loadHealthRows } from './health-facts.repository.js';

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
