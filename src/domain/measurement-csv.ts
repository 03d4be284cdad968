import { parse } from 'csv-parse/sync';
import { isValidWallTime, type WallTime, zonedTimeToUtc } from './time-zones.js';

/**
 * Reads measurements from CSV files as people make them: Excel in German settings
 * (semicolons, decimal commas, 27.11.2026, Windows-1252) and English settings (commas,
 * decimal points, 11/27/2026), UTF-8 with or without byte-order mark, UTF-16 "Unicode
 * text", quoted cells with line breaks. Every problem is reported with its line and
 * column before anything is written.
 */
export const CSV_LIMITS = { bytes: 5 * 1024 * 1024, rows: 50_000 } as const;

export type Delimiter = ';' | ',' | '\t';
export const DECIMAL_SEPARATORS = [',', '.'] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
/** Whether a metric takes any number or whole numbers only. */
export const VALUE_TYPES = ['decimal', 'integer'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export interface CsvOptions {
  timeZone: string;
  /** Override the detected decimal separator. */
  decimal?: DecimalSeparator | undefined;
  /** Override the detected order of day and month in dates like 03/04/2026. */
  dateOrder?: DateOrder | undefined;
  valueType: ValueType;
  minValue: number | null;
  maxValue: number | null;
  defaultSource: string;
}

export interface CsvRow {
  line: number;
  at: number;
  value: number;
  note: string | null;
  source: string;
}

/** Stable codes of CSV problems; clients translate them from `code` + `params`. */
export type CsvProblemCode =
  | 'not_csv'
  | 'empty_file'
  | 'missing_columns'
  | 'too_many_rows'
  | 'empty'
  | 'invalid_date'
  | 'unreadable_date'
  | 'invalid_hour_ampm'
  | 'dst_gap'
  | 'not_a_number'
  | 'not_finite'
  | 'too_large'
  | 'not_integer'
  | 'below_min'
  | 'above_max'
  | 'too_long'
  | 'duplicate';

export type CsvProblemParams = Record<string, string | number>;

/** What is wrong, as a stable code with parameters and as an English sentence. */
export interface CsvIssue {
  code: CsvProblemCode;
  params: CsvProblemParams;
  /** English; shown by the API and the CLI. */
  reason: string;
}

export interface CsvProblem extends CsvIssue {
  /** Row number as Excel shows it: the header is row 1. */
  line: number;
  column: string;
}

const issue = (code: CsvProblemCode, reason: string, params: CsvProblemParams = {}): CsvIssue => ({
  code,
  params,
  reason,
});

export interface CsvResult {
  rows: CsvRow[];
  problems: CsvProblem[];
  detected: {
    encoding: string;
    delimiter: Delimiter;
    decimal: DecimalSeparator;
    dateOrder: DateOrder;
    columns: string[];
  };
}

/** Bytes → text: BOMs, UTF-16 and Windows-1252 (Excel's "CSV" in German Windows). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 (BOM)' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const HEADERS = {
  at: [
    'timestamp',
    'time',
    'date',
    'datetime',
    'zeitpunkt',
    'zeitstempel',
    'datum',
    'zeit',
    'date/time',
    'datum/uhrzeit',
  ],
  value: ['value', 'wert', 'messwert', 'amount', 'anzahl', 'betrag'],
  note: ['note', 'notes', 'comment', 'notiz', 'bemerkung', 'kommentar', 'anmerkung'],
  source: ['source', 'quelle', 'herkunft'],
} as const;

function detectDelimiter(firstLine: string): Delimiter {
  const counts = { ';': 0, ',': 0, '\t': 0 } as Record<Delimiter, number>;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter] += 1;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

const germanNumber = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
const englishNumber = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

function detectDecimal(values: string[], delimiter: Delimiter): DecimalSeparator {
  let comma = 0;
  let point = 0;
  for (const v of values) {
    const s = v.trim();
    if (/^[+-]?\d+,\d{1,2}$/.test(s) || /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) comma += 1;
    else if (/^[+-]?\d+\.\d{1,2}$/.test(s) || /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) point += 1;
  }
  if (comma !== point) return comma > point ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

/** Parses a number written with the given decimal separator; NaN when it is not one. */
export function parseLocaleNumber(raw: string, decimal: DecimalSeparator): number {
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return Number.NaN;
  const pattern = decimal === ',' ? germanNumber : englishNumber;
  if (!pattern.test(s)) {
    // Plain scientific notation is accepted either way (machines write it).
    return /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(s) ? Number(s) : Number.NaN;
  }
  const normalised = decimal === ',' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  return Number(normalised);
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isoLocal = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const dotted =
  /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*Uhr)?)?$/;
