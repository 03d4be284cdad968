/**
 * One cell of a measurements CSV file, read as people write it (numbers with decimal commas
 * or points, dates in German, English or ISO form, local times in the metric's time zone)
 * and written safely for Excel; and whether a value is acceptable for a metric. Pure.
 */
import { isValidWallTime, type WallTime, zonedTimeToUtc } from './time-zones.js';

export type Delimiter = ';' | ',' | '\t';
export const DECIMAL_SEPARATORS = [',', '.'] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
/** Whether a metric takes any number or whole numbers only. */
export const VALUE_TYPES = ['decimal', 'integer'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

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
  | 'duplicate'
  | 'out_of_window'
  | 'control_character';

export type CsvProblemParams = Record<string, string | number>;

/** What is wrong, as a stable code with parameters and as an English sentence. */
export interface CsvIssue {
  code: CsvProblemCode;
  params: CsvProblemParams;
  /** English; shown by the API and the CLI. */
  reason: string;
}

export const issue = (
  code: CsvProblemCode,
  reason: string,
  params: CsvProblemParams = {},
): CsvIssue => ({
  code,
  params,
  reason,
});

const germanNumber = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
const englishNumber = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

export function detectDecimal(values: string[], delimiter: Delimiter): DecimalSeparator {
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
  // Every pattern captures the time of day in groups 4–6.
  const wall = (m: RegExpExecArray, year: number, month: number, day: number): WallTime => ({
    year,
    month,
    day,
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  });
  let t: WallTime | undefined;
  let m = isoLocal.exec(s);
  if (m) t = wall(m, Number(m[1]), Number(m[2]), Number(m[3]));
  m = t ? null : dotted.exec(s);
  if (m) t = wall(m, fullYear(m[3] ?? ''), Number(m[2]), Number(m[1]));
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
    t = { ...wall(m, fullYear(m[3] ?? ''), month, day), hour };
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

/**
 * The order of day and month the file writes: German dates (27.11.2026) are day first;
 * slashed dates tell by a day above 12 (27/11/2026 or 11/27/2026). Files of only ambiguous
 * slashed dates or ISO dates report month first, the order a slashed date is read in then.
 */
export function detectDateOrder(values: string[]): DateOrder {
  let dotted = false;
  for (const v of values) {
    const s = v.trim();
    const m = /^(\d{1,2})\/(\d{1,2})\//.exec(s);
    if (m && Number(m[1]) > 12) return 'dmy';
    if (m && Number(m[2]) > 12) return 'mdy';
    if (/^\d{1,2}\.\d{1,2}\.\d{2,4}\b/.test(s)) dotted = true;
  }
  return dotted ? 'dmy' : 'mdy';
}

export type ValueRules = {
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
