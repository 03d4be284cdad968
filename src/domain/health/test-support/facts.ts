/**
 * Fact sheets for the health tests: a healthy pilot in which no rule fires, so each test
 * changes one fact and expects exactly the reason it is about.
 */
import { computeHealth } from '../compute.js';
import { applyThresholdOverrides, type HealthThresholdOverrides } from '../thresholds.js';
import type {
  DemoOccurrenceFacts,
  HealthArea,
  HealthReason,
  HealthResult,
  ReasonCode,
  ReasonOf,
  GoalHealthFacts,
  HandoffHealthFacts,
  HealthInputs,
  MetricHealthFacts,
  StageFacts,
} from '../types.js';

/** Thursday, 10 December 2026, 11:00 in Berlin. */
export const NOW = new Date('2026-12-10T10:00:00Z');
export const TODAY = '2026-12-10';

const DAY_MS = 86_400_000;
/** The YYYY-MM-DD `n` days before today. */
export const daysAgo = (n: number): string =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
/** An instant `n` days before now (same time of day). */
export const instantDaysAgo = (n: number): string =>
  new Date(NOW.getTime() - n * DAY_MS).toISOString();

export const STAGES: Record<string, StageFacts> = {
  idea: { key: 'idea', name: { de: 'Idee', en: 'Idea' }, position: 1 },
  specification: {
    key: 'specification',
    name: { de: 'Spezifikation', en: 'Specification' },
    position: 2,
  },
  build: { key: 'build', name: { de: 'Umsetzung', en: 'Build' }, position: 3 },
  integration: { key: 'integration', name: { de: 'Integration', en: 'Integration' }, position: 4 },
  pilot: { key: 'pilot', name: { de: 'Pilotbetrieb', en: 'Pilot' }, position: 5 },
  operation: { key: 'operation', name: { de: 'Betrieb', en: 'Operation' }, position: 6 },
};

export const agreedGoal = (over: Partial<GoalHealthFacts> = {}): GoalHealthFacts => ({
  id: 'goal-1',
  statement: 'Lead conversion',
  status: 'agreed',
  proposedAt: instantDaysAgo(60),
  signedAt: { business: instantDaysAgo(59), it: instantDaysAgo(58) },
  dueDate: '2027-03-31',
  baselineValue: 2,
  targetValue: 8,
  metric: { name: 'Closed leads', unit: 'leads' },
  progress: { currentValue: 5, planValue: 5 },
  forecast: { valueAtDue: 8.5, meetsTarget: true },
  ...over,
});

export const handoff = (over: Partial<HandoffHealthFacts> = {}): HandoffHealthFacts => ({
  id: 'handoff-1',
  title: 'Specification v1.2',
  fromStage: { de: 'Spezifikation', en: 'Specification' },
  toStage: { de: 'Umsetzung', en: 'Build' },
  state: 'accepted',
  senderSide: 'business',
  receiverSide: 'it',
  dueDate: daysAgo(70),
  returns: 0,
  closedAt: instantDaysAgo(70),
  openQuestions: [],
  ...over,
});

/** Weekly Thursdays in the 90-day window before today, all held by both sides. */
export function heldWeekly(): DemoOccurrenceFacts[] {
  const out: DemoOccurrenceFacts[] = [];
  for (let n = 7; n <= 89; n += 7)
    out.push({
      id: `demo-${daysAgo(n)}`,
      day: daysAgo(n),
      state: 'held',
      attendance: { business: 2, it: 2 },
      confidence: { business: 4, it: 4 },
    });
  out.push({
    id: `demo-${TODAY}`,
    day: TODAY,
    state: 'planned',
    attendance: { business: 0, it: 0 },
    confidence: { business: null, it: null },
  });
  return out;
}

export const metric = (over: Partial<MetricHealthFacts> = {}): MetricHealthFacts => ({
  id: 'metric-1',
  name: 'Closed leads',
  unit: 'leads',
  period: 'week',
  createdAt: instantDaysAgo(120),
  definitionSince: instantDaysAgo(120),
  signedAt: { business: instantDaysAgo(119), it: instantDaysAgo(118) },
  lastDataAt: instantDaysAgo(2),
  pushSources: [{ tokenId: 'token-1', name: 'CRM', lastPushAt: instantDaysAgo(1) }],
  ...over,
});

/** A pilot in which every rule is satisfied. */
export function healthyPilot(): HealthInputs {
  return {
    initiativeId: 'initiative-1',
    createdAt: instantDaysAgo(200),
    timeZone: 'Europe/Berlin',
    stage: STAGES.pilot!,
    goals: [agreedGoal()],
    handoffs: [handoff()],
    demos: {
      cadence: { interval: 'weekly', startsOn: daysAgo(180), timeZone: 'Europe/Berlin' },
      occurrences: heldWeekly(),
      lastHeldDay: daysAgo(7),
      openActionItems: [],
    },
    metrics: [metric()],
    ownerUpdates: {
      business: { view: 'on_track', writtenAt: instantDaysAgo(3) },
      it: { view: 'on_track', writtenAt: instantDaysAgo(2) },
    },
  };
}

/** Health at NOW with the defaults, or with overrides merged in. */
export const healthAt = (inputs: HealthInputs, overrides: HealthThresholdOverrides = {}) =>
  computeHealth(inputs, applyThresholdOverrides(overrides), NOW);

/** [code, deduction] of an area's reasons, largest first. */
export const deductions = (result: HealthResult, area: HealthArea): [string, number][] =>
  (area === 'owners' ? result.owners : result.pillars[area]).reasons.map((r) => [
    r.code,
    r.deduction,
  ]);

/** The deduction of one code in the result (0 when absent; summed when several). */
export const deductionOf = (result: HealthResult, code: ReasonCode): number =>
  allReasons(result)
    .filter((r) => r.code === code)
    .reduce((sum, r) => sum + r.deduction, 0);

export const allReasons = (result: HealthResult): HealthReason[] => [
  ...Object.values(result.pillars).flatMap((p) => p.reasons),
  ...result.owners.reasons,
];

export const reasonOf = <C extends ReasonCode>(result: HealthResult, code: C): ReasonOf<C> => {
  const found = allReasons(result).find((r) => r.code === code);
  if (!found) throw new Error(`no reason ${code}`);
  return found as ReasonOf<C>;
};
