/**
 * Every number the health rules use, in one table. Admins may override any of them (a
 * setting stored later); `mergeHealthThresholds` (contracts/health-thresholds.ts) validates overrides and fills the rest
 * from the defaults. docs/HEALTH.md shows this table; a test keeps the two identical.
 *
 * Conventions, so each field reads the same way:
 *  - `…Days`, `…Count`, `…Pct` thresholds fire *from* that value on (≥), except the
 *    adherence percentages, which fire *below* the value (<).
 *  - `…Deduction` is the points a reason takes off its area's score (100 at best).
 *  - Where a rule has two tiers, the second (…Long…, …Severe…, …Many…, …Red…) replaces the
 *    first; its threshold must be stricter and its deduction at least as large, so a worse
 *    situation never scores better.
 */
export const DEFAULT_HEALTH_THRESHOLDS = {
  ampel: { greenMin: 80, amberMin: 50 },
  stage: { expectedMissingDeduction: 25, requiredMissingDeduction: 55 },
  goals: {
    signatureWaitDays: 7,
    signatureWaitDeduction: 20,
    signatureWaitLongDays: 21,
    signatureWaitLongDeduction: 40,
    pastDueDays: 1,
    pastDueDeduction: 25,
    pastDueLongDays: 30,
    pastDueLongDeduction: 55,
    behindPlanPct: 10,
    behindPlanDeduction: 25,
    behindPlanSeverePct: 30,
    behindPlanSevereDeduction: 55,
    forecastMissDeduction: 20,
  },
  handoffs: {
    answerOverdueDays: 1,
    answerOverdueDeduction: 25,
    answerOverdueLongDays: 7,
    answerOverdueLongDeduction: 55,
    returnedCount: 2,
    returnedDeduction: 25,
    returnedManyCount: 3,
    returnedManyDeduction: 55,
    reworkMemoryDays: 30,
    questionOpenDays: 3,
    questionOpenDeduction: 10,
    questionOpenLongDays: 7,
    questionOpenLongDeduction: 25,
  },
  demos: {
    adherenceMinPlanned: 3,
    adherenceAmberPct: 75,
    adherenceAmberDeduction: 25,
    adherenceRedPct: 50,
    adherenceRedDeduction: 55,
    overdueDays: 3,
    overdueDeduction: 25,
    overdueLongDays: 14,
    overdueLongDeduction: 55,
    lastHeldGraceDays: 7,
    lastHeldDeduction: 15,
    attendanceLookback: 3,
    oneSidedCount: 2,
    oneSidedDeduction: 20,
    confidenceDivergence: 1.5,
    confidenceDivergenceDeduction: 20,
    actionItemOverdueDays: 1,
    actionItemOverdueDeduction: 10,
    actionItemOverdueMaxDeduction: 30,
  },
  metrics: {
    definitionWaitDays: 7,
    definitionWaitDeduction: 20,
    dataGraceDays: 3,
    dataStaleDeduction: 25,
    dataStaleRedPeriods: 3,
    dataStaleRedDeduction: 55,
    noDataDeduction: 25,
    pushGraceDays: 1,
    pushSilentDeduction: 20,
  },
  owners: {
    updateStaleDays: 10,
    updateStaleDeduction: 10,
    updateMissingDeduction: 15,
    disagreeDeduction: 10,
    disagreeStrongDeduction: 25,
    contradictionMinSteps: 2,
    contradictionDeduction: 25,
  },
} as const satisfies Record<string, Record<string, number>>;

type Defaults = typeof DEFAULT_HEALTH_THRESHOLDS;
export type ThresholdGroup = keyof Defaults;

/** The thresholds the rules read: the defaults' shape with any numbers. */
export type HealthThresholds = { [G in ThresholdGroup]: { [K in keyof Defaults[G]]: number } };

/** A partial override as stored in the admin setting. */
export type HealthThresholdOverrides = {
  [G in ThresholdGroup]?: { [K in keyof Defaults[G]]?: number };
};

/** Green, amber or red for a score: the only place the cut-offs are applied. */
export function ampelOf(
  score: number,
  t: Pick<HealthThresholds, 'ampel'>,
): 'green' | 'amber' | 'red' {
  if (score >= t.ampel.greenMin) return 'green';
  if (score >= t.ampel.amberMin) return 'amber';
  return 'red';
}

/** The defaults (or `base`) with already validated overrides applied, group by group. */
export function applyThresholdOverrides(
  overrides: HealthThresholdOverrides,
  base: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): HealthThresholds {
  const out: Record<string, Record<string, number>> = {};
  for (const g of Object.keys(base) as ThresholdGroup[]) out[g] = { ...base[g], ...overrides[g] };
  return out as unknown as HealthThresholds;
}
