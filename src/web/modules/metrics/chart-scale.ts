import type { MetricDefinition, Period } from '../../../contracts/metrics.js';
import { localDay, periodStart } from '../../../domain/periods.js';

/**
 * The first day of the period that is still running in the metric's time zone: its value
 * holds only the days so far (a week with one day of data), so the chart marks it as in
 * progress instead of drawing a cliff.
 */
export function currentPeriodStart(period: Period, timeZone: string, now: Date): string {
  return periodStart(localDay(now.getTime(), timeZone), period);
}

/** A value axis: its range and, for a small scale of whole steps, each step as a tick. */
export interface ValueAxis {
  domain: [number | 'auto', number | 'auto'];
  ticks?: number[];
}

/** At most this many steps between the bounds make a scale (1–5, 0–10) drawn whole. */
const SCALE_STEPS = 10;

/**
 * The y-axis a metric's values are drawn on. A metric bounded on both sides by a short
 * scale (a 1–5 score) is drawn on exactly that scale, each step a tick: a 1–5 score never
 * starts at 0. Otherwise the axis starts at the metric's lowest allowed value when that is
 * above zero, else at zero; `zoom` (a goal's chart) lets the axis follow the values instead.
 */
export function valueAxis(
  d: Pick<MetricDefinition, 'minValue' | 'maxValue'>,
  { zoom = false }: { zoom?: boolean } = {},
): ValueAxis {
  const { minValue: min, maxValue: max } = d;
  if (min !== null && max !== null && max > min && max - min <= SCALE_STEPS) {
    const whole = Number.isInteger(min) && Number.isInteger(max);
    return {
      domain: [min, max],
      ...(whole ? { ticks: Array.from({ length: max - min + 1 }, (_, i) => min + i) } : {}),
    };
  }
  if (zoom) return { domain: ['auto', 'auto'] };
  return { domain: [min !== null && min > 0 ? min : 0, 'auto'] };
}

/** A chart row as MetricChart draws it: the period's measured value, split where in progress. */
export interface ProgressRow {
  start: string;
  value: number | null;
  /** The running period's value so far, drawn as a lone hollow dot. */
  partial?: number;
  /** The period has not ended yet. */
  inProgress?: true;
}

/**
 * Moves the value of periods from `runningFrom` on (the period still running) out of the solid
 * line into `partial`. It is drawn as a hollow dot without a line to it: a week with one day of
 * data is not a fall, and the line stops at the last complete period.
 */
export function markInProgress<T extends { start: string; value: number | null }>(
  rows: readonly T[],
  runningFrom: string | undefined,
): (T & ProgressRow)[] {
  return rows.map((r) => {
    if (runningFrom === undefined || r.start < runningFrom) return { ...r };
    return typeof r.value === 'number'
      ? { ...r, value: null, partial: r.value, inProgress: true as const }
      : { ...r, inProgress: true as const };
  });
}
