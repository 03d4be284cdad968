import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createPushScenarioApp, type PushScenario } from '../../test-support/scenario.js';
import type { TestApp } from '../../test-support/test-app.js';

const dialects = await testDialects();

type Problem = { status: number; code: string; errors: { pointer: string; message: string }[] };

describe.each(dialects)('push: type errors and corrections (%s)', (dialect) => {
  let t: TestApp;
  let s: PushScenario;
  beforeAll(async () => {
    ({ t, s } = await createPushScenarioApp(dialect));
  });
  afterAll(async () => t?.close());

  const push = (body: unknown, bearer?: string) => s.push(body, bearer);
  const stored = (metricId = s.metric.id) =>
    t.db.kysely
      .selectFrom('measurements')
      .select(['at', 'value', 'note', 'source'])
      .where('metric_id', '=', metricId)
      .orderBy('at')
      .execute();
  const daily = (metricId = s.metric.id) =>
    t.db.kysely
      .selectFrom('metric_daily')
      .select(['day', 'count', 'sum', 'last_value'])
      .where('metric_id', '=', metricId)
      .orderBy('day')
      .execute();
  const replacedAudits = async () =>
    t.db.kysely
      .selectFrom('audit_events')
      .select(['before', 'after', 'actor_id'])
      .where('action', '=', 'measurement.replaced')
      .where('entity_id', '=', s.metric.id)
      .execute();

  it('a string value or 2026-02-31 answers 422 problem+json naming each point; nothing is stored', async () => {
    const before = (await stored()).length;
    const res = await push({
      points: [
        { metricId: s.metric.id, at: '2026-11-20T10:00:00Z', value: 1 },
        { metricId: s.metric.id, at: '2026-11-20T11:00:00Z', value: '42' },
        { metricId: s.metric.id, at: '2026-02-31T10:00:00Z', value: 3 },
        { metricId: s.metric.id, at: '2026-11-20T12:00:00Z', value: 4, mode: 'overwrite' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    const pointers = problem.errors.map((e) => e.pointer);
    expect(pointers).toContain('/body/points/1/value');
    expect(pointers.some((p) => p.startsWith('/body/points/2/at'))).toBe(true);
    expect(pointers).toContain('/body/points/3/mode');
    expect(pointers.some((p) => p.startsWith('/body/points/0'))).toBe(false);
    expect((await stored()).length).toBe(before);
    // An unknown token learns nothing about the body: 401 first.
    expect((await push({ points: [{ metricId: 'x', value: 'x' }] }, 'tdm_nope')).statusCode).toBe(
      401,
    );
  });

  it('plain retries stay idempotent; mode "replace" corrects the value, audited, aggregates follow', async () => {
    const point = {
      metricId: s.metric.id,
      at: '2026-11-10T09:00:00Z',
      value: 5,
      source: 'crm',
      note: 'first',
    };
    expect((await push({ points: [point] })).json()).toEqual({
      received: 1,
      stored: 1,
      replaced: 0,
      duplicates: 0,
    });
    // A retry with another value is still a duplicate: nothing changes.
    expect((await push({ points: [{ ...point, value: 7 }] })).json()).toEqual({
      received: 1,
      stored: 0,
      replaced: 0,
      duplicates: 1,
    });
    expect((await stored()).find((r) => r.source === 'crm')?.value).toBe(5);

    // Batch mode replace: the value is corrected, the note kept (none sent).
    const { note: _note, ...withoutNote } = point;
    expect(
      (await push({ mode: 'replace', points: [{ ...withoutNote, value: 8 }] })).json(),
    ).toEqual({ received: 1, stored: 0, replaced: 1, duplicates: 0 });
    let row = (await stored()).find((r) => r.source === 'crm');
    expect(row).toMatchObject({ value: 8, note: 'first' });
    expect(await daily()).toEqual([
      expect.objectContaining({ day: '2026-11-10', count: 1, sum: 8, last_value: 8 }),
    ]);
    // Replacing with the same value again corrects nothing (a retry of the correction).
    expect(
      (await push({ mode: 'replace', points: [{ ...withoutNote, value: 8 }] })).json(),
    ).toEqual({ received: 1, stored: 0, replaced: 0, duplicates: 1 });
    // Per point: replace one, add another; a replace of a value not stored yet stores it.
    const res = await push({
      points: [
        { ...point, value: 9, note: null, mode: 'replace' },
        { ...point, at: '2026-11-10T10:00:00Z', value: 2 },
        { ...point, at: '2026-11-10T11:00:00Z', value: 3, mode: 'replace' },
      ],
    });
    expect(res.json()).toEqual({ received: 3, stored: 2, replaced: 1, duplicates: 0 });
    row = (await stored()).find((r) => r.source === 'crm');
    expect(row).toMatchObject({ value: 9, note: null });
    expect(await daily()).toEqual([
      expect.objectContaining({ day: '2026-11-10', count: 3, sum: 14, last_value: 3 }),
    ]);

    const audits = await replacedAudits();
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actor_id === null)).toBe(true);
    const values = audits.map((a) => [
      (JSON.parse(a.before ?? '{}') as { value: number }).value,
      (JSON.parse(a.after ?? '{}') as { value: number; token: string }).value,
    ]);
    expect(values).toEqual(
      expect.arrayContaining([
        [5, 8],
        [8, 9],
      ]),
    );
    expect(JSON.parse(audits[0]?.after ?? '{}')).toMatchObject({ token: expect.any(String) });
  });

  it('N parallel clients replacing the same points: one value each, aggregates agree', async () => {
    const CLIENTS = 8;
    const ROUNDS = 5;
    const times = Array.from(
      { length: 24 },
      (_, i) => Date.parse('2026-11-12T00:00:00Z') + i * 3_600_000,
    );
    const client = async (c: number) => {
      for (let r = 0; r < ROUNDS; r += 1) {
        const res = await push({
          mode: 'replace',
          points: times.map((at, i) => ({
            metricId: s.metric.id,
            at,
            value: c * 100 + r * 10 + (i % 7),
            source: 'sensor',
          })),
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const rows = (await stored()).filter((r) => r.source === 'sensor');
    expect(rows).toHaveLength(times.length);
    const days = (await daily()).filter((d) => d.day >= '2026-11-12');
    const raw = new Map<string, { count: number; sum: number }>();
    for (const r of rows) {
      const day = new Date(Number(r.at) + 3_600_000).toISOString().slice(0, 10); // Berlin, winter
      const d = raw.get(day) ?? { count: 0, sum: 0 };
      raw.set(day, { count: d.count + 1, sum: d.sum + r.value });
    }
    expect(days.map((d) => [d.day, Number(d.count), Number(d.sum)])).toEqual(
      [...raw].map(([day, d]) => [day, d.count, d.sum]),
    );
  }, 60_000);
});
