import type { Language } from '../../../contracts/common.js';
import {
  DEFINITION_FIELDS,
  type DefinitionField,
  type MetricDefinition,
  type Period,
} from '../../../contracts/metrics.js';

export interface DefinitionChange {
  field: DefinitionField;
  from: MetricDefinition[DefinitionField];
  to: MetricDefinition[DefinitionField];
}

/** What changed from one signed version to the next, field by field (none for version 1). */
export function definitionDiff(
  previous: MetricDefinition | undefined,
  next: MetricDefinition,
): DefinitionChange[] {
  if (!previous) return [];
  return DEFINITION_FIELDS.filter((f) => previous[f] !== next[f]).map((field) => ({
    field,
    from: previous[field],
    to: next[field],
  }));
}

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
const DAY_MS = 86_400_000;

/** A period start (YYYY-MM-DD) as a UTC date, so formatting never shifts it by a zone. */
const utcDate = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** ISO 8601 week number and its year (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(day: string): { year: number; week: number } {
  const date = utcDate(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * DAY_MS;
  return { year, week: Math.floor((thursday.getTime() - week1Monday) / (7 * DAY_MS)) + 1 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language], { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A short x-axis label for a period start: `23.11.` / `23 Nov` for days, `KW 47` / `W47`
 * for weeks, `Nov. 26` / `Nov 26` for months. `withYear` adds the year to days and weeks
 * (`23.11.2026`, `KW 47/2026`); months always carry it.
 */
export function periodTick(
  start: string,
  period: Period,
  language: Language,
  withYear = false,
): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) return start;
  const date = utcDate(start);
  switch (period) {
    case 'day': {
      const year = withYear ? { year: 'numeric' as const } : {};
      return language === 'de'
        ? dateFormat('de', { day: '2-digit', month: '2-digit', ...year }).format(date)
        : dateFormat('en', { day: 'numeric', month: 'short', ...year }).format(date);
    }
    case 'week': {
      const { week, year } = isoWeek(start);
      const label = language === 'de' ? `KW ${week}` : `W${week}`;
      return withYear ? `${label}/${year}` : label;
    }
    case 'month':
      return dateFormat(language, { month: 'short', year: '2-digit' }).format(date);
  }
}

/** The year a period belongs to: the ISO week-year for weeks, else the calendar year. */
function periodYear(start: string, period: Period): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) return null;
  return period === 'week' ? isoWeek(start).year : Number(start.slice(0, 4));
}

/**
 * An x-axis tick formatter that writes the year on the first tick and wherever the year
 * changes (`KW 48/2025 … KW 52, KW 1/2026 …`). Axis ticks are formatted in order, index 0
 * first, so the formatter remembers the year of the tick before.
 */
export function yearAwareTicks(
  period: Period,
  language: Language,
): (start: string, index: number) => string {
  let previous: number | null = null;
  return (start, index) => {
    const year = periodYear(start, period);
    const withYear = index === 0 || previous === null || year !== previous;
    previous = year;
    return periodTick(start, period, language, withYear);
  };
}

/**
 * The whole period in words for the tooltip and the table: `Mo., 23.11.2026`,
 * `KW 47 · 16.11.–22.11.2026`, `November 2026` (and the English equivalents).
 */
export function periodLabel(start: string, period: Period, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) return start;
  const date = utcDate(start);
  switch (period) {
    case 'day':
      return dateFormat(language, {
        weekday: 'short',
        day: language === 'de' ? '2-digit' : 'numeric',
        month: language === 'de' ? '2-digit' : 'short',
        year: 'numeric',
      }).format(date);
    case 'week': {
      const { week, year } = isoWeek(start);
      const end = new Date(date.getTime() + 6 * DAY_MS);
      const range = dateFormat(language, {
        day: language === 'de' ? '2-digit' : 'numeric',
        month: language === 'de' ? '2-digit' : 'short',
        year: 'numeric',
      }).formatRange(date, end);
      return language === 'de' ? `KW ${week}/${year} · ${range}` : `Week ${week}, ${range}`;
    }
    case 'month':
      return dateFormat(language, { month: 'long', year: 'numeric' }).format(date);
  }
}

/** `+01:00` for 60 minutes east of UTC, `-05:30` for 330 minutes west. */
export function formatOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A `datetime-local` value (`2026-11-27T14:00`), read as the browser's local time, as an
 * ISO timestamp with the browser's offset for that instant (`2026-11-27T14:00:00+01:00`).
 * Null when it is not a valid time or does not exist locally (skipped at the change to
 * summer time).
 */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  if (
    date.getFullYear() !== year ||
    date.getMonth() !== month - 1 ||
    date.getDate() !== day ||
    date.getHours() !== hour ||
    date.getMinutes() !== minute
  ) {
    return null;
  }
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(
    -date.getTimezoneOffset(),
  )}`;
}

/** An instant as a `datetime-local` value in the browser's time zone (minutes precision). */
export function toLocalInput(instant: Date | string): string {
  const d = instant instanceof Date ? instant : new Date(instant);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}`;
}

/** Where a value came from, as stored: `manual`, `csv`, `api:<token name>` or a CSV's own. */
export type SourceKind =
  | { kind: 'manual' }
  | { kind: 'csv' }
  | { kind: 'api'; name: string }
  | { kind: 'other'; name: string };

export function parseSource(source: string): SourceKind {
  if (source === 'manual') return { kind: 'manual' };
  if (source === 'csv') return { kind: 'csv' };
  if (source.startsWith('api:')) return { kind: 'api', name: source.slice(4) };
  return { kind: 'other', name: source };
}

/** Why a value is not acceptable for a definition, as a key for the message; undefined when fine. */
export function valueProblem(
  value: number,
  d: Pick<MetricDefinition, 'valueType' | 'minValue' | 'maxValue'>,
): 'whole' | 'below' | 'above' | undefined {
  if (d.valueType === 'integer' && !Number.isInteger(value)) return 'whole';
  if (d.minValue !== null && value < d.minValue) return 'below';
  if (d.maxValue !== null && value > d.maxValue) return 'above';
  return undefined;
}

/** A point of the chart: null where a period has no values. */
export interface ChartPoint {
  start: string;
  value: number | null;
  count: number;
  sources: string[];
}

function nextStart(start: string, period: Period): string {
  const d = utcDate(start);
  if (period === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (period === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Every period from the first point to the last, empty ones with value null, so the x-axis
 * is to scale (weekends and quiet weeks take their place instead of vanishing). Points are
 * in time order; more than `max` periods are left as they are.
 */
export function fillPeriods(
  points: readonly { start: string; value: number; count: number; sources: string[] }[],
  period: Period,
  max = 4000,
): ChartPoint[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const byStart = new Map(points.map((p) => [p.start, p]));
  const out: ChartPoint[] = [];
  for (let s = first.start; s <= last.start; s = nextStart(s, period)) {
    if (out.length >= max) return points.map((p) => ({ ...p }));
    const p = byStart.get(s);
    out.push(p ? { ...p } : { start: s, value: null, count: 0, sources: [] });
  }
  return out;
}
