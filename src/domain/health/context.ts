/**
 * What every rule receives, and the small helpers they share: calendar-day arithmetic and
 * building a reason whose severity follows from its deduction.
 */
import { localDay } from '../periods.js';
import { ampelOf, type HealthThresholds } from './thresholds.js';
import {
  type HealthInputs,
  type HealthLink,
  type HealthReason,
  REASON_AREAS,
  type ReasonCode,
  type ReasonParamsByCode,
  type RequirementLevel,
  type StageRequirements,
} from './types.js';
import type { Side } from '../sides.js';

export interface RuleContext {
  inputs: HealthInputs;
  t: HealthThresholds;
  now: Date;
  /** Today in the initiative's time zone (goals, metrics, owners' updates). */
  today: string;
  /** Today as a UTC calendar day: handoff due dates are UTC days (domain/handoffs.ts). */
  utcToday: string;
  requires: StageRequirements;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Whole calendar days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round(dayNumber(to) - dayNumber(from));

/** The calendar day of an ISO instant in a time zone. */
export const dayOf = (instant: string, timeZone: string): string =>
  localDay(Date.parse(instant), timeZone);

/** Calendar days since an instant, counted in the context's time zone. */
export const daysSince = (ctx: RuleContext, instant: string): number =>
  daysBetween(dayOf(instant, ctx.inputs.timeZone), ctx.today);

/** Days since an instant in UTC calendar days (handoffs). */
export const utcDaysSince = (ctx: RuleContext, instant: string): number =>
  daysBetween(new Date(Date.parse(instant)).toISOString().slice(0, 10), ctx.utcToday);

/**
 * The deduction of a two-tier rule: the second tier replaces the first. 0 below both.
 * `value` fires a tier from its threshold on (≥).
 */
export function tiered(
  value: number,
  first: readonly [threshold: number, deduction: number],
  second: readonly [threshold: number, deduction: number],
): number {
  if (value >= second[0]) return second[1];
  if (value >= first[0]) return first[1];
  return 0;
}

/** A reason with its area from the code table and the severity its deduction alone causes. */
export function reason<C extends ReasonCode>(
  ctx: Pick<RuleContext, 't'>,
  code: C,
  params: ReasonParamsByCode[C],
  deduction: number,
  link: HealthLink,
): HealthReason {
  return {
    code,
    area: REASON_AREAS[code],
    deduction,
    severity: ampelOf(100 - deduction, ctx.t),
    params: withoutNegativeZero(params),
    link,
  } as HealthReason;
}

/**
 * A computed -0 (a flat trend below zero, a rounded tiny negative) would read "−0" in the
 * sentence and turn into 0 through JSON, so the stored reason would differ from the computed
 * one: numbers are kept as plain 0.
 */
function withoutNegativeZero<P extends object>(params: P): P {
  const out = { ...params } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) if (Object.is(value, -0)) out[key] = 0;
  return out as P;
}

/**
 * The reason of a two-tier rule (`tiered` on `value`), or none while `value` is below both
 * thresholds: spread into the list of reasons.
 */
export function tieredReason<C extends ReasonCode>(
  ctx: Pick<RuleContext, 't'>,
  code: C,
  params: ReasonParamsByCode[C],
  value: number,
  first: readonly [threshold: number, deduction: number],
  second: readonly [threshold: number, deduction: number],
  link: HealthLink,
): HealthReason[] {
  const deduction = tiered(value, first, second);
  return deduction > 0 ? [reason(ctx, code, params, deduction, link)] : [];
}

/** The reasons that say something the stage requires or expects is missing. */
type MissingCode =
  | 'goals.none_proposed'
  | 'goals.none_agreed'
  | 'demos.no_cadence'
  | 'metrics.none_defined'
  | 'metrics.none_agreed';

/** Something the stage asks for is missing: the deduction follows its level (required, expected). */
export const missingForStage = (
  ctx: Pick<RuleContext, 't' | 'inputs'>,
  code: MissingCode,
  level: RequirementLevel,
  link: HealthLink,
): HealthReason =>
  reason(
    ctx,
    code,
    { stage: ctx.inputs.stage.name, level },
    level === 'required'
      ? ctx.t.stage.requiredMissingDeduction
      : ctx.t.stage.expectedMissingDeduction,
    link,
  );

/** Sides whose signature on the current version is missing. */
export function waitingSides(signedAt: { business: string | null; it: string | null }): Side[] {
  const out: Side[] = [];
  if (!signedAt.business) out.push('business');
  if (!signedAt.it) out.push('it');
  return out;
}

/** One decimal, without floating-point noise (18.000000004 → 18). */
export const round1 = (n: number): number => Math.round(n * 10) / 10;
