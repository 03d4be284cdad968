/**
 * What an admin form needs for each threshold: unit, bounds, whole number or not, and a
 * label in English and German. The mapped type makes the compiler demand one entry per
 * default, so a new threshold cannot go without its label and bounds.
 */
import type { DEFAULT_HEALTH_THRESHOLDS, ThresholdGroup } from './thresholds.js';

type Defaults = typeof DEFAULT_HEALTH_THRESHOLDS;

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
