import type { TFunction } from 'i18next';
import type { Direction } from '../../../contracts/metrics.js';
import type { Goal, GoalTerms } from '../../../contracts/goals.js';
import { formatDay, type Formatters } from '../../i18n/format.js';
import { periodTick } from '../metrics/metric-format.js';
import { formatMetricValue } from '../metrics/MetricValue.js';
import { isOneOf } from '../../lib/one-of.js';
import { GATE_FIELDS, type GateField } from '../../../domain/goals.js';

/** A value with its unit, locale digits: `1.234,5 min`. */
export const formatValue = (fmt: Formatters, value: number, unit: string | undefined): string =>
  formatMetricValue(fmt, value, unit ?? '');

/**
 * A computed value (plan, forecast) with its unit. The goal does not carry the metric's value
 * type, so a metric whose known values (baseline, target, current) are all whole numbers counts
 * as an integer metric and its estimates are rounded to whole numbers ("7 Leads", not "6,67
 * Leads"); otherwise at most one decimal from 10 up and two below.
 */
export function formatEstimate(
  fmt: Formatters,
  value: number,
  g: Pick<Goal, 'metric' | 'baselineValue' | 'targetValue' | 'progress'>,
): string {
  const known = [g.baselineValue, g.targetValue, g.progress.current?.value ?? null].filter(
    (v): v is number => v !== null,
  );
  const whole = known.length > 0 && known.every((v) => Number.isInteger(v));
  const digits = whole ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const n = fmt.number(value, { maximumFractionDigits: digits });
  const unit = g.metric?.unit ?? '';
  return unit ? `${n}\u00a0${unit}` : n;
}

// ---------------------------------------------------------------------------------------------
// Version history: what changed from one signed version to the next.

/** The signed terms, in the order a person reads them. */
export const TERM_FIELDS = [
  'metricId',
  'baselineValue',
  'baselineDate',
  'targetValue',
  'dueDate',
] as const satisfies readonly (keyof GoalTerms)[];
export type TermField = (typeof TERM_FIELDS)[number];

export interface TermChange {
  field: TermField;
  from: GoalTerms[TermField];
  to: GoalTerms[TermField];
}

/** The fields that differ between two versions (none for the first version). */
export function termsDiff(previous: GoalTerms | undefined, next: GoalTerms): TermChange[] {
  if (!previous) return [];
  return TERM_FIELDS.filter((f) => previous[f] !== next[f]).map((field) => ({
    field,
    from: previous[field],
    to: next[field],
  }));
}

/** Looks up a metric's name and unit by id (a version may name a metric the goal no longer uses). */
export type MetricLookup = (id: string | null) => { name: string; unit: string } | undefined;

export interface TermText {
  field: TermField;
  label: string;
  from: string;
  to: string;
}

/** One term's value in words: the metric's name, a value with its unit, a date. */
export function termValue(
  field: TermField,
  value: GoalTerms[TermField],
  metricId: string | null,
  ctx: { t: TFunction; fmt: Formatters; metric: MetricLookup },
): string {
  if (value === null) return ctx.t('goals.history.emptyValue');
  switch (field) {
    case 'metricId':
      return ctx.metric(String(value))?.name ?? ctx.t('goals.history.unknownMetric');
    case 'baselineValue':
    case 'targetValue':
      return formatValue(ctx.fmt, Number(value), ctx.metric(metricId)?.unit);
    case 'baselineDate':
    case 'dueDate':
      return formatDay(ctx.fmt, String(value));
  }
}

/**
 * The changes between two versions in words: `{ label: 'Zielwert', from: '7 Leads', to: '8 Leads' }`.
 * Values are shown with the unit of the metric each version used.
 */
export function describeTermChanges(
  previous: GoalTerms | undefined,
  next: GoalTerms,
  ctx: { t: TFunction; fmt: Formatters; metric: MetricLookup },
): TermText[] {
  return termsDiff(previous, next).map((c) => ({
    field: c.field,
    label: ctx.t(`goals.field.${c.field}`),
    from: termValue(c.field, c.from, previous?.metricId ?? null, ctx),
    to: termValue(c.field, c.to, next.metricId, ctx),
  }));
}

/** `Zielwert: 7 Leads → 8 Leads` */
export const changeLine = (c: TermText): string => `${c.label}: ${c.from} → ${c.to}`;

// ---------------------------------------------------------------------------------------------
// Progress: where the goal stands, and where the trend leads.

type ProgressFacts = Pick<
  Goal,
  'status' | 'metric' | 'baselineValue' | 'targetValue' | 'dueDate' | 'progress'
>;

const OPEN: readonly Goal['status'][] = ['draft', 'proposed', 'agreed'];
export const isOpen = (status: Goal['status']): boolean => OPEN.includes(status);

/** What needs people first: decisions, then signatures, then running goals, then drafts. */
const ORDER: Record<Goal['status'], number> = {
  proposed: 1,
  agreed: 2,
  draft: 3,
  achieved: 4,
  missed: 5,
  dropped: 6,
};

export function sortGoals(goals: readonly Goal[]): Goal[] {
  return [...goals].sort(
    (a, b) =>
      Number(b.progress.needsDecision) - Number(a.progress.needsDecision) ||
      ORDER[a.status] - ORDER[b.status] ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
  );
}

