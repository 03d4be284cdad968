import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseLocaleNumber,
  parseTimestamp,
  readTimestamp,
  valueRangeIssue,
  valueRangeProblem,
} from './csv-cells.js';
import { CSV_LIMITS, type CsvOptions, decodeCsv, parseMeasurementsCsv } from './measurement-csv.js';

const opts = {
  timeZone: 'Europe/Berlin',
  valueType: 'decimal' as const,
  minValue: null,
  maxValue: null,
  defaultSource: 'csv',
};
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 for the characters we generate (ASCII plus German letters). */
const cp1252 = (s: string) =>
  Uint8Array.from(
    Array.from(s).map(
      (c) =>
        ({ ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, Ö: 0xd6, Ü: 0xdc, ß: 0xdf, '€': 0x80 })[c] ??
        c.charCodeAt(0),
    ),
  );

describe('parseLocaleNumber', () => {
  it.each([
    ['1.234,5', ',', 1234.5],
    ['1234,5', ',', 1234.5],
    ['-0,25', ',', -0.25],
    ['1,234.5', '.', 1234.5],
    ['1234.5', '.', 1234.5],
    ['1e3', ',', 1000],
    ['12,34,5', ',', Number.NaN],
    ['abc', '.', Number.NaN],
    ['NaN', '.', Number.NaN],
    ['Infinity', '.', Number.NaN],
    ['', '.', Number.NaN],
  ] as const)('%s with "%s" → %s', (raw, decimal, expected) => {
    expect(parseLocaleNumber(raw, decimal)).toBe(expected);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-27T13:00:00Z', 'dmy', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27T14:00:00+01:00', 'dmy', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27 14:00', 'dmy', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27', 'dmy', '2026-11-26T23:00:00.000Z'],
    ['27.11.2026', 'dmy', '2026-11-26T23:00:00.000Z'],
    ['27.11.2026 14:00', 'dmy', '2026-11-27T13:00:00.000Z'],
    ['27.11.26 14:00:30 Uhr', 'dmy', '2026-11-27T13:00:30.000Z'],
    ['11/27/2026 2:00 PM', 'mdy', '2026-11-27T13:00:00.000Z'],
    ['27/11/2026 14:00', 'dmy', '2026-11-27T13:00:00.000Z'],
    ['7/1/2026', 'mdy', '2026-06-30T22:00:00.000Z'],
  ] as const)('%s (%s)', (raw, order, expected) => {
    const ms = parseTimestamp(raw, 'Europe/Berlin', order);
    expect(typeof ms === 'number' ? new Date(ms).toISOString() : ms).toBe(expected);
  });

  it.each([
    ['31.02.2026'],
    ['2026-13-01'],
    ['29.03.2026 02:30'],
    ['yesterday'],
    ['13/27/2026 1:00 PM'],
    [''],
  ])('rejects %s with a reason', (raw) => {
    expect(typeof parseTimestamp(raw, 'Europe/Berlin', 'mdy')).toBe('string');
  });

  it.each([
    ['31.02.2026', 'invalid_date', { value: '31.02.2026' }],
    ['2026-13-01', 'invalid_date', { value: '2026-13-01' }],
    ['29.03.2026 02:30', 'dst_gap', { value: '29.03.2026 02:30', timeZone: 'Europe/Berlin' }],
    ['yesterday', 'unreadable_date', { value: 'yesterday' }],
    ['13/27/2026 13:00 PM', 'invalid_hour_ampm', { value: '13/27/2026 13:00 PM' }],
    ['', 'empty', {}],
  ] as const)('rejects %s with code %s', (raw, code, params) => {
    const at = readTimestamp(raw, 'Europe/Berlin', 'mdy');
    expect(at).toEqual({ code, params, reason: parseTimestamp(raw, 'Europe/Berlin', 'mdy') });
  });
});

describe('valueRangeIssue', () => {
  const rules = { valueType: 'integer' as const, minValue: 0, maxValue: 10 };
  it.each([
    [1.5, 'not_integer', { value: 1.5 }, '1.5 is not a whole number'],
    [-1, 'below_min', { value: -1, limit: 0 }, '-1 is below the minimum 0'],
    [11, 'above_max', { value: 11, limit: 10 }, '11 is above the maximum 10'],
    [Number.NaN, 'not_finite', {}, 'must be a finite number'],
  ] as const)('%s → %s', (value, code, params, reason) => {
    expect(valueRangeIssue(value, rules)).toEqual({ code, params, reason });
    expect(valueRangeProblem(value, rules)).toBe(reason);
  });
  it('accepts a value in range', () => {
    expect(valueRangeIssue(5, rules)).toBeUndefined();
    expect(valueRangeProblem(5, rules)).toBeUndefined();
  });
});

