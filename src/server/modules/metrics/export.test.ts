import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetric, createScenarioApp, type Scenario } from '../../test-support/scenario.js';
import type { TestApp } from '../../test-support/test-app.js';

describe('series CSV export', () => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp('sqlite'));
  });
  afterAll(async () => t?.close());

  it('a unit like x;=2+3 reaches neither a German nor an English Excel as a formula', async () => {
    const metric = await createMetric(t, s, { name: 'Tricky', unit: 'x;=2+3' });
    const entered = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: s.biz,
      body: { at: '2026-11-20T10:00:00Z', value: -4 },
    });
    expect(entered.statusCode).toBe(201);
    const res = await t.inject({
      method: 'GET',
      url: `/api/metrics/${metric.id}/series.csv`,
      user: s.biz,
    });
    expect(res.statusCode).toBe(200);
    const text = res.body.replace(/^\uFEFF/, '');
    const english = parse(text, { delimiter: ',' }) as string[][];
    expect(english[1]).toEqual(['2026-11-20', '-4', "x;'=2+3", '1', 'manual']);
    const german = parse(text, {
      delimiter: ';',
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
    for (const field of german.flat()) expect(field.trimStart()).not.toMatch(/^[=+@-]/);
  });
});
