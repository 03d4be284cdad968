/**
 * Every number the health rules use, in one table. Admins may override any of them (a
 * setting stored later); `mergeHealthThresholds` validates overrides and fills the rest
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
import { z } from 'zod';

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

export type ThresholdUnit = 'days' | 'percent' | 'points' | 'count' | 'steps' | 'votes' | 'periods';

/** What an admin form shows for one field; min/max are enforced by the schema. */
export interface ThresholdField {
  unit: ThresholdUnit;
  min: number;
  max: number;
  /** Whole numbers only (all but the confidence divergence). */
  integer: boolean;
  labelEn: string;
  labelDe: string;
}

const days = (max: number, labelEn: string, labelDe: string, min = 0): ThresholdField => ({
  unit: 'days',
  min,
  max,
  integer: true,
  labelEn,
  labelDe,
});
const points = (labelEn: string, labelDe: string): ThresholdField => ({
  unit: 'points',
  min: 0,
  max: 100,
  integer: true,
  labelEn,
  labelDe,
});
const pct = (labelEn: string, labelDe: string): ThresholdField => ({
  unit: 'percent',
  min: 1,
  max: 100,
  integer: true,
  labelEn,
  labelDe,
});
const count = (max: number, labelEn: string, labelDe: string, min = 1): ThresholdField => ({
  unit: 'count',
  min,
  max,
  integer: true,
  labelEn,
  labelDe,
});

const ded = (en: string, de: string): ThresholdField => points(`Deduction: ${en}`, `Abzug: ${de}`);