describe('decodeCsv', () => {
  it('handles BOMs, UTF-16 and Windows-1252', () => {
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
      text: 'a',
      encoding: 'utf-8 (BOM)',
    });
    expect(decodeCsv(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toEqual({
      text: 'a',
      encoding: 'utf-16le',
    });
    expect(decodeCsv(cp1252('Bemerkung: Übergabe ä'))).toEqual({
      text: 'Bemerkung: Übergabe ä',
      encoding: 'windows-1252',
    });
  });
});

/**
 * The Windows-1252 table for 0x80–0x9F (Unicode's cp1252.txt); 0xA0–0xFF equal U+00A0–U+00FF.
 * The five bytes it leaves undefined decode to U+FFFD, never to a control character.
 */
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x81: 0xfffd,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8d: 0xfffd,
  0x8e: 0x017d,
  0x8f: 0xfffd,
  0x90: 0xfffd,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9d: 0xfffd,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

describe('Windows-1252', () => {
  it.each(Array.from({ length: 0x80 }, (_, i) => 0x80 + i))('byte 0x%s', (byte) => {
    // "x" first and last, a byte invalid in UTF-8 between: the file is read as Windows-1252.
    const { text, encoding } = decodeCsv(Uint8Array.from([0x78, byte, 0x78]));
    expect(encoding).toBe('windows-1252');
    expect(text.codePointAt(1)).toBe(CP1252_HIGH[byte] ?? byte);
    expect(text).toHaveLength(3);
  });

  it('keeps € – „ “ in notes of a German Excel file', () => {
    const file = Uint8Array.from([
      ...Buffer.from('Datum;Wert;Bemerkung\r\n27.11.2026;5;', 'latin1'),
      0x84,
      0x80,
      0x20,
      0x35,
      0x20,
      0x96,
      0x20,
      0x6f,
      0x6b,
      0x93,
      ...Buffer.from('\r\n', 'latin1'),
    ]);
    const r = parseMeasurementsCsv(file, opts);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]?.note).toBe('„€ 5 – ok“');
  });
});

describe('columns as people name them', () => {
  const read = (text: string, extra: Partial<CsvOptions> = {}) =>
    parseMeasurementsCsv(cp1252(text), { ...opts, ...extra });

  it.each([
    [
      'Woche;Bearbeitungszeit (Min.)\r\n02.11.2026;12,5\r\n09.11.2026;11\r\n',
      'Woche',
      'Bearbeitungszeit (Min.)',
    ],
    ['Datum;Abgeschlossene Leads\r\n27.11.2026;14\r\n', 'Datum', 'Abgeschlossene Leads'],
    [
      'Week,Customer satisfaction (CSAT)\r\n11/27/2026,4.2\r\n',
      'Week',
      'Customer satisfaction (CSAT)',
    ],
    ['Kommentar;Monat;Umsatz in €\r\nerster;01.10.2026;1.234,50\r\n', 'Monat', 'Umsatz in €'],
  ])('one time and one number column need no choice: %s', (text, at, value) => {
    const r = read(text);
    expect(r.problems).toEqual([]);
    expect(r.detected.mapping).toMatchObject({ at, value });
    expect(r.detected.needsChoice).toBe(false);
    expect(r.rows.length).toBeGreaterThan(0);
  });

  it('several number columns: the first is suggested, and a choice is needed', () => {
    const file = 'Datum;Abgeschlossene Leads;Offene Leads\r\n27.11.2026;14;3\r\n';
    const r = read(file);
    expect(r.detected).toMatchObject({
      mapping: { at: 'Datum', value: 'Abgeschlossene Leads' },
      candidates: { at: ['Datum'], value: ['Abgeschlossene Leads', 'Offene Leads'] },
      needsChoice: true,
      mappingFrom: 'detected',
    });
    const chosen = read(file, { columns: { value: 'Offene Leads' } });
    expect(chosen.detected).toMatchObject({ needsChoice: false, mappingFrom: 'chosen' });
    expect(chosen.rows.map((x) => x.value)).toEqual([3]);
    const remembered = read(file, { remembered: { at: 'Datum', value: 'Offene Leads' } });
    expect(remembered.detected.mappingFrom).toBe('remembered');
    expect(remembered.rows.map((x) => x.value)).toEqual([3]);
    // A remembered column the file does not have: detected again.
    expect(
      read(file, { remembered: { at: 'Tag', value: 'Offene Leads' } }).detected.mappingFrom,
    ).toBe('detected');
  });

  it('a chosen column the file lacks is a problem; note and source can be chosen or none', () => {
    const file = 'Tag;Anzahl;Bemerkung;System\r\n27.11.2026;4;gut;CRM\r\n';
    expect(read(file, { columns: { value: 'Menge' } }).problems[0]?.code).toBe('missing_columns');
    expect(read(file).rows[0]).toMatchObject({ value: 4, note: 'gut', source: 'csv' });
    expect(read(file, { columns: { note: null, source: 'System' } }).rows[0]).toMatchObject({
      note: null,
      source: 'CRM',
    });
  });

  it('Excel files: BOM, CRLF, quoted headers', () => {
    const r = parseMeasurementsCsv(
      utf8('\uFEFF"Zeitraum";"Bearbeitungszeit (Min.)"\r\n"03.11.2026";"7,5"\r\n'),
      opts,
    );
    expect(r.problems).toEqual([]);
    expect(r.detected.mapping).toMatchObject({ at: 'Zeitraum', value: 'Bearbeitungszeit (Min.)' });
    expect(r.rows[0]?.value).toBe(7.5);
  });
});

