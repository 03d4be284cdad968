import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { PortfolioCell, PortfolioRow } from '../../../contracts/portfolio.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import type { WeeklyUpdate } from '../../../contracts/weekly-updates.js';
import { statusReportCsv, statusReportMarkdown } from './status-report.service.js';

/**
 * The whole report, not only its cells: whatever people typed into titles, departments, names,
 * stage names and weekly sentences, the CSV parses back (with the delimiter of its language and
 * its BOM) into one row per initiative of the same width with every text whole and no cell a
 * formula, and the Markdown renders to the same tables and headings with every text plain.
 */

const HOSTILE = [
  '|',
  '\n',
  '\r\n',
  '`',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '=',
  '+',
  '-',
  '@',
  ';',
  ',',
  '"',
  "'",
  '\t',
  '#',
  '!',
  '\\',
  '&amp;',
  '😀',
  '„',
  '“',
  '–',
  '…',
  '=HYPERLINK("http://x")',
  '](javascript:alert(1))',
  '<script>',
  '1. ',
  '- ',
  '> ',
  '---',
  ' ',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((p) => p.join(''))
  // A text is never blank in the app (titles, names and sentences are required).
  .filter((s) => s.trim() !== '' && !s.includes('\0'));

const cell = (over: Partial<PortfolioCell> = {}): PortfolioCell => ({
  ampel: 'amber',
  score: 70,
  applicable: true,
  reasons: 1,
  top: null,
  ...over,
});

const update = (side: 'business' | 'it', sentence: string, name: string): WeeklyUpdate => ({
  id: `u-${side}`,
  initiativeId: 'i',
  side,
  week: '2026-W49',
  view: 'at_risk',
  text: sentence,
  author: { id: `a-${side}`, name, side, department: 'X' },
  writtenAt: '2026-12-01T08:00:00.000Z',
});

const initiative = fc
  .record({
    title: text,
    department: text,
    stage: text,
    business: text,
    it: text,
    reason: text,
    sentence: text,
    withUpdate: fc.boolean(),
  })
  .map((x, i = 0) => {
    const row: PortfolioRow = {
      id: `i-${i}`,
      title: x.title,
      department: x.department,
      stage: { id: 's', key: 'pilot', name: { de: x.stage, en: x.stage }, position: 4 },
      riskClass: 'limited',
      businessOwner: { id: 'b', name: x.business },
      itOwner: { id: 'i', name: x.it },
      overall: { ampel: 'red', score: 40, weakest: ['goals'] },
      areas: {
        goals: cell({ ampel: 'red', score: 40 }),
        handoffs: cell(),
        demos: cell({ applicable: false }),
        metrics: cell({ ampel: 'green', score: 100, reasons: 0 }),
        owners: cell(),
      },
    };
    return {
      x,
      entry: {
        row,
        reasons: [
          { area: 'goals' as const, text: { de: x.reason, en: x.reason }, href: '/x' },
          { area: 'handoffs' as const, text: { de: 'Zweite', en: 'Second' }, href: '/y' },
        ],
        latest: {
          business: x.withUpdate ? update('business', x.sentence, x.business) : null,
          it: null,
        },
      },
    };
  });

const reportOf = (items: { entry: StatusReport['initiatives'][number] }[]): StatusReport => ({
  computedAt: '2026-12-01T09:00:00.000Z',
  totals: { green: 0, amber: 0, red: items.length },
  waiting: [{ kind: 'goal_signature', side: 'it', count: 2 }],
  initiatives: items.map((i) => i.entry),
});

/** What a spreadsheet would take for the start of a formula. */
const startsFormula = (field: string) => /^[=+\-@＝＋－＠]/.test(field.replace(/^[\s"]+/, ''));
const withoutApostrophes = (s: string) => s.replace(/'/g, '');

describe('status report CSV, parsed back', () => {
  it.each([
    ['de', ';'],
    ['en', ','],
  ] as const)('%s: BOM, `%s`, one whole row per initiative, no formula', (lang, delimiter) => {
    fc.assert(
      fc.property(fc.array(initiative, { minLength: 1, maxLength: 4 }), (items) => {
        const csv = statusReportCsv(reportOf(items), lang);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(csv.endsWith('\r\n')).toBe(true);
        const rows = parse(csv, { delimiter, bom: true, relax_column_count: false }) as string[][];
        expect(rows).toHaveLength(items.length + 1);
        const width = rows[0]!.length;
        expect(width).toBe(17);
        items.forEach(({ x }, i) => {
          const r = rows[i + 1]!;
          expect(r).toHaveLength(width);
          // Only neutralising apostrophes are added, nothing is lost or moved.
          expect(withoutApostrophes(r[0]!)).toBe(withoutApostrophes(x.title));
          expect(withoutApostrophes(r[1]!)).toBe(withoutApostrophes(x.department));
          expect(withoutApostrophes(r[2]!)).toBe(withoutApostrophes(x.stage));
          expect(withoutApostrophes(r[3]!)).toBe(withoutApostrophes(x.business));
          expect(withoutApostrophes(r[4]!)).toBe(withoutApostrophes(x.it));
          expect(r[6]).toBe('40');
          expect(withoutApostrophes(r[12]!)).toContain(withoutApostrophes(x.reason));
          expect(withoutApostrophes(r[14]!)).toBe(
            x.withUpdate ? withoutApostrophes(x.sentence) : '',
          );
          for (const field of r) expect(startsFormula(field), field).toBe(false);
        });
      }),
      { numRuns: 150 },
    );
  });
});

const md = new MarkdownIt();
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const plainText = (t: Token) =>
  (t.children ?? []).every((c) => c.type === 'text' || c.type === 'softbreak')
    ? (t.children ?? []).map((c) => c.content).join('')
    : null;
/** What md() keeps of a text: line breaks become spaces, the ends are trimmed. */
const shown = (s: string) => s.replace(/\r\n|\r|\n/g, ' ').trim();

describe('status report Markdown, parsed back', () => {
  it.each(['de', 'en'] as const)(
    '%s: the same tables and headings, every text plain and whole',
    (lang) => {
      fc.assert(
        fc.property(fc.array(initiative, { minLength: 1, maxLength: 3 }), (items) => {
          const tokens = md.parse(statusReportMarkdown(reportOf(items), lang), {});
          // No link, emphasis, code, image or HTML anywhere.
          for (const t of tokens) {
            expect(t.type).not.toMatch(/html|code|fence|hr|blockquote|ordered_list/);
            for (const c of t.children ?? []) expect(c.type).toMatch(/^(text|softbreak)$/);
          }
          // Headings: the title, the portfolio, what waits, then per initiative its title,
          // its reasons and the owners' view.
          const headings = tokens
            .map((t, i) => (t.type === 'heading_open' ? tokens[i + 1]! : null))
            .filter((t): t is Token => t !== null)
            .map(plainText);
          expect(headings).toHaveLength(3 + 3 * items.length);
          items.forEach(({ x }, i) => expect(headings[3 + 3 * i]).toBe(shown(x.title)));
          // Tables: the portfolio (a header and a row per initiative, nine cells each) and one
          // of six rows of two cells per initiative.
          const tables = tokens.filter((t) => t.type === 'table_open').length;
          expect(tables).toBe(1 + items.length);
          const rows = tokens.filter((t) => t.type === 'tr_open').length;
          expect(rows).toBe(1 + items.length + 6 * items.length);
          const cells = tokens.filter((t) => t.type === 'td_open' || t.type === 'th_open').length;
          expect(cells).toBe(9 * (1 + items.length) + 12 * items.length);
          // The portfolio's first column holds the titles, whole.
          const inlines = tokens.filter((t) => t.type === 'inline').map(plainText);
          for (const { x } of items) {
            expect(inlines).toContain(shown(x.title));
            expect(inlines.some((s) => s?.includes(shown(x.reason)))).toBe(true);
            if (x.withUpdate)
              expect(inlines.some((s) => s?.includes(shown(x.sentence)))).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    },
  );
});
