import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import { testDialects } from '../../test-support/dialects.js';
import { MEMBERS_ONLY } from '../../test-support/given.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { attachment } from './status-report.service.js';

const dialects = await testDialects();
const NASTY = '*x* | [y](javascript:z)';

describe.each(dialects)('status report (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let outsider: TestUser;
  let pilot: Initiative;
  let secret: Initiative;

  const get = (url: string, user: TestUser) => t.inject({ method: 'GET', url, user });

  beforeAll(async () => {
    // The clock moves a week below: sessions must outlive it.
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-20T10:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    outsider = await t.user({ side: 'business', name: 'Otto' });
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: NASTY,
      department: 'Sales',
      stage: 'pilot',
    });
    secret = await t.given.initiative({ businessOwner: bea, itOwner: ian, ...MEMBERS_ONLY });
    const res = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${pilot.id}/weekly-updates`,
      user: bea,
      body: { side: 'business', view: 'at_risk', text: '=HYPERLINK("x") <b>late</b>\nsecond' },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('gives the data: both initiatives to a member, with reasons in both languages and the views', async () => {
    const res = await get('/api/report/status', bea);
    expect(res.statusCode).toBe(200);
    const body = res.json<StatusReport>();
    expect(body.initiatives.map((i) => i.row.id).sort()).toEqual([pilot.id, secret.id].sort());
    const p = body.initiatives.find((i) => i.row.id === pilot.id)!;
    expect(p.reasons.length).toBeGreaterThan(0);
    expect(p.reasons[0]!.text.de).not.toBe(p.reasons[0]!.text.en);
    expect(p.latest.business?.view).toBe('at_risk');
    expect(p.latest.it).toBeNull();
  });

  it('leaves a members-only initiative out for an outsider, in every format', async () => {
    const json = (await get('/api/report/status', outsider)).json<StatusReport>();
    expect(json.initiatives.map((i) => i.row.id)).toEqual([pilot.id]);
    for (const format of ['md', 'csv'])
      for (const lang of ['de', 'en']) {
        const res = await get(`/api/report/status?format=${format}&lang=${lang}`, outsider);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('Works council');
        expect(res.body).toContain('javascript');
      }
    const mine = await get('/api/report/status?format=md', bea);
    expect(mine.body).toContain('Works council secret');
  });

  it('writes Markdown in the chosen language with every text escaped', async () => {
    const en = await get('/api/report/status?format=md&lang=en', outsider);
    expect(en.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    expect(en.headers['content-disposition']).toBe(
      `attachment; filename="status-report-2026-11-20.md"; filename*=UTF-8''status-report-2026-11-20.md`,
    );
    expect(en.body).toContain('# Status report');
    expect(en.body).toContain('At risk');
    const de = await get('/api/report/status?format=md&lang=de', outsider);
    expect(de.body).toContain('# Statusbericht');
    expect(de.body).toContain('Gefährdet');
    expect(de.body).toContain('- 1 Wochenmeldung fehlt von der IT');
    expect(en.body).toContain('- 1 weekly update missing from IT');
    expect(de.headers['content-disposition']).toContain('statusbericht-2026-11-20.md');
    // The day as people write it, in each language.
    expect(de.body).toContain('Stand: 20.11.2026');
    expect(en.body).toContain('As of: 20 Nov 2026');

    const html = new MarkdownIt().render(en.body);
    expect(html).not.toMatch(/<a\b|<em\b|<strong\b|<b>/);
    expect(html).toContain('*x* | [y](javascript:z)'); // the title, shown as text
    expect(html).toContain('&lt;b&gt;late&lt;/b&gt; second'); // the sentence, on one line
    // The portfolio table still has its nine columns in every row.
    const table = new MarkdownIt().parse(en.body, {});
    const rows = table.filter((x) => x.type === 'tr_open').length;
    const allCells = table.filter((x) => x.type === 'td_open' || x.type === 'th_open').length;
    expect(allCells).toBe(2 * 9 + 6 * 2); // portfolio header + 1 row; 1 area table of 6 rows
    expect(rows).toBe(2 + 6);
  });

  it('writes CSV with csv-export: `;` in German, `,` in English, formulas neutralised', async () => {
    const de = await get('/api/report/status?format=csv&lang=de', outsider);
    expect(de.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(de.headers['content-disposition']).toContain('filename="statusbericht-2026-11-20.csv"');
    const [head, line] = de.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toMatch(/^Initiative;Abteilung;Phase;/);
    expect(line).toMatch(/^\*x\* \| \[y\]\(javascript:z\);Sales;/);
    expect(de.body).toContain('Gefährdet');
    expect(de.body).toContain(`"'=HYPERLINK(""x"") <b>late</b>\nsecond"`);
    expect(de.body).not.toMatch(/(^|[;,\n])=HYPERLINK/);
    const en = await get('/api/report/status?format=csv&lang=en', outsider);
    expect(en.body.replace(/^\uFEFF/, '')).toMatch(/^Initiative,Department,Stage,/);
    expect(en.body).toContain('At risk');
  });

  it('shows each side’s latest week, per initiative, after a week with a newer update', async () => {
    t.setClock(new Date('2026-11-27T10:00:00Z'));
    try {
      const write = (id: string, side: 'business' | 'it', user: TestUser, text: string) =>
        t.inject({
          method: 'POST',
          url: `/api/initiatives/${id}/weekly-updates`,
          user,
          body: { side, view: 'off_track', text },
        });
      expect((await write(pilot.id, 'business', bea, 'Newer week')).statusCode).toBe(200);
      expect((await write(secret.id, 'it', ian, 'Secret IT view')).statusCode).toBe(200);
      const body = (await get('/api/report/status', bea)).json<StatusReport>();
      const of = (id: string) => body.initiatives.find((i) => i.row.id === id)!.latest;
      expect(of(pilot.id).business).toMatchObject({ text: 'Newer week', view: 'off_track' });
      expect(of(pilot.id).business?.week).toBe('2026-W48');
      expect(of(pilot.id).business?.author?.name).toBe('Bea');
      expect(of(pilot.id).it).toBeNull();
      expect(of(secret.id).business).toBeNull();
      expect(of(secret.id).it?.text).toBe('Secret IT view');
      // The outsider's report holds neither the secret initiative nor its view.
      const theirs = await get('/api/report/status?format=csv', outsider);
      expect(theirs.body).toContain('Newer week');
      expect(theirs.body).not.toContain('Secret IT view');
    } finally {
      t.setClock(new Date('2026-11-20T10:00:00Z'));
    }
  });

  it('dates the report by the company’s calendar day (Berlin), also just after midnight', async () => {
    // 00:30 on 21 November in Berlin, still the 20th in UTC.
    t.setClock(new Date('2026-11-20T23:30:00Z'));
    try {
      const de = await get('/api/report/status?format=md&lang=de', outsider);
      expect(de.body).toContain('Stand: 21.11.2026');
      expect(de.headers['content-disposition']).toContain('statusbericht-2026-11-21.md');
    } finally {
      t.setClock(new Date('2026-11-20T10:00:00Z'));
    }
  });

  it('refuses an unknown format or language with a problem naming the field', async () => {
    const res = await get('/api/report/status?format=pdf', bea);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('format');
  });
});

describe('attachment', () => {
  it('gives an ASCII fallback and the exact name in UTF-8', () => {
    expect(attachment('Statusbericht "Ü"; x.md')).toBe(
      `attachment; filename="Statusbericht ____ x.md"; filename*=UTF-8''Statusbericht%20%22%C3%9C%22%3B%20x.md`,
    );
  });
});
