/**
 * Validation of the thresholds table and of an admin's overrides (zod), and merging the
 * overrides over the defaults. Bounds come from threshold-fields.ts; the order of each pair
 * of tiers is checked on the merged result, so a partial override cannot break it.
 */
import { z } from 'zod';
import { HEALTH_THRESHOLD_FIELDS, type ThresholdField } from '../domain/health/threshold-fields.js';
import {
  applyThresholdOverrides,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholdOverrides,
  type HealthThresholds,
  type ThresholdGroup,
} from '../domain/health/thresholds.js';

const GROUPS = Object.keys(DEFAULT_HEALTH_THRESHOLDS) as ThresholdGroup[];

function fieldSchema(f: ThresholdField) {
  const base = f.integer ? z.number().int('must be a whole number') : z.number();
  return base.min(f.min, `must be at least ${f.min}`).max(f.max, `must be at most ${f.max}`);
}

function groupShape(g: ThresholdGroup, optional: boolean) {
  const fields = HEALTH_THRESHOLD_FIELDS[g] as Record<string, ThresholdField>;
  return Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [
      k,
      optional ? fieldSchema(f).optional() : fieldSchema(f),
    ]),
  );
}

/**
 * Pairs that must stay in order: [group, smaller, larger, strict]. The first tier fires
 * before the second, and the second deducts at least as much (a worse situation never
 * scores better). Adherence fires *below* its percentages, so red lies under amber.
 */
const ORDER: readonly [ThresholdGroup, string, string, boolean][] = [
  ['ampel', 'amberMin', 'greenMin', true],
  ['stage', 'expectedMissingDeduction', 'requiredMissingDeduction', false],
  ['goals', 'signatureWaitDays', 'signatureWaitLongDays', true],
  ['goals', 'signatureWaitDeduction', 'signatureWaitLongDeduction', false],
  ['goals', 'pastDueDays', 'pastDueLongDays', true],
  ['goals', 'pastDueDeduction', 'pastDueLongDeduction', false],
  ['goals', 'behindPlanPct', 'behindPlanSeverePct', true],
  ['goals', 'behindPlanDeduction', 'behindPlanSevereDeduction', false],
  ['handoffs', 'answerOverdueDays', 'answerOverdueLongDays', true],
  ['handoffs', 'answerOverdueDeduction', 'answerOverdueLongDeduction', false],
  ['handoffs', 'returnedCount', 'returnedManyCount', true],
  ['handoffs', 'returnedDeduction', 'returnedManyDeduction', false],
  ['handoffs', 'questionOpenDays', 'questionOpenLongDays', true],
  ['handoffs', 'questionOpenDeduction', 'questionOpenLongDeduction', false],
  ['demos', 'adherenceRedPct', 'adherenceAmberPct', true],
  ['demos', 'adherenceAmberDeduction', 'adherenceRedDeduction', false],
  ['demos', 'overdueDays', 'overdueLongDays', true],
  ['demos', 'overdueDeduction', 'overdueLongDeduction', false],
  ['demos', 'oneSidedCount', 'attendanceLookback', false],
  ['demos', 'actionItemOverdueDeduction', 'actionItemOverdueMaxDeduction', false],
  ['metrics', 'dataStaleDeduction', 'dataStaleRedDeduction', false],
  ['owners', 'updateStaleDeduction', 'updateMissingDeduction', false],
  ['owners', 'disagreeDeduction', 'disagreeStrongDeduction', false],
];

function withinBounds(g: ThresholdGroup, key: string, value: number): boolean {
  const f = (HEALTH_THRESHOLD_FIELDS[g] as Record<string, ThresholdField>)[key];
  return f !== undefined && fieldSchema(f).safeParse(value).success;
}

function checkOrder(t: HealthThresholds, ctx: z.RefinementCtx, blame?: HealthThresholdOverrides) {
  for (const [g, small, large, strict] of ORDER) {
    const group = t[g] as Record<string, number>;
    const a = group[small] ?? 0;
    const b = group[large] ?? 0;
    // A value out of its own bounds is reported once, by its field, not again here.
    if (!withinBounds(g, small, a) || !withinBounds(g, large, b)) continue;
    if (strict ? a < b : a <= b) continue;
    // Point at the field the admin changed, so the form shows the error where they typed.
    const overridden = (blame?.[g] as Record<string, number> | undefined) ?? {};
    const field = blame && small in overridden && !(large in overridden) ? small : large;
    const other = field === small ? large : small;
    ctx.addIssue({
      code: 'custom',
      path: [g, field],
      message:
        field === large
          ? `must be ${strict ? 'greater than' : 'at least'} ${g}.${other} (${a})`
          : `must be ${strict ? 'less than' : 'at most'} ${g}.${other} (${b})`,
    });
  }
}

/** A complete thresholds table with every bound and order checked. */
export const HealthThresholdsSchema = z
  .strictObject(Object.fromEntries(GROUPS.map((g) => [g, z.strictObject(groupShape(g, false))])))
  .superRefine((t, ctx) =>
    checkOrder(t as unknown as HealthThresholds, ctx),
  ) as unknown as z.ZodType<HealthThresholds, unknown>;

/**
 * What an admin may store: any subset of fields, each within its bounds, unknown names
 * refused, and — merged with the defaults — every order kept. Issues carry the field's
 * path (e.g. ["goals", "signatureWaitDays"]) for the form.
 */
export const HealthThresholdOverridesSchema = z
  .strictObject(
    Object.fromEntries(GROUPS.map((g) => [g, z.strictObject(groupShape(g, true)).optional()])),
  )
  .superRefine((o, ctx) => {
    const overrides = o as unknown as HealthThresholdOverrides;
    checkOrder(applyThresholdOverrides(overrides), ctx, overrides);
  }) as unknown as z.ZodType<HealthThresholdOverrides, unknown>;

/**
 * The defaults with `overrides` applied. Throws a ZodError naming each bad field: validate
 * with `HealthThresholdOverridesSchema` when the setting is written, so reading never fails.
 */
export function mergeHealthThresholds(overrides: unknown = {}): HealthThresholds {
  const parsed = HealthThresholdOverridesSchema.parse(overrides);
  return applyThresholdOverrides(parsed);
}

/** GET/PUT /api/admin/health-thresholds: the admin's overrides and the merged table in use. */
export const HealthThresholdSettings = z
  .object({
    overrides: z.record(z.string(), z.record(z.string(), z.number())),
    effective: z.record(z.string(), z.record(z.string(), z.number())),
    defaults: z.record(z.string(), z.record(z.string(), z.number())),
    updatedAt: z.string().nullable(),
    /** Names this state of the thresholds: send it back as `If-Match` (see thresholdsTag). */
    tag: z.string(),
  })
  .meta({ id: 'HealthThresholdSettings' });
export type HealthThresholdSettings = z.infer<typeof HealthThresholdSettings>;

/** The entity tag (`ETag`, and what `If-Match` names) of thresholds with this `tag`. */
export const thresholdsTag = (tag: string): string => `"${tag}"`;
