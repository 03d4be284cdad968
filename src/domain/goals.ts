/**
 * Goals: the quality gate before signing, the plan from baseline to target, whether a goal
 * is on track, and a forecast from the recent trend. Pure: dates are ISO days (YYYY-MM-DD)
 * passed in, never read from a clock.
 */
import type { Side } from './sides.js';

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** draft → proposed → agreed → achieved | missed | dropped */
export const GOAL_STATUSES = [
  'draft',
  'proposed',
  'agreed',
  'achieved',
  'missed',
  'dropped',
] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** The owners' decision on a goal that will not be achieved. */
export const GOAL_OUTCOMES = ['missed', 'dropped'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

/** A goal's people per side and the initiative's owners, as stored. */
export interface GoalPeople {
  business_responsible_id: string | null;
  it_responsible_id: string | null;
  business_owner_id: string;
  it_owner_id: string;
}

/**
 * Who answers for a goal on a side: its responsible person there, else the initiative's
 * owner of that side (signatures awaited, reminders when it falls behind).
 */
export const answersForGoal = (g: GoalPeople, side: Side): string =>
  side === 'business'
    ? (g.business_responsible_id ?? g.business_owner_id)
    : (g.it_responsible_id ?? g.it_owner_id);

export interface GoalFacts {
  metricId: string | null;
  /** The metric's direction, when a metric is chosen and found on this initiative. */
  direction: Direction | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  dueDate: string | null;
  businessResponsibleId: string | null;
  itResponsibleId: string | null;
}

/** Why a goal is not measurable yet. */
export const GATE_PROBLEMS = [
  'missing',
  'wrong_direction',
  'not_future',
  'before_baseline',
] as const;

/** The fields the quality gate checks, in the order a form shows them. */
export const GATE_FIELDS = [
  'metricId',
  'baselineValue',
  'baselineDate',
  'targetValue',
  'dueDate',
  'businessResponsibleId',
  'itResponsibleId',
] as const;
export type GateField = (typeof GATE_FIELDS)[number];

export interface GateProblem {
  field: GateField;
  code: (typeof GATE_PROBLEMS)[number];
  message: string;
}

/** What keeps a goal from being measurable; empty when it may be proposed. */
export function qualityGate(g: GoalFacts, today: string): GateProblem[] {
  const problems: GateProblem[] = [];
  if (!g.metricId || !g.direction)
    problems.push({
      field: 'metricId',
      code: 'missing',
      message: 'Choose the metric the goal is measured by',
    });
  if (g.baselineValue === null)
    problems.push({
      field: 'baselineValue',
      code: 'missing',
      message: 'Enter the baseline: where do we stand today?',
    });
  if (!g.baselineDate)
    problems.push({
      field: 'baselineDate',
      code: 'missing',
      message: 'Enter the date of the baseline',
    });
  if (g.targetValue === null)
    problems.push({ field: 'targetValue', code: 'missing', message: 'Enter the target value' });
  else if (g.baselineValue !== null && g.direction) {
    const better =
      g.direction === 'higher_is_better'
        ? g.targetValue > g.baselineValue
        : g.targetValue < g.baselineValue;
    if (!better) {
      problems.push({
        field: 'targetValue',
        code: 'wrong_direction',
        message:
          g.direction === 'higher_is_better'
            ? 'The target must be above the baseline (higher is better for this metric)'
            : 'The target must be below the baseline (lower is better for this metric)',
      });
    }
  }
  if (!g.dueDate)
    problems.push({ field: 'dueDate', code: 'missing', message: 'Enter the due date' });
  else if (g.dueDate <= today)
    problems.push({
      field: 'dueDate',
      code: 'not_future',
      message: 'The due date must be in the future',
    });
  else if (g.baselineDate && g.dueDate <= g.baselineDate)
    problems.push({
      field: 'dueDate',
      code: 'before_baseline',
      message: 'The due date must be after the baseline date',
    });
  if (!g.businessResponsibleId)
    problems.push({
      field: 'businessResponsibleId',
      code: 'missing',
      message: 'Name the responsible person on the business side',
    });
  if (!g.itResponsibleId)
    problems.push({
      field: 'itResponsibleId',
      code: 'missing',
      message: 'Name the responsible person in IT',
    });
  return problems;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The plan value on `day`: the straight line from baseline to target, flat outside. */
export function planValue(
  baselineValue: number,
  baselineDate: string,
  targetValue: number,
  dueDate: string,
  day: string,
): number {
  const span = dayNumber(dueDate) - dayNumber(baselineDate);
  if (span <= 0) return targetValue;
  const f = Math.min(1, Math.max(0, (dayNumber(day) - dayNumber(baselineDate)) / span));
  return baselineValue + (targetValue - baselineValue) * f;
}

export const PROGRESS_STATES = ['no_data', 'achieved', 'ahead', 'on_track', 'behind'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export interface ProgressInput {
  direction: Direction;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  dueDate: string;
  /** The current value of the metric, or null without data. */
  current: number | null;
}

/** Share of the way from baseline to target, 0..1 (and beyond 1 when exceeded). */
export function completion(
  p: Pick<ProgressInput, 'baselineValue' | 'targetValue'>,
  value: number,
): number {
  const distance = p.targetValue - p.baselineValue;
  return distance === 0 ? 1 : (value - p.baselineValue) / distance;
}

/** Tolerance around the plan: 5 % of the way from baseline to target. */
export const ON_TRACK_TOLERANCE = 0.05;

/** Where the goal stands today against its plan. */
export function progressState(p: ProgressInput, today: string): ProgressState {
  if (p.current === null) return 'no_data';
  const done = completion(p, p.current);
  if (done >= 1) return 'achieved';
  const planned = completion(
    p,
    planValue(p.baselineValue, p.baselineDate, p.targetValue, p.dueDate, today),
  );
  if (done > planned + ON_TRACK_TOLERANCE) return 'ahead';
  if (done < planned - ON_TRACK_TOLERANCE) return 'behind';
  return 'on_track';
}

export interface TrendPoint {
  /** Period start, YYYY-MM-DD. */
  day: string;
  value: number;
}

export interface Forecast {
  /** Expected value on the due date if the recent trend continues, within what the metric can take. */
  valueAtDue: number;
  meetsTarget: boolean;
  /** The points the trend was fitted to. */
  basedOn: number;
  /** The trend led beyond what the metric can take (e.g. below 0); valueAtDue is the limit. */
  clamped: boolean;
}

/** The values a metric's period value can take: null is open. */
export interface ValueBounds {
  min: number | null;
  max: number | null;
}

/**
 * What a period's value can take, from the metric's aggregation and value range: a count never
 * goes below 0; a sum of values that are never negative neither (nor above 0 for values never
 * positive); an average or last value stays within the values' own range.
 */
export function periodValueBounds(
  aggregation: 'sum' | 'average' | 'last' | 'count',
  minValue: number | null,
  maxValue: number | null,
): ValueBounds {
  if (aggregation === 'count') return { min: 0, max: null };
  if (aggregation === 'sum')
    return {
      min: minValue !== null && minValue >= 0 ? 0 : null,
      max: maxValue !== null && maxValue <= 0 ? 0 : null,
    };
  return { min: minValue, max: maxValue };
}

/** How many of the most recent points a goal's forecast is drawn through. */
export const FORECAST_WINDOW = 8;

/**
 * A least-squares line through the most recent points (at most `window`), extended to the
 * due date. Needs at least three points; null otherwise.
 */
export function forecast(
  points: readonly TrendPoint[],
  p: Pick<ProgressInput, 'direction' | 'targetValue' | 'dueDate'>,
  bounds: ValueBounds = { min: null, max: null },
  window = FORECAST_WINDOW,
): Forecast | null {
  const recent = [...points].sort((a, b) => a.day.localeCompare(b.day)).slice(-window);
  if (recent.length < 3) return null;
  const xs = recent.map((r) => dayNumber(r.day));
  const ys = recent.map((r) => r.value);
  const n = recent.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    den += ((xs[i] ?? 0) - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  const trend = my + slope * (dayNumber(p.dueDate) - mx);
  const valueAtDue = Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, trend));
  const meetsTarget =
    p.direction === 'higher_is_better' ? valueAtDue >= p.targetValue : valueAtDue <= p.targetValue;
  return { valueAtDue, meetsTarget, basedOn: n, clamped: valueAtDue !== trend };
}
