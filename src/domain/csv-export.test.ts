import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-export.js';

/** What a spreadsheet would take for the start of a formula, once blanks and quotes go. */
const startsFormula = (field: string) =>
  /^[=+\-@＝＋－＠]/.test(field.replace(/^[\s"\u3000]+/, ''));

/** A reader that splits on its own separator and line breaks and ignores quotes entirely. */
const naiveFields = (text: string, delimiter: string) =>
  text.split(/\r\n|\r|\n/).flatMap((line) => line.split(delimiter));

const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '＝',
        '＋',
        '－',
        '＠',
        ';',
        ',',
        '\t',
        '\r',
        '\n',
        '"',
        ' ',
        "'",
      ),
      fc.constantFrom('=2+3', '=HYPERLINK("http://evil.example")', '@SUM(A1)', 'cmd|/c calc'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 170', "'+49 170"],
    ['-5 apples', "'-5 apples"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['＝1+1', "'＝1+1"],
    ['\tx', `"'\tx"`],
    ['\r=2+3', `"'\r'=2+3"`],
    ['a,b', '"a,b"'],
    ['x;=2+3', `"x;'=2+3"`],
    ['x,=2+3', `"x,'=2+3"`],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['2026-11-01', '2026-11-01'],
    [-5, '-5'],
    [1234.5, '1234.5'],
    [Number.NaN, ''],
    [null, ''],
  ] as const)('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('property: read with commas (as written), every cell comes back whole, in its column', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), (cells) => {
        const text = `${csvRow(cells)}\r\n${csvRow(cells)}\r\n`;
        const rows = parse(text, { delimiter: ',', relax_column_count: false }) as string[][];
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          expect(row).toHaveLength(cells.length);
          // Only neutralising apostrophes are added, nothing is lost.
          row.forEach((cell, i) =>
            expect(cell.replace(/'/g, '')).toBe((cells[i] ?? '').replace(/'/g, '')),
          );
          for (const cell of row) expect(startsFormula(cell)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: read with ; or tabs, with or without quotes, no field starts a formula', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), (cells) => {
        const text = `${csvRow(['period_start', 'value', 'unit'])}\r\n${csvRow(cells)}\r\n`;
        for (const delimiter of [';', '\t', ',']) {
          const quoted = parse(text, {
            delimiter,
            relax_quotes: true,
            relax_column_count: true,
            skip_records_with_error: true,
          }) as string[][];
          for (const field of [...quoted.flat(), ...naiveFields(text, delimiter)])
            expect(startsFormula(field), JSON.stringify({ field, delimiter, text })).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