/** Labels and bounds of every field; the compiler demands one per default. */
export const HEALTH_THRESHOLD_FIELDS: {
  [G in ThresholdGroup]: { [K in keyof Defaults[G]]: ThresholdField };
} = {
  ampel: {
    greenMin: { ...points('Green from score', 'Grün ab Punktzahl'), min: 1 },
    amberMin: {
      ...points('Amber from score (below: red)', 'Gelb ab Punktzahl (darunter rot)'),
      min: 1,
    },
  },
  stage: {
    expectedMissingDeduction: ded(
      'expected by the stage but missing',
      'von der Phase erwartet, aber fehlend',
    ),
    requiredMissingDeduction: ded(
      'required by the stage but missing',
      'von der Phase vorausgesetzt, aber fehlend',
    ),
  },
  goals: {
    signatureWaitDays: days(
      365,
      'Goal waits for a signature from',
      'Ziel wartet auf Freigabe ab',
      1,
    ),
    signatureWaitDeduction: ded('goal waits for a signature', 'Ziel wartet auf Freigabe'),
    signatureWaitLongDays: days(
      365,
      'Goal waits long for a signature from',
      'Ziel wartet lange auf Freigabe ab',
      1,
    ),
    signatureWaitLongDeduction: ded(
      'goal waits long for a signature',
      'Ziel wartet lange auf Freigabe',
    ),
    pastDueDays: days(
      365,
      'Due date passed without a decision from',
      'Zieltermin ohne Entscheidung überschritten ab',
      1,
    ),
    pastDueDeduction: ded('due date passed without a decision', 'Zieltermin überschritten'),
    pastDueLongDays: days(
      365,
      'Due date long passed without a decision from',
      'Zieltermin lange überschritten ab',
      1,
    ),
    pastDueLongDeduction: ded('due date long passed', 'Zieltermin lange überschritten'),
    behindPlanPct: pct('Behind plan from', 'Hinter Plan ab'),
    behindPlanDeduction: ded('behind plan', 'hinter Plan'),
    behindPlanSeverePct: pct('Far behind plan from', 'Weit hinter Plan ab'),
    behindPlanSevereDeduction: ded('far behind plan', 'weit hinter Plan'),
    forecastMissDeduction: ded('forecast misses the target', 'Prognose verfehlt den Zielwert'),
  },
  handoffs: {
    answerOverdueDays: days(365, 'Answer overdue from', 'Antwort überfällig ab', 1),
    answerOverdueDeduction: ded('answer overdue', 'Antwort überfällig'),
    answerOverdueLongDays: days(365, 'Answer long overdue from', 'Antwort lange überfällig ab', 1),
    answerOverdueLongDeduction: ded('answer long overdue', 'Antwort lange überfällig'),
    returnedCount: count(20, 'Returned repeatedly from', 'Wiederholt zurückgegeben ab'),
    returnedDeduction: ded('returned repeatedly', 'wiederholt zurückgegeben'),
    returnedManyCount: count(20, 'Returned many times from', 'Häufig zurückgegeben ab'),
    returnedManyDeduction: ded('returned many times', 'häufig zurückgegeben'),
    reworkMemoryDays: days(
      365,
      'Returns still count after acceptance for',
      'Rückgaben zählen nach der Annahme noch',
    ),
    questionOpenDays: days(365, 'Question open from', 'Rückfrage offen ab', 1),
    questionOpenDeduction: ded('question open', 'Rückfrage offen'),
    questionOpenLongDays: days(365, 'Question open long from', 'Rückfrage lange offen ab', 1),
    questionOpenLongDeduction: ded('question open long', 'Rückfrage lange offen'),
  },
  demos: {
    adherenceMinPlanned: count(
      50,
      'Adherence judged from planned demos',
      'Termintreue bewertet ab geplanten Demos',
    ),
    adherenceAmberPct: pct('Adherence below (amber)', 'Termintreue unter (gelb)'),
    adherenceAmberDeduction: ded('adherence low', 'Termintreue niedrig'),
    adherenceRedPct: pct('Adherence below (red)', 'Termintreue unter (rot)'),
    adherenceRedDeduction: ded('adherence very low', 'Termintreue sehr niedrig'),
    overdueDays: days(365, 'Demo overdue from', 'Demo überfällig ab', 1),
    overdueDeduction: ded('demo overdue', 'Demo überfällig'),
    overdueLongDays: days(365, 'Demo long overdue from', 'Demo lange überfällig ab', 1),
    overdueLongDeduction: ded('demo long overdue', 'Demo lange überfällig'),
    lastHeldGraceDays: days(
      90,
      'Grace after the cadence interval without a held demo',
      'Karenz nach dem Demo-Rhythmus ohne durchgeführte Demo',
    ),
    lastHeldDeduction: ded('no demo held for long', 'lange keine Demo durchgeführt'),
    attendanceLookback: count(
      20,
      'Latest held demos looked at for attendance',
      'Betrachtete letzte Demos für die Teilnahme',
    ),
    oneSidedCount: count(
      20,
      'Demos attended by one side only from',
      'Demos mit nur einer Seite ab',
    ),
    oneSidedDeduction: ded('one side stays away', 'eine Seite bleibt fern'),
    confidenceDivergence: {
      unit: 'votes',
      min: 0.5,
      max: 4,
      integer: false,
      labelEn: 'Confidence of the sides differs from',
      labelDe: 'Zuversicht der Seiten weicht ab ab',
    },
    confidenceDivergenceDeduction: ded('confidence differs', 'Zuversicht weicht ab'),
    actionItemOverdueDays: days(365, 'Action item overdue from', 'Maßnahme überfällig ab', 1),
    actionItemOverdueDeduction: ded('per overdue action item', 'je überfällige Maßnahme'),
    actionItemOverdueMaxDeduction: ded(
      'overdue action items at most',
      'überfällige Maßnahmen höchstens',
    ),
  },
  metrics: {
    definitionWaitDays: days(
      365,
      'Definition waits for a signature from',
      'Definition wartet auf Freigabe ab',
      1,
    ),
    definitionWaitDeduction: ded('definition not agreed', 'Definition nicht vereinbart'),
    dataGraceDays: days(
      90,
      'Grace after the period without data',
      'Karenz nach dem Zeitraum ohne Messwerte',
    ),
    dataStaleDeduction: ded('no current data', 'keine aktuellen Messwerte'),
    dataStaleRedPeriods: {
      unit: 'periods',
      min: 2,
      max: 24,
      integer: true,
      labelEn: 'No data for this many periods (red)',
      labelDe: 'Keine Messwerte für so viele Zeiträume (rot)',
    },
    dataStaleRedDeduction: ded('no data for many periods', 'lange keine Messwerte'),
    noDataDeduction: ded('agreed metric without any data', 'vereinbarte Kennzahl ohne Messwerte'),
    pushGraceDays: days(
      90,
      'Grace after the period without a push',
      'Karenz nach dem Zeitraum ohne Lieferung',
    ),
    pushSilentDeduction: ded('machine source silent', 'maschinelle Quelle liefert nicht mehr'),
  },
  owners: {
    updateStaleDays: days(90, 'Weekly update outdated from', 'Wochenmeldung veraltet ab', 1),
    updateStaleDeduction: ded('weekly update outdated', 'Wochenmeldung veraltet'),
    updateMissingDeduction: ded('weekly update missing', 'Wochenmeldung fehlt'),
    disagreeDeduction: ded('owners one step apart', 'Verantwortliche eine Stufe auseinander'),
    disagreeStrongDeduction: ded(
      'owners two steps apart',
      'Verantwortliche zwei Stufen auseinander',
    ),
    contradictionMinSteps: {
      unit: 'steps',
      min: 1,
      max: 2,
      integer: true,
      labelEn: 'An owner contradicts the health from a gap of',
      labelDe: 'Einschätzung widerspricht der Ampel ab Abstand',
    },
    contradictionDeduction: ded('owner contradicts the health', 'Widerspruch zur Ampel'),
  },
};

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

function merge(base: HealthThresholds, overrides: HealthThresholdOverrides): HealthThresholds {
  const out: Record<string, Record<string, number>> = {};
  for (const g of GROUPS) out[g] = { ...base[g], ...overrides[g] };
  return out as unknown as HealthThresholds;
}

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
    checkOrder(merge(DEFAULT_HEALTH_THRESHOLDS, overrides), ctx, overrides);
  }) as unknown as z.ZodType<HealthThresholdOverrides, unknown>;

/**
 * The defaults with `overrides` applied. Throws a ZodError naming each bad field: validate
 * with `HealthThresholdOverridesSchema` when the setting is written, so reading never fails.
 */
export function mergeHealthThresholds(overrides: unknown = {}): HealthThresholds {
  const parsed = HealthThresholdOverridesSchema.parse(overrides);
  return merge(DEFAULT_HEALTH_THRESHOLDS, parsed);
}

/** Green, amber or red for a score: the only place the cut-offs are applied. */
export function ampelOf(
  score: number,
  t: Pick<HealthThresholds, 'ampel'>,
): 'green' | 'amber' | 'red' {
  if (score >= t.ampel.greenMin) return 'green';
  if (score >= t.ampel.amberMin) return 'amber';
  return 'red';
}
