import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { inMeasurementWindow, MEASUREMENT_WINDOW_MESSAGE } from './measurement-time.js';
import { CONTROL_CHARACTER } from './text.js';
import {
  type CsvIssue,
  DATE_ORDERS,
  type DateOrder,
  type DecimalSeparator,
  type Delimiter,
  detectDateOrder,
  detectDecimal,
  issue,
  parseLocaleNumber,
  readTimestamp,
  type ValueType,
  valueRangeIssue,
} from './csv-cells.js';

/**
 * Reads measurements from CSV files as people make them: Excel in German settings
 * (semicolons, decimal commas, 27.11.2026, Windows-1252) and English settings (commas,
 * decimal points, 11/27/2026), UTF-8 with or without byte-order mark, UTF-16 "Unicode
 * text", quoted cells with line breaks. Every problem is reported with its line and
 * column before anything is written.
 */
export const CSV_LIMITS = { bytes: 5 * 1024 * 1024, rows: 50_000 } as const;

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
  /**
   * Columns chosen by header name (null: none; absent: detect). A chosen name the file does
   * not have is a problem of the file.
   */
  columns?: ColumnChoice | undefined;
  /** The choice of the last import: used when the file has all of its columns. */
  remembered?: ColumnChoice | undefined;
}

export const CSV_FIELDS = ['at', 'value', 'note', 'source'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type ColumnChoice = Partial<Record<CsvField, string | null>>;

export interface CsvRow {
  line: number;
  at: number;
  value: number;
  note: string | null;
  source: string;
}

export interface CsvProblem extends CsvIssue {
  /** Row number as Excel shows it: the header is row 1. */
  line: number;
  column: string;
}

export interface CsvResult {
  rows: CsvRow[];
  problems: CsvProblem[];
  detected: {
    encoding: string;
    delimiter: Delimiter;
    decimal: DecimalSeparator;
    dateOrder: DateOrder;
    columns: string[];
    /** The header of the column each field is read from; null: none. */
    mapping: Record<CsvField, string | null>;
    /** Chosen by the person (or the caller), remembered from the last import, or detected. */
    mappingFrom: 'chosen' | 'remembered' | 'detected';
    /** Columns that look like times and like numbers, in file order: what may be chosen. */
    candidates: { at: string[]; value: string[] };
    /** The time or value column was guessed among several: the person should confirm it. */
    needsChoice: boolean;
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
    // Not Node's TextDecoder: it maps 0x80–0x9F (€ – „ “ …) to control characters on the Node
    // versions we support. iconv-lite follows the Windows-1252 table; the five bytes the table
    // leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD, visible as "�".
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
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

/** How many sample cells must read as a time or a number for a column to look like one. */
const LOOKS_LIKE = 0.8;

function looksLike(cells: string[], test: (cell: string) => boolean): boolean {
  const sample = cells
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .slice(0, 50);
  return sample.length > 0 && sample.filter(test).length >= LOOKS_LIKE * sample.length;
}

/**
 * Which column holds what: the caller's choice; else the last import's choice when the file
 * has all its columns; else known header names (Datum, Wert, Notiz, Quelle …); else the first
 * column that reads as times and the first other column that reads as numbers. A guess among
 * several candidates is flagged, so a person confirms it before anything is written.
 */
function resolveColumns(columns: string[], data: string[][], options: CsvOptions) {
  const indexOf = (name: string) =>
    columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase());
  const cells = (i: number) => data.map((r) => r[i] ?? '');
  const at = columns.flatMap((_, i) =>
    looksLike(cells(i), (c) =>
      DATE_ORDERS.some((order) => typeof readTimestamp(c, options.timeZone, order) === 'number'),
    )
      ? [i]
      : [],
  );
  const numeric = (i: number) => {
    const column = cells(i);
    const decimal = detectDecimal(column, ';');
    return looksLike(column, (c) => Number.isFinite(parseLocaleNumber(c, decimal)));
  };
  const value = columns.flatMap((_, i) => (!at.includes(i) && numeric(i) ? [i] : []));
  const candidates = {
    at: at.map((i) => columns[i] ?? ''),
    value: value.map((i) => columns[i] ?? ''),
  };

  const fits = (choice: ColumnChoice | undefined) =>
    choice !== undefined &&
    CSV_FIELDS.every((f) => typeof choice[f] !== 'string' || indexOf(choice[f]) >= 0);
  const from: CsvResult['detected']['mappingFrom'] = options.columns
    ? 'chosen'
    : fits(options.remembered)
      ? 'remembered'
      : 'detected';
  const choice = options.columns ?? (from === 'remembered' ? options.remembered : undefined) ?? {};
  const find = (names: readonly string[]) =>
    columns.findIndex((c) => names.includes(c.toLowerCase()));
  let needsChoice = false;
  const pick = (field: CsvField, fallback: () => number): number => {
    const chosen = choice[field];
    if (chosen === null) return -1;
    if (typeof chosen === 'string') return indexOf(chosen);
    return fallback();
  };
  const guess = (list: number[], exclude: number) => {
    const options = list.filter((i) => i !== exclude);
    if (options.length > 1) needsChoice = true;
    return options[0] ?? -1;
  };
  const atIndex = pick('at', () => {
    const named = find(HEADERS.at);
    return named >= 0 ? named : guess(at, -1);
  });
  const valueIndex = pick('value', () => {
    const named = find(HEADERS.value);
    return named >= 0 && named !== atIndex ? named : guess(value, atIndex);
  });
  const index = {
    at: atIndex,
    value: valueIndex,
    note: pick('note', () => find(HEADERS.note)),
    source: pick('source', () => find(HEADERS.source)),
  };
  const name = (i: number) => (i >= 0 ? (columns[i] ?? null) : null);
  return {
    index,
    mapping: {
      at: name(index.at),
      value: name(index.value),
      note: name(index.note),
      source: name(index.source),
    },
    from,
    candidates,
    needsChoice,
  };
}

export function parseMeasurementsCsv(bytes: Uint8Array, options: CsvOptions): CsvResult {
  const { text, encoding } = decodeCsv(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const empty: CsvResult = {
    rows: [],
    problems: [],
    detected: {
      encoding,
      delimiter,
      decimal: '.',
      dateOrder: 'mdy',
      columns: [],
      mapping: { at: null, value: null, note: null, source: null },
      mappingFrom: 'detected',
      candidates: { at: [], value: [] },
      needsChoice: false,
    },
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
  const resolved = resolveColumns(columns, data, options);
  const col = resolved.index;
  const detected: CsvResult['detected'] = {
    ...empty.detected,
    columns,
    mapping: resolved.mapping,
    mappingFrom: resolved.from,
    candidates: resolved.candidates,
    needsChoice: resolved.needsChoice,
  };
  /** A problem of the file as a whole: reported on its first line, and nothing is read. */
  const wholeFile = (problem: CsvIssue): CsvResult => ({
    ...empty,
    detected,
    problems: [{ line: 1, column: '', ...problem }],
  });
  if (col.at < 0 || col.value < 0) {
    const missing = [
      col.at < 0 ? 'a time column (e.g. Datum)' : '',
      col.value < 0 ? 'a column of numbers (e.g. Wert)' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    /** The missing columns as ids, comma-separated: "timestamp", "value" or both. */
    const ids = [col.at < 0 ? 'timestamp' : '', col.value < 0 ? 'value' : '']
      .filter(Boolean)
      .join(',');
    return wholeFile(
      issue(
        'missing_columns',
        `the file needs ${missing}; choose the columns or name them in the first line`,
        { columns: ids },
      ),
    );
  }
  if (data.length > CSV_LIMITS.rows) {
    return wholeFile(
      issue(
        'too_many_rows',
        `the file has ${data.length} rows; at most ${CSV_LIMITS.rows} per import`,
        { rows: data.length, max: CSV_LIMITS.rows },
      ),
    );
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
    else if (!inMeasurementWindow(at))
      problems.push({
        line,
        column: atName,
        ...issue('out_of_window', MEASUREMENT_WINDOW_MESSAGE),
      });
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
    for (const [name, text] of [
      [columns[col.note] ?? 'note', note],
      [columns[col.source] ?? 'source', source],
    ] as const)
      if (CONTROL_CHARACTER.test(text))
        problems.push({
          line,
          column: name,
          ...issue('control_character', 'contains control characters'),
        });
    if (typeof at === 'number' && inMeasurementWindow(at) && !valueProblem) {
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