describe('detected date order', () => {
  it.each([
    ['27.11.2026', 'dmy'],
    ['01.02.2026', 'dmy'],
    ['27/11/2026', 'dmy'],
    ['11/27/2026', 'mdy'],
    ['2026-11-27', 'mdy'],
  ])('%s → %s', (date, order) => {
    const r = parseMeasurementsCsv(utf8(`Datum;Wert\n${date};5\n`), opts);
    expect(r.problems).toEqual([]);
    expect(r.detected.dateOrder).toBe(order);
  });
});

describe('parseMeasurementsCsv', () => {
  it('reads a German Excel file', () => {
    const file = cp1252(
      'Datum;Wert;Bemerkung\r\n27.11.2026 14:00;1.234,5;"Übergabe; mit ""Zitat""\r\nzweite Zeile"\r\n28.11.2026;7;\r\n',
    );
    const r = parseMeasurementsCsv(file, opts);
    expect(r.problems).toEqual([]);
    expect(r.detected).toMatchObject({ delimiter: ';', decimal: ',', encoding: 'windows-1252' });
    expect(r.rows.map((x) => [new Date(x.at).toISOString(), x.value, x.note])).toEqual([
      ['2026-11-27T13:00:00.000Z', 1234.5, 'Übergabe; mit "Zitat"\r\nzweite Zeile'],
      ['2026-11-27T23:00:00.000Z', 7, null],
    ]);
    expect(r.rows[1]?.line).toBe(3); // the row number Excel shows, not the text line
  });

  it('reads an English Excel file', () => {
    const r = parseMeasurementsCsv(
      utf8('\uFEFFDate,Value,Note\n11/27/2026 2:00 PM,"1,234.5",ok\n'),
      opts,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.value)).toEqual([1234.5]);
  });

  it('reports every bad row with line, column and reason', () => {
    const file = utf8(
      'timestamp;value\n2026-11-27;abc\n31.02.2026;1\n2026-11-28;\n2026-11-29;5\n2026-11-29;6\n',
    );
    const r = parseMeasurementsCsv(file, { ...opts, maxValue: 5.5 });
    expect(r.problems).toEqual([
      {
        line: 2,
        column: 'value',
        reason: expect.stringMatching(/"abc" is not a number/),
        code: 'not_a_number',
        params: { value: 'abc', decimal: ',' },
      },
      {
        line: 3,
        column: 'timestamp',
        reason: expect.stringMatching(/not a valid calendar date/),
        code: 'invalid_date',
        params: { value: '31.02.2026' },
      },
      { line: 4, column: 'value', reason: 'is empty', code: 'empty', params: {} },
      {
        line: 6,
        column: 'value',
        reason: '6 is above the maximum 5.5',
        code: 'above_max',
        params: { value: 6, limit: 5.5 },
      },
    ]);
    expect(r.rows).toHaveLength(1);
  });

  it('reports duplicate time and source, a missing header, and whole numbers', () => {
    const header = parseMeasurementsCsv(utf8('a;b\nx;y\n'), opts).problems[0];
    expect(header?.reason).toMatch(/needs a time column .* and a column of numbers/);
    expect(header).toMatchObject({
      code: 'missing_columns',
      params: { columns: 'timestamp,value' },
    });
    expect(parseMeasurementsCsv(utf8('Wert\n1\n'), opts).problems[0]?.params).toEqual({
      columns: 'timestamp',
    });
    const dup = parseMeasurementsCsv(utf8('Datum;Wert\n27.11.2026;1\n27.11.2026;2\n'), opts);
    expect(dup.problems).toEqual([
      {
        line: 3,
        column: 'Datum',
        reason: 'the same time and source as line 2',
        code: 'duplicate',
        params: { firstLine: 2 },
      },
    ]);
    const int = parseMeasurementsCsv(utf8('Datum;Wert\n27.11.2026;1,5\n'), {
      ...opts,
      valueType: 'integer',
    });
    expect(int.problems[0]?.reason).toBe('1.5 is not a whole number');
    expect(int.problems[0]).toMatchObject({ code: 'not_integer', params: { value: 1.5 } });
  });

  it('gives codes for whole-file problems and overlong cells', () => {
    expect(parseMeasurementsCsv(utf8(''), opts).problems[0]).toMatchObject({
      code: 'empty_file',
      reason: 'the file is empty',
    });
    expect(
      parseMeasurementsCsv(utf8('Datum;Wert\n"27.11.2026;1\n'), opts).problems[0],
    ).toMatchObject({
      code: 'not_csv',
      params: {},
      reason: expect.stringMatching(/not valid CSV/),
    });
    const long = parseMeasurementsCsv(
      utf8(`Datum;Wert;Notiz;Quelle\n27.11.2026;1;${'x'.repeat(1001)};${'y'.repeat(101)}\n`),
      opts,
    );
    expect(long.problems.map((p) => [p.column, p.code, p.params])).toEqual([
      ['Notiz', 'too_long', { max: 1000 }],
      ['Quelle', 'too_long', { max: 100 }],
    ]);
    const many = `Datum;Wert\n${'27.11.2026;1\n'.repeat(CSV_LIMITS.rows + 1)}`;
    expect(parseMeasurementsCsv(utf8(many), opts).problems[0]).toMatchObject({
      code: 'too_many_rows',
      params: { rows: CSV_LIMITS.rows + 1, max: CSV_LIMITS.rows },
    });
  });

  const note = fc.string({
    unit: fc.constantFrom('a', 'b', 'Ü', 'ß', ' ', ';', ',', '"', '\n', '\r\n', '='),
    maxLength: 12,
  });
  const row = fc.record({
    day: fc.integer({ min: 0, max: 3000 }),
    minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    cents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
    note,
  });

  /** Writes rows as Excel does in one locale; returns the file and what it should parse to. */
  function excel(
    rows: { day: number; minutes: number; cents: number; note: string }[],
    locale: 'de' | 'en',
    bom: boolean,
    legacy: boolean,
  ) {
    const delimiter = locale === 'de' ? ';' : ',';
    const lines = [
      locale === 'de' ? ['Zeitpunkt', 'Wert', 'Notiz'] : ['Timestamp', 'Value', 'Note'],
    ];
    const expected: { iso: string; value: number; note: string | null }[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      // Noon-to-evening UTC times avoid the DST gap; the point is the file format here.
      const d = new Date(
        Date.UTC(2020, 0, 1) + r.day * 86_400_000 + (r.minutes % 360) * 60_000 + 10 * 3_600_000,
      );
      const key = d.toISOString();
      if (seen.has(key)) continue;
      seen.add(key);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(d);
      const p = Object.fromEntries(local.map((x) => [x.type, x.value]));
      const h = Number(p.hour);
      const stamp =
        locale === 'de'
          ? `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`
          : `${Number(p.month)}/${Number(p.day)}/${p.year} ${h % 12 === 0 ? 12 : h % 12}:${p.minute} ${h < 12 ? 'AM' : 'PM'}`;
      const value = r.cents / 100;
      const formatted = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        useGrouping: true,
      })
        .format(value)
        .replace(/\u2212/, '-');
      const quote = (s: string) =>
        /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
      lines.push([stamp, quote(formatted), quote(r.note)]);
      expected.push({ iso: key, value, note: r.note.trim() === '' ? null : r.note.trim() });
    }
    const text = `${lines.map((l) => l.join(delimiter)).join('\r\n')}\r\n`;
    const bytes = legacy ? cp1252(text) : utf8(bom ? `\uFEFF${text}` : text);
    return { bytes, expected };
  }

  it('property: whatever Excel writes in German or English settings reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('de', 'en' as const),
        fc.boolean(),
        fc.boolean(),
        (rows, locale, bom, legacy) => {
          const { bytes, expected } = excel(rows, locale, bom, legacy && locale === 'de');
          const result = parseMeasurementsCsv(bytes, opts);
          expect(result.problems).toEqual([]);
          expect(
            result.rows.map((r) => ({
              iso: new Date(r.at).toISOString(),
              value: r.value,
              note: r.note,
            })),
          ).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('value bounds', () => {
  it('refuses magnitudes that could overflow a period sum', () => {
    const rules = { valueType: 'decimal' as const, minValue: null, maxValue: null };
    expect(valueRangeProblem(1e15, rules)).toBeUndefined();
    expect(valueRangeProblem(1.7e308, rules)).toBe('1.7e+308 is too large (at most ±1e15)');
    expect(valueRangeProblem(-2e15, rules)).toMatch(/too large/);
  });
});