/** True when the terms are complete enough to measure progress against a plan. */
export const measurable = (
  g: Pick<Goal, 'metric' | 'baselineValue' | 'baselineDate' | 'targetValue' | 'dueDate'>,
): boolean =>
  g.metric !== null &&
  g.baselineValue !== null &&
  g.baselineDate !== null &&
  g.targetValue !== null &&
  g.dueDate !== null;

/** Share of the way the plan expects by today (0..1), for the marker on the progress bar. */
export function planShare(g: Pick<Goal, 'baselineValue' | 'targetValue' | 'progress'>) {
  const { plan } = g.progress;
  if (plan === null || g.baselineValue === null || g.targetValue === null) return null;
  const distance = g.targetValue - g.baselineValue;
  return distance === 0 ? 1 : (plan - g.baselineValue) / distance;
}

/** 0..100 for a progress bar. */
export const percentOf = (share: number | null): number =>
  share === null || !Number.isFinite(share) ? 0 : Math.max(0, Math.min(100, share * 100));

/**
 * "At the current trend: 6.8 Leads by 31 Jan 2027 — target 8 Leads not reached". Null when
 * there is nothing to forecast: no trend yet, the target reached, or the goal closed.
 */
export function forecastSentence(g: ProgressFacts, t: TFunction, fmt: Formatters): string | null {
  const f = g.progress.forecast;
  if (!f || !g.metric || g.targetValue === null || g.dueDate === null) return null;
  if (!isOpen(g.status) || g.progress.state === 'achieved') return null;
  const target = formatValue(fmt, g.targetValue, g.metric.unit);
  const rounded = formatEstimate(fmt, f.valueAtDue, g);
  const params = {
    // Rounding must not make a miss read like the target ("8 Leads — target 8 not reached").
    value:
      !f.meetsTarget && rounded === target
        ? formatValue(fmt, f.valueAtDue, g.metric.unit)
        : rounded,
    date: formatDay(fmt, g.dueDate),
    target,
  };
  const sentence = f.meetsTarget
    ? t('goals.forecast.meets', params)
    : t('goals.forecast.misses', params);
  // The server held the trend at what the metric can take (e.g. 0 minutes): say so.
  return f.clamped ? `${sentence} ${t('goals.forecast.clamped')}` : sentence;
}

/** "Now 6 Leads (W47) · plan for today 6.7 Leads", or null without a current value. */
export function currentLine(g: ProgressFacts, t: TFunction, fmt: Formatters): string | null {
  const { current, plan } = g.progress;
  if (!current || !g.metric) return null;
  const now = t('goals.progress.current', {
    value: formatValue(fmt, current.value, g.metric.unit),
    period: periodTick(current.periodStart, g.metric.period, fmt.language),
  });
  if (plan === null || g.progress.state === 'achieved' || !isOpen(g.status)) return now;
  return `${now} · ${t('goals.progress.plan', { value: formatEstimate(fmt, plan, g) })}`;
}

/** "4 Leads → 8 Leads by 26.01.2027", with gaps named for drafts. */
export function termsLine(
  g: Pick<Goal, 'metric' | 'baselineValue' | 'targetValue' | 'dueDate'>,
  t: TFunction,
  fmt: Formatters,
): string {
  const unit = g.metric?.unit;
  const baseline =
    g.baselineValue === null ? t('goals.terms.open') : formatValue(fmt, g.baselineValue, unit);
  const target =
    g.targetValue === null ? t('goals.terms.open') : formatValue(fmt, g.targetValue, unit);
  const due = g.dueDate === null ? t('goals.terms.open') : formatDay(fmt, g.dueDate);
  return t('goals.terms.line', { baseline, target, due });
}

// ---------------------------------------------------------------------------------------------
// The quality gate: what keeps a goal from being proposed, in plain words.

export { GATE_FIELDS, type GateField };

export interface GateIssue {
  field: string;
  code: string;
  message: string;
}

const isGateField = (f: string): f is GateField => isOneOf(GATE_FIELDS, f);

/** One gate problem as a sentence in the UI language; the server's words for unknown codes. */
export function gateMessage(issue: GateIssue, t: TFunction, direction: Direction | null): string {
  if (!isGateField(issue.field)) return issue.message;
  switch (issue.code) {
    case 'missing':
      return t(`goals.gate.missing.${issue.field}`);
    case 'wrong_direction':
      return direction
        ? t(`goals.gate.wrongDirection.${direction}`)
        : t('goals.gate.wrongDirection.unknown');
    case 'not_future':
      return t('goals.gate.notFuture');
    case 'before_baseline':
      return t('goals.gate.beforeBaseline');
    default:
      return issue.message;
  }
}

export interface GateItem {
  field: GateField;
  ok: boolean;
  text: string;
}

/** Every gate point, fine or not, in a fixed order: the checklist both sides read. */
export function gateItems(
  gate: readonly GateIssue[],
  t: TFunction,
  direction: Direction | null,
): GateItem[] {
  return GATE_FIELDS.map((field) => {
    const issue = gate.find((g) => g.field === field);
    return issue
      ? { field, ok: false, text: gateMessage(issue, t, direction) }
      : { field, ok: true, text: t(`goals.gate.ok.${field}`) };
  });
}