const slashed =
  /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** Parses a timestamp; local times are in `timeZone`. Returns epoch ms or a reason. */
export function parseTimestamp(
  raw: string,
  timeZone: string,
  dateOrder: DateOrder,
): number | string {
  const at = readTimestamp(raw, timeZone, dateOrder);
  return typeof at === 'number' ? at : at.reason;
}

/** Like parseTimestamp, but the problem comes with its code and parameters. */
export function readTimestamp(
  raw: string,
  timeZone: string,
  dateOrder: DateOrder,
): number | CsvIssue {
  const s = raw.trim();
  if (s === '') return issue('empty', 'is empty');
  if (isoInstant.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms)
      ? issue('invalid_date', `"${s}" is not a valid date`, { value: s })
      : ms;
  }
  let t: WallTime | undefined;
  let m = isoLocal.exec(s);
  if (m)
    t = {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    };
  m = t ? null : dotted.exec(s);
  if (m)
    t = {
      year: fullYear(m[3] ?? ''),
      month: Number(m[2]),
      day: Number(m[1]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    };
  m = t ? null : slashed.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let hour = Number(m[4] ?? 0);
    const ampm = m[7]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12)
        return issue('invalid_hour_ampm', `"${s}": hour must be 1–12 with AM/PM`, { value: s });
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    const [day, month] = dateOrder === 'dmy' ? [a, b] : [b, a];
    t = {
      year: fullYear(m[3] ?? ''),
      month,
      day,
      hour,
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    };
  }
  if (!t)
    return issue(
      'unreadable_date',
      `"${s}" is not a date we can read (use e.g. 2026-11-27 14:00, 27.11.2026 or 11/27/2026)`,
      { value: s },
    );
  if (!isValidWallTime(t))
    return issue('invalid_date', `"${s}" is not a valid calendar date or time`, { value: s });
  const utc = zonedTimeToUtc(t, timeZone);
  return (
    utc ??
    issue(
      'dst_gap',
      `"${s}" does not exist in ${timeZone} (clocks skip it at the change to summer time)`,
      { value: s, timeZone },
    )
  );
}

function detectDateOrder(values: string[]): DateOrder {
  for (const v of values) {
    const m = /^(\d{1,2})\/(\d{1,2})\//.exec(v.trim());
    if (m && Number(m[1]) > 12) return 'dmy';
    if (m && Number(m[2]) > 12) return 'mdy';
  }
  return 'mdy';
}

