import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../domain/periods.js';
import { testDialects } from '../../test-support/dialects.js';
import {
  createPushScenarioApp,
  createScenarioApp,
  type PushScenario,
  type Scenario,
} from '../../test-support/scenario.js';
import type { TestApp } from '../../test-support/test-app.js';

const dialects = await testDialects();

type Problem = { errors: { pointer: string; code?: string }[] };

const EXTREMES = [
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2100-01-01T00:00:00Z',
];

describe.each(dialects)('measurement times (%s)', (dialect) => {
  let t: TestApp;
  let s: PushScenario;
  beforeAll(async () => {
    ({ t, s } = await createPushScenarioApp(dialect));
  });
  afterAll(async () => t?.close());

  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('measurements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each(EXTREMES)('refuses %s by hand, pushed and imported, with a field error', async (at) => {
    const before = await count();
    const manual = await t.inject({
      method: 'POST',
      url: `/api/metrics/${s.metric.id}/measurements`,
      user: s.biz,
      body: { at, value: 1 },
    });
    expect(manual.statusCode).toBe(400);
    expect(manual.json<Problem>().errors.map((e) => e.pointer)).toEqual(['/body/at']);

    const pushed = await s.push({
      points: [
        { metricId: s.metric.id, at: '2026-11-20T10:00:00Z', value: 1 },
        { metricId: s.metric.id, at, value: 2 },
        { metricId: s.metric.id, at: Date.parse(at), value: 3 },
      ],
    });
    expect(pushed.statusCode).toBe(422);
    expect(pushed.json<Problem>().errors.map((e) => e.pointer)).toEqual([
      '/body/points/1/at',
      '/body/points/2/at',
    ]);

    const csv = `timestamp,value\n2026-11-20T10:00:00Z,1\n${at},2\n`;
    const imported = await t.inject({
      method: 'POST',
      url: `/api/metrics/${s.metric.id}/import?dryRun=false`,
      user: s.biz,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.statusCode).toBe(422);
    expect(imported.json<Problem>().errors.map((e) => e.pointer)).toEqual([
      '/body/line/3/timestamp',
    ]);
    expect(await count()).toBe(before);
  });

  it('accepts the edges of the window', async () => {
    for (const at of ['1970-01-01T00:00:00Z', '2099-12-31T22:59:59Z']) {
      const res = await t.inject({
        method: 'POST',
        url: `/api/metrics/${s.metric.id}/measurements`,
        user: s.biz,
        body: { at, value: 1 },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
});

describe.each(dialects)('reads survive any stored measurement time (%s)', (dialect) => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp(dialect));
    // Written behind the API's back, as older versions (or other tools) may have.
    for (const [i, at] of [
      Date.parse('9999-12-31T23:59:59Z'),
      Date.parse('0000-01-01T00:00:00Z'),
      8.64e15,
      -8.64e15,
      2 ** 53 - 1,
    ].entries()) {
      await t.db.kysely
        .insertInto('measurements')
        .values({
          id: randomUUID(),
          metric_id: s.metric.id,
          at,
          value: i + 1,
          note: null,
          source: 'legacy',
          idempotency_key: null,
          created_at: Date.now(),
          created_by: null,
          token_id: null,
        })
        .execute();
      const day = Number.isFinite(new Date(at).getTime())
        ? localDay(at, 'Europe/Berlin')
        : '+275760-09-13';
      await t.db.kysely
        .insertInto('metric_daily')
        .values({
          metric_id: s.metric.id,
          day,
          count: 1,
          sum: i + 1,
          last_at: at,
          last_value: i + 1,
          sources: '["legacy"]',
        })
        .onConflict((oc) => oc.columns(['metric_id', 'day']).doNothing())
        .execute();
    }
  });
  afterAll(async () => t?.close());

  it('goals, series, lists and exports answer 2xx for everyone, and a new goal is made', async () => {
    const outsider = await t.user({ side: 'it' });
    const goal = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${s.initiative.id}/goals`,
      user: s.biz,
      body: {
        statement: 'More leads',
        metricId: s.metric.id,
        baselineValue: 1,
        baselineDate: '2026-11-01',
        targetValue: 10,
        dueDate: '2027-06-30',
      },
    });
    expect(goal.statusCode, goal.body).toBe(201);
    for (const [url, user] of [
      ['/api/goals', s.biz],
      ['/api/goals', outsider],
      [`/api/initiatives/${s.initiative.id}/goals`, s.biz],
      [`/api/goals/${goal.json<{ id: string }>().id}`, s.biz],
      [`/api/initiatives/${s.initiative.id}/metrics`, s.biz],
      [`/api/metrics/${s.metric.id}`, s.biz],
      [`/api/metrics/${s.metric.id}/series?period=week`, s.biz],
      [`/api/metrics/${s.metric.id}/series?period=month`, s.biz],
      [`/api/metrics/${s.metric.id}/series.csv`, s.biz],
      [`/api/metrics/${s.metric.id}/measurements`, s.biz],
    ] as const) {
      const res = await t.inject({ method: 'GET', url, user });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('a stored time outside the window can be corrected and deleted', async () => {
    const rows = await t.db.kysely
      .selectFrom('measurements')
      .select(['id', 'at'])
      .where('metric_id', '=', s.metric.id)
      .orderBy('at')
      .execute();
    expect(rows.length).toBeGreaterThan(3);
    const [first, ...rest] = rows;
    const fix = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${s.metric.id}/measurements/${first?.id ?? ''}`,
      user: s.biz,
      body: { value: 5 },
    });
    expect(fix.statusCode, fix.body).toBe(204);
    for (const r of rest) {
      const res = await t.inject({
        method: 'DELETE',
        url: `/api/metrics/${s.metric.id}/measurements/${r.id}`,
        user: s.biz,
      });
      expect(res.statusCode, res.body).toBe(204);
    }
  });
});
