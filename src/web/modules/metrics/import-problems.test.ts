import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { type ImportProblem, importProblemMessage } from './import-problems.js';

const problem = (
  code: string | undefined,
  params: ImportProblem['params'] = {},
): ImportProblem => ({
  line: 2,
  column: 'Wert',
  reason: 'the English reason from the server',
  ...(code === undefined ? {} : { code }),
  params,
});

const inGerman = (p: ImportProblem) =>
  importProblemMessage(i18n.getFixedT('de'), createFormatters('de'), p);
const inEnglish = (p: ImportProblem) =>
  importProblemMessage(i18n.getFixedT('en'), createFormatters('en'), p);

describe('importProblemMessage', () => {
  it('says what is wrong in German, numbers formatted the German way', () => {
    expect(inGerman(problem('not_a_number', { value: 'abc', decimal: ',' }))).toBe(
      '„abc“ ist keine Zahl (Dezimaltrennzeichen: Komma; Sie können es oben ändern).',
    );
    expect(inGerman(problem('above_max', { value: 1234.5, limit: 1000 }))).toBe(
      '1.234,5 liegt über dem Höchstwert 1.000.',
    );
    expect(inGerman(problem('below_min', { value: -0.25, limit: 0 }))).toBe(
      '-0,25 liegt unter dem Mindestwert 0.',
    );
    expect(inGerman(problem('not_integer', { value: 1.5 }))).toBe('1,5 ist keine ganze Zahl.');
    expect(inGerman(problem('duplicate', { firstLine: 2 }))).toBe(
      'Gleicher Zeitpunkt und gleiche Quelle wie in Zeile 2.',
    );
    expect(
      inGerman(problem('dst_gap', { value: '29.03.2026 02:30', timeZone: 'Europe/Berlin' })),
    ).toBe(
      '„29.03.2026 02:30“ gibt es in Europe/Berlin nicht: Beim Wechsel auf die Sommerzeit wird diese Stunde übersprungen.',
    );
    expect(inGerman(problem('missing_columns', { columns: 'timestamp,value' }))).toBe(
      'Keine Spalte mit Zeitpunkten (z. B. Datum, date) und Spalte mit Zahlen (z. B. Wert, value) gefunden. Wählen Sie die Spalten oben oder prüfen Sie die erste Zeile der Datei.',
    );
    expect(inGerman(problem('too_many_rows', { rows: 50_001, max: 50_000 }))).toBe(
      'Die Datei hat 50.001 Zeilen; höchstens 50.000 lassen sich auf einmal importieren.',
    );
    expect(inGerman(problem('empty'))).toBe('Die Zelle ist leer.');
  });

  it('says it in English with English number formats', () => {
    expect(inEnglish(problem('not_a_number', { value: '12,5', decimal: '.' }))).toBe(
      '“12,5” is not a number (decimal separator: point; you can change it above).',
    );
    expect(inEnglish(problem('above_max', { value: 1234.5, limit: 1000 }))).toBe(
      '1,234.5 is above the maximum of 1,000.',
    );
    expect(inEnglish(problem('too_long', { max: 1000 }))).toBe('Longer than 1,000 characters.');
    expect(inEnglish(problem('missing_columns', { columns: 'value' }))).toBe(
      'No column of numbers (e.g. Wert, value) found. Choose the columns above, or check the first row of the file.',
    );
  });

  it('has a message for every code in both languages', () => {
    const codes = [
      'not_csv',
      'empty_file',
      'missing_columns',
      'too_many_rows',
      'empty',
      'invalid_date',
      'unreadable_date',
      'invalid_hour_ampm',
      'dst_gap',
      'not_a_number',
      'not_finite',
      'not_integer',
      'below_min',
      'above_max',
      'too_long',
      'duplicate',
      'out_of_window',
      'control_character',
    ];
    for (const code of codes) {
      for (const message of [inGerman(problem(code)), inEnglish(problem(code))]) {
        expect(message).not.toBe('the English reason from the server');
        expect(message).not.toMatch(/metrics\.import|\{\{/);
      }
    }
  });

  it('falls back to the reason for unknown or missing codes', () => {
    expect(inGerman(problem('something_new', { value: 1 }))).toBe(
      'the English reason from the server',
    );
    expect(inGerman(problem(undefined))).toBe('the English reason from the server');
  });
});
