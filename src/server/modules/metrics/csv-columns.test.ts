import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../contracts/metrics.js';
import { testDialects } from '../../test-support/dialects.js';
import { createScenarioApp, type Scenario } from '../../test-support/scenario.js';
import type { TestApp } from '../../test-support/test-app.js';

const dialects = await testDialects();

/** A file as German Excel saves "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, CRLF. */
const excel = (text: string) => iconv.encode(text.replace(/\n/g, '\r\n'), 'windows-1252');

describe.each(dialects)('CSV import: choosing columns (%s)', (dialect) => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp(dialect));
  });
  afterAll(async () => t?.close());

  const post = (body: Buffer, query: Record<string, string> = {}) =>
    t.inject({
      method: 'POST',
      url: `/api/metrics/${s.metric.id}/import?${new URLSearchParams({ dryRun: 'true', ...query }).toString()}`,
      user: s.biz,
      body,
      headers: { 'content-type': 'text/csv' },
    });

  it('a file with one date column and one number column imports without a choice', async () => {
    const file = excel('Woche;Bearbeitungszeit (Min.)\n02.11.2026;12,5\n09.11.2026;11\n');
    const preview = await post(file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<ImportReport>().detected).toMatchObject({
      dateOrder: 'dmy',
      mapping: { at: 'Woche', value: 'Bearbeitungszeit (Min.)', note: null, source: null },
      needsChoice: false,
    });
    const done = await post(file, { dryRun: 'false' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<ImportReport>()).toMatchObject({ stored: 2 });
  });

  it('several number columns: preview suggests, import needs the choice, the choice is remembered', async () => {
    const file = excel(
      'Datum;Abgeschlossene Leads;Offene Leads;Kommentar\n16.11.2026;14;3;„gut“ – 5 €\n17.11.2026;9;4;\n',
    );
    const preview = (await post(file)).json<ImportReport>();
    expect(preview.detected).toMatchObject({
      mapping: { at: 'Datum', value: 'Abgeschlossene Leads', note: 'Kommentar' },
      candidates: { at: ['Datum'], value: ['Abgeschlossene Leads', 'Offene Leads'] },
      needsChoice: true,
    });
    const unchosen = await post(file, { dryRun: 'false' });
    expect(unchosen.statusCode).toBe(422);
    expect(unchosen.headers['content-type']).toMatch(/problem\+json/);

    const chosen = await post(file, {
      dryRun: 'false',
      timeColumn: 'Datum',
      valueColumn: 'Offene Leads',
      noteColumn: 'Kommentar',
      sourceColumn: '',
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json<ImportReport>()).toMatchObject({ stored: 2 });
    const rows = await t.db.kysely
      .selectFrom('measurements')
      .select(['value', 'note'])
      .where('metric_id', '=', s.metric.id)
      .where('at', '>=', Date.parse('2026-11-15T00:00:00Z'))
      .orderBy('at')
      .execute();
    expect(rows).toEqual([
      { value: 3, note: '„gut“ – 5 €' },
      { value: 4, note: null },
    ]);

    // The next file with these headers is read the same way, without asking.
    const next = excel('Datum;Abgeschlossene Leads;Offene Leads;Kommentar\n18.11.2026;20;7;\n');
    const again = (await post(next)).json<ImportReport>();
    expect(again.detected).toMatchObject({
      mappingFrom: 'remembered',
      mapping: { at: 'Datum', value: 'Offene Leads', note: 'Kommentar', source: null },
      needsChoice: false,
    });
    expect(again.preview.map((p) => p.value)).toEqual([7]);
    expect((await post(next, { dryRun: 'false' })).json<ImportReport>()).toMatchObject({
      stored: 1,
    });
  });

  it('Customer satisfaction (CSAT) from an English export with a BOM', async () => {
    const file = Buffer.from(
      '\uFEFFWeek,Customer satisfaction (CSAT)\r\n11/23/2026,4.2\r\n',
      'utf8',
    );
    const r = (await post(file)).json<ImportReport>();
    expect(r.problems).toEqual([]);
    expect(r.detected).toMatchObject({
      dateOrder: 'mdy',
      mapping: { at: 'Week', value: 'Customer satisfaction (CSAT)' },
    });
    expect(r.preview[0]?.value).toBe(4.2);
  });
});