export function parseMeasurementsCsv(bytes: Uint8Array, options: CsvOptions): CsvResult {
  const { text, encoding } = decodeCsv(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const empty: CsvResult = {
    rows: [],
    problems: [],
    detected: { encoding, delimiter, decimal: '.', dateOrder: 'mdy', columns: [] },
  };
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      trim: false,
    });
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      ...empty,
      problems: [
        {
          line: e.lines ?? 1,
          column: '',
          ...issue('not_csv', `the file is not valid CSV: ${e.message ?? 'parse error'}`),
        },
      ],
    };
  }
  const [header, ...data] = records;
  if (!header)
    return {
      ...empty,
      problems: [{ line: 1, column: '', ...issue('empty_file', 'the file is empty') }],
    };
  const columns = header.map((h) => h.trim());
  const find = (names: readonly string[]) =>
    columns.findIndex((c) => names.includes(c.toLowerCase()));
  const col = {
    at: find(HEADERS.at),
    value: find(HEADERS.value),
    note: find(HEADERS.note),
    source: find(HEADERS.source),
  };
  const detected = { ...empty.detected, columns };
  if (col.at < 0 || col.value < 0) {
    const missing = [
      col.at < 0 ? 'timestamp (or Datum)' : '',
      col.value < 0 ? 'value (or Wert)' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    /** The missing columns as ids, comma-separated: "timestamp", "value" or both. */
    const ids = [col.at < 0 ? 'timestamp' : '', col.value < 0 ? 'value' : '']
      .filter(Boolean)
      .join(',');
    return {
      ...empty,
      detected,
      problems: [
        {
          line: 1,
          column: '',
          ...issue('missing_columns', `the first line must name the columns; missing: ${missing}`, {
            columns: ids,
          }),
        },
      ],
    };
  }
  if (data.length > CSV_LIMITS.rows) {
    return {
      ...empty,
      detected,
      problems: [
        {
          line: 1,
          column: '',
          ...issue(
            'too_many_rows',
            `the file has ${data.length} rows; at most ${CSV_LIMITS.rows} per import`,
            { rows: data.length, max: CSV_LIMITS.rows },
          ),
        },
      ],
    };
  }
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '') : '');
  const decimal =
    options.decimal ??
    detectDecimal(
      data.map((r) => cell(r, col.value)),
      delimiter,
    );
  const dateOrder = options.dateOrder ?? detectDateOrder(data.map((r) => cell(r, col.at)));
  const atName = columns[col.at] ?? 'timestamp';
  const valueName = columns[col.value] ?? 'value';
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const [index, record] of data.entries()) {
    // The row number as a spreadsheet shows it (header = 1); a quoted note may span lines.
    const line = index + 2;
    if (record.every((c) => c.trim() === '')) continue;
    const at = readTimestamp(cell(record, col.at), options.timeZone, dateOrder);
    if (typeof at !== 'number') problems.push({ line, column: atName, ...at });
    const rawValue = cell(record, col.value);
    const value = parseLocaleNumber(rawValue, decimal);
    let valueProblem: CsvIssue | undefined;
    if (rawValue.trim() === '') valueProblem = issue('empty', 'is empty');
    else if (!Number.isFinite(value))
      valueProblem = issue(
        'not_a_number',
        `"${rawValue.trim()}" is not a number (decimal separator "${decimal}")`,
        { value: rawValue.trim(), decimal },
      );
    else valueProblem = valueRangeIssue(value, options);
    if (valueProblem) problems.push({ line, column: valueName, ...valueProblem });
    const note = cell(record, col.note).trim();
    if (note.length > 1000)
      problems.push({
        line,
        column: columns[col.note] ?? 'note',
        ...issue('too_long', 'is longer than 1000 characters', { max: 1000 }),
      });
    const source = cell(record, col.source).trim() || options.defaultSource;
    if (source.length > 100)
      problems.push({
        line,
        column: columns[col.source] ?? 'source',
        ...issue('too_long', 'is longer than 100 characters', { max: 100 }),
      });
    if (typeof at === 'number' && !valueProblem) {
      const key = `${at}|${source}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          line,
          column: atName,
          ...issue('duplicate', `the same time and source as line ${earlier}`, {
            firstLine: earlier,
          }),
        });
        continue;
      }
      seen.set(key, line);
      rows.push({ line, at, value, note: note || null, source });
    }
  }
  return { rows, problems, detected: { ...detected, decimal, dateOrder } };
}

type ValueRules = {
  valueType: ValueType;
  minValue: number | null;
  maxValue: number | null;
};

/** Why a value is not acceptable for the metric, or undefined. Shared by all ways in. */
export function valueRangeProblem(value: number, m: ValueRules): string | undefined {
  return valueRangeIssue(value, m)?.reason;
}

/** Like valueRangeProblem, with a stable code and parameters for translation. */
/** Larger magnitudes would let sums of a period overflow to Infinity. */
export const MAX_MAGNITUDE = 1e15;

export function valueRangeIssue(value: number, m: ValueRules): CsvIssue | undefined {
  if (!Number.isFinite(value)) return issue('not_finite', 'must be a finite number');
  if (Math.abs(value) > MAX_MAGNITUDE)
    return issue('too_large', `${value} is too large (at most ±1e15)`, {
      value,
      limit: MAX_MAGNITUDE,
    });
  if (m.valueType === 'integer' && !Number.isInteger(value))
    return issue('not_integer', `${value} is not a whole number`, { value });
  if (m.minValue !== null && value < m.minValue)
    return issue('below_min', `${value} is below the minimum ${m.minValue}`, {
      value,
      limit: m.minValue,
    });
  if (m.maxValue !== null && value > m.maxValue)
    return issue('above_max', `${value} is above the maximum ${m.maxValue}`, {
      value,
      limit: m.maxValue,
    });
  return undefined;
}

/** A CSV cell safe to open in Excel: formulas are neutralised (OWASP CSV injection). */
export function csvCell(value: string | number | null, delimiter: Delimiter = ','): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}
