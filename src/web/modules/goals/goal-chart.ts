import type { ChartReferenceLineProps } from '@mantine/charts';
import type { Period } from '../../../contracts/metrics.js';
import { nextPeriodStart, periodStart } from '../../../domain/periods.js';
import type { ChartOverlay } from '../metrics/MetricChart.js';

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const isoDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface GoalChartInput {
  points: readonly { start: string; value: number }[];
  period: Period;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  dueDate: string | null;
  /** The server's forecast for the due date, or null without a trend. */
  forecast: { valueAtDue: number } | null;
  /**
   * The start of the period still running (see currentPeriodStart): its value so far is no
   * trend, so the forecast starts at the last complete period.
   */
  runningFrom?: string;
  labels: { baseline: string; target: string; due: string; plan: string; forecast: string };
}

/** Lines of the goal over the metric: plan and forecast keys in the chart rows. */
export const PLAN_KEY = 'goalPlan';
export const FORECAST_KEY = 'goalForecast';

/** The first period start the chart shows: a few periods before the baseline, for context. */
export function chartStart(baselineDate: string, period: Period): string {
  const start = periodStart(baselineDate, period);
  if (period === 'month') {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const months = y * 12 + (m - 1) - 6;
    return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}-01`;
  }
  return isoDay(dayNumber(start) - (period === 'week' ? 8 * 7 : 21));
}

/**
 * The goal drawn over its metric: baseline and target as horizontal lines, the due date as a
 * vertical one, the plan as a straight line from the baseline's period to the due date's,
 * and the forecast from the latest complete period's value to where the trend leads on the due
 * date. Each period row
 * stands for its period: the baseline's period carries the baseline, the due date's the
 * target (and the forecast for the due date); rows between lie on the straight line.
 */
export function goalOverlay(input: GoalChartInput): ChartOverlay {
  const { baselineValue: b, baselineDate: bd, targetValue: tv, dueDate: dd, period } = input;
  const referenceLines: ChartReferenceLineProps[] = [];
  // Each label sits on the outer side of its line, so baseline and target never collide;
  // the baseline's on the right (values start near it), the target's on the left.
  const targetAbove = b === null || tv === null || tv >= b;
  if (b !== null) {
    referenceLines.push({
      y: b,
      label: input.labels.baseline,
      color: 'gray.6',
      strokeDasharray: '2 4',
      ifOverflow: 'extendDomain',
      labelPosition: targetAbove ? 'insideTopRight' : 'insideBottomRight',
    });
  }
  if (tv !== null) {
    referenceLines.push({
      y: tv,
      label: input.labels.target,
      color: 'violet.6',
      strokeDasharray: '2 4',
      ifOverflow: 'extendDomain',
      labelPosition: targetAbove ? 'insideBottomLeft' : 'insideTopLeft',
    });
  }
  if (b === null || bd === null || tv === null || dd === null || dd <= bd) {
    return { rows: [], lines: [], referenceLines };
  }

  const first = periodStart(bd, period);
  const last = periodStart(dd, period);
  const starts: string[] = [];
  for (let s = first; s <= last && starts.length < 2000; s = nextPeriodStart(s, period)) {
    starts.push(s);
  }
  const rows = new Map<string, Record<string, number>>();
  const put = (start: string, key: string, value: number) =>
    rows.set(start, { ...rows.get(start), [key]: value });
  // Straight lines over evenly spaced periods: values step evenly from row to row.
  const along = (from: number, to: number, i: number, n: number) =>
    n <= 1 ? to : from + ((to - from) * i) / (n - 1);
  starts.forEach((s, i) => put(s, PLAN_KEY, along(b, tv, i, starts.length)));
  referenceLines.push({
    x: last,
    label: input.labels.due,
    color: 'violet.6',
    strokeDasharray: '2 4',
    // Away from the baseline's label: at the top when the target lies above, else at the bottom.
    labelPosition: targetAbove ? 'insideTopRight' : 'insideBottomRight',
  });

  const lines: ChartOverlay['lines'] = [
    { key: PLAN_KEY, label: input.labels.plan, color: 'gray.6', dashed: true },
  ];
  // The forecast runs from the latest complete period's value to where the trend leads on the
  // due date; a period still running holds only part of its value.
  const running = input.runningFrom;
  const lastPoint = input.points
    .filter((p) => p.start >= first && (running === undefined || p.start < running))
    .at(-1);
  if (input.forecast && lastPoint && lastPoint.start < last) {
    const ahead = starts.filter((x) => x >= lastPoint.start);
    ahead.forEach((s, i) =>
      put(
        s,
        FORECAST_KEY,
        along(lastPoint.value, input.forecast?.valueAtDue ?? 0, i, ahead.length),
      ),
    );
    lines.push({
      key: FORECAST_KEY,
      label: input.labels.forecast,
      color: 'violet.6',
      dashed: true,
    });
  }
  return {
    rows: [...rows.entries()].map(([start, values]) => ({ start, values })),
    lines,
    referenceLines,
  };
}
