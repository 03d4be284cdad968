import { InsertQueryNode, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app.js';
import { recomputeStoredHealth } from '../modules/health/stored-health.service.js';
import { bindTemplate, TemplateCache, templateMark, templateOf } from './templates.js';

const dialects = await testDialects();

/**
 * A statement compiled once with marks answers, with each call's values bound, exactly as
 * the statement built with those values; a statement whose marks do not all become
 * parameters of their own is not made a template.
 */
describe.each(dialects)('statement templates (%s)', (dialect) => {
  let t: TestApp;
  const people: TestUser[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const name of ['Ada', 'Bea', 'Cem', 'Dan'])
      people.push(await t.user({ side: 'it', name }));
  });
  afterAll(async () => {
    await t.close();
  });

  const byIds = (ids: readonly string[], name: string) =>
    t.db.kysely
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .where('name', '<>', name)
      .orderBy('name');

  it('binds each call’s values in the marks’ places', async () => {
    const template = templateOf(
      byIds([templateMark(0), templateMark(1)], templateMark(2)).compile(),
      2,
    );
    expect(template).not.toBeNull();
    if (!template) return;
    const [ada, bea, cem, dan] = people.map((p) => p.id) as [string, string, string, string];
    for (const [ids, name] of [
      [[ada, bea], 'Bea'],
      [[cem, dan], 'Nobody'],
      [[dan, dan], 'Dan'],
    ] as const) {
      const bound = await t.db.kysely.executeQuery(
        bindTemplate<{ id: string; name: string }>(template, [...ids, name]),
      );
      expect(bound.rows).toEqual(await byIds(ids, name).execute());
    }
    expect(
      (await t.db.kysely.executeQuery(bindTemplate(template, [ada, cem, 'Nobody']))).rows,
    ).toEqual([
      { id: ada, name: 'Ada' },
      { id: cem, name: 'Cem' },
    ]);
  });

  it('refuses marks that are not parameters of their own, or missing', () => {
    const k = t.db.kysely;
    // Inlined into the text.
    expect(
      templateOf(
        k
          .selectFrom('users')
          .select('id')
          .where('name', '=', sql.lit(templateMark(0)))
          .compile(),
        1,
      ),
    ).toBeNull();
    // Inside an array parameter.
    expect(
      templateOf(
        k
          .selectFrom('users')
          .select('id')
          .where(sql<boolean>`id = any(${[templateMark(0)]})`)
          .compile(),
        1,
      ),
    ).toBeNull();
    // A required mark the statement does not take.
    expect(templateOf(byIds([templateMark(0)], 'x').compile(), 2)).toBeNull();
    // An unused optional mark is fine.
    expect(templateOf(byIds([templateMark(0)], 'x').compile(), 1)).not.toBeNull();
  });

  it('compiles a statement once per key', () => {
    const cache = new TemplateCache<string>(2);
    let made = 0;
    const make = () => {
      made += 1;
      return byIds([templateMark(0)], 'x').compile();
    };
    const first = cache.get(t.db.kysely, 'one', 1, make);
    expect(cache.get(t.db.kysely, 'one', 1, make)).toBe(first);
    expect(made).toBe(1);
    cache.get(t.db.kysely, 'two', 1, make);
    expect(cache.get(t.db.kysely, 'one', 1, make)).toBe(first); // 'one' used last, 'two' before
    cache.get(t.db.kysely, 'three', 1, make); // over the bound: the least recently used goes
    expect(made).toBe(3);
    expect(cache.get(t.db.kysely, 'one', 1, make)).toBe(first);
    expect(made).toBe(3);
    cache.get(t.db.kysely, 'two', 1, make); // gone: compiled again
    expect(made).toBe(4);
  });

  it('serves no template to an instance with other plugins: they see every statement', async () => {
    // Compiled by the plain instance first (the stored health's upsert of one row).
    const bea = await t.user({ side: 'business', name: 'Bea' });
    const first = await t.given.initiative({ businessOwner: bea, itOwner: people[0]!, title: 'A' });
    const now = t.app.ctx.now();
    const recompute = (app: TestApp, id: string) =>
      app.db.kysely.transaction().execute((trx) => recomputeStoredHealth(trx, [id], now));
    expect(await recompute(t, first.id)).toBe(1);
    // A fault-injecting plugin (as fail-closed and atomic-writes use) on another instance.
    const inserts: string[] = [];
    const seen: KyselyPlugin = {
      transformQuery: (args) => {
        if (InsertQueryNode.is(args.node))
          inserts.push(args.node.into?.table.identifier.name ?? '');
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const faulty = await createTestApp(dialect, {}, { plugins: [seen] });
    try {
      const ann = await faulty.user({ side: 'business', name: 'Ann' });
      const ivo = await faulty.user({ side: 'it', name: 'Ivo' });
      const other = await faulty.given.initiative({ businessOwner: ann, itOwner: ivo, title: 'B' });
      inserts.length = 0;
      expect(await recompute(faulty, other.id)).toBe(1);
      expect(inserts).toContain('initiative_health');
    } finally {
      await faulty.close();
    }
  });
});
