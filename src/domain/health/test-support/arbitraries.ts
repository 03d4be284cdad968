/**
 * fast-check generators of whole fact sheets around NOW: any stage, any mix of goals,
 * handoffs, demos, metrics and owners' updates, dates from months ago to weeks ahead.
 */
import fc from 'fast-check';
import type {
  ActionItemFacts,
  DemoHealthFacts,
  DemoOccurrenceFacts,
  GoalHealthFacts,
  HandoffHealthFacts,
  HealthInputs,
  MetricHealthFacts,
  OwnerUpdateFacts,
} from '../types.js';
import { daysAgo, instantDaysAgo, STAGES } from './facts.js';

const past = (max = 200) => fc.integer({ min: 0, max }).map(instantDaysAgo);
const day = (min = -60, max = 200) => fc.integer({ min, max }).map(daysAgo);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const side = fc.constantFrom('business' as const, 'it' as const);
const name = fc.constantFrom('Lead conversion', 'Bearbeitungszeit halbieren', 'CRM', '');
const localized = fc.constantFrom(STAGES.specification!.name, STAGES.build!.name);

export const goalArb: fc.Arbitrary<GoalHealthFacts> = fc.record({
  id: fc.uuid(),
  statement: name,
  status: fc.constantFrom('draft', 'proposed', 'agreed', 'achieved', 'missed', 'dropped'),
  proposedAt: maybe(past()),
  signedAt: fc.record({ business: maybe(past()), it: maybe(past()) }),
  dueDate: maybe(day()),
  baselineValue: maybe(fc.integer({ min: -100, max: 100 })),
  targetValue: maybe(fc.integer({ min: -100, max: 100 })),
  metric: maybe(fc.record({ name, unit: fc.constantFrom('leads', '%', 'min', '') })),
  progress: maybe(
    fc.record({
      currentValue: fc.double({ min: -200, max: 200, noNaN: true }),
      planValue: fc.double({ min: -200, max: 200, noNaN: true }),
    }),
  ),
  forecast: maybe(
    fc.record({
      valueAtDue: fc.double({ min: -200, max: 200, noNaN: true }),
      meetsTarget: fc.boolean(),
    }),
  ),
});

export const handoffArb: fc.Arbitrary<HandoffHealthFacts> = fc.record({
  id: fc.uuid(),
  title: name,
  fromStage: localized,
  toStage: maybe(localized),
  state: fc.constantFrom('draft', 'submitted', 'returned', 'accepted', 'withdrawn'),
  senderSide: side,
  receiverSide: side,
  dueDate: day(),
  returns: fc.integer({ min: 0, max: 6 }),
  closedAt: maybe(past()),
  openQuestions: fc.array(
    fc.record({
      id: fc.uuid(),
      askedAt: past(60),
      askedBy: fc.constantFrom('sender' as const, 'receiver' as const),
    }),
    { maxLength: 3 },
  ),
});

const occurrenceArb: fc.Arbitrary<DemoOccurrenceFacts> = fc.record({
  id: fc.uuid(),
  day: day(0, 89),
  state: fc.constantFrom('planned', 'held', 'skipped', 'cancelled'),
  attendance: fc.record({ business: fc.nat(3), it: fc.nat(3) }),
  confidence: fc.record({
    business: maybe(fc.integer({ min: 1, max: 5 })),
    it: maybe(fc.integer({ min: 1, max: 5 })),
  }),
});

export const actionItemArb: fc.Arbitrary<ActionItemFacts> = fc.record({
  id: fc.uuid(),
  occurrenceId: fc.uuid(),
  text: name,
  dueDate: maybe(day(-20, 60)),
});

const demosArb: fc.Arbitrary<DemoHealthFacts> = fc.record({
  cadence: maybe(
    fc.record({
      interval: fc.constantFrom(
        'weekly',
        'every_2_weeks',
        'every_3_weeks',
        'every_4_weeks',
        'monthly',
      ),
      startsOn: day(0, 300),
      timeZone: fc.constantFrom('Europe/Berlin', 'UTC', 'America/New_York'),
    }),
  ),
  occurrences: fc.array(occurrenceArb, { maxLength: 14 }),
  lastHeldDay: maybe(day(0, 300)),
  openActionItems: fc.array(actionItemArb, { maxLength: 4 }),
});

export const metricArb: fc.Arbitrary<MetricHealthFacts> = fc.record({
  id: fc.uuid(),
  name,
  unit: fc.constantFrom('leads', 'min', ''),
  period: fc.constantFrom('day', 'week', 'month'),
  createdAt: past(),
  definitionSince: past(),
  signedAt: fc.record({ business: maybe(past()), it: maybe(past()) }),
  lastDataAt: maybe(past(120)),
  pushSources: fc.array(fc.record({ tokenId: fc.uuid(), name, lastPushAt: past(60) }), {
    maxLength: 2,
  }),
});

const updateArb: fc.Arbitrary<OwnerUpdateFacts | null> = maybe(
  fc.record({
    view: fc.constantFrom('on_track', 'at_risk', 'off_track'),
    writtenAt: past(30),
  }),
);

export const inputsArb: fc.Arbitrary<HealthInputs> = fc.record({
  initiativeId: fc.uuid(),
  createdAt: past(400),
  timeZone: fc.constantFrom('Europe/Berlin', 'UTC', 'Pacific/Auckland'),
  stage: fc.constantFrom(...Object.values(STAGES)),
  goals: fc.array(goalArb, { maxLength: 4 }),
  handoffs: fc.array(handoffArb, { maxLength: 4 }),
  demos: demosArb,
  metrics: fc.array(metricArb, { maxLength: 3 }),
  ownerUpdates: fc.record({ business: updateArb, it: updateArb }),
});

type Worsen = (inputs: HealthInputs) => HealthInputs;

/** Moves a value further from the target (or leaves it when baseline equals target). */
const awayFromTarget = (g: GoalHealthFacts, by: number): GoalHealthFacts => {
  if (!g.progress || g.baselineValue === null || g.targetValue === null) return g;
  const sign = Math.sign(g.targetValue - g.baselineValue);
  return { ...g, progress: { ...g.progress, currentValue: g.progress.currentValue - sign * by } };
};

/**
 * One more problem, of a kind that can only hurt: an overdue handoff, more returns, an
 * older question, an overdue action item, a silent push source, older data, a goal further
 * behind, a side staying away from a held demo.
 */
export const worsenArb: fc.Arbitrary<Worsen> = fc.oneof(
  fc
    .record({ h: handoffArb, overdue: fc.integer({ min: 1, max: 30 }) })
    .map(({ h, overdue }): Worsen => (i) => ({
      ...i,
      handoffs: [
        ...i.handoffs,
        { ...h, state: 'submitted', closedAt: null, dueDate: daysAgo(overdue) },
      ],
    })),
  fc.integer({ min: 1, max: 3 }).map((more): Worsen => (i) => ({
    ...i,
    handoffs: i.handoffs.map((h) => ({ ...h, returns: h.returns + more })),
  })),
  fc.integer({ min: 1, max: 20 }).map((older): Worsen => (i) => ({
    ...i,
    handoffs: i.handoffs.map((h) => ({
      ...h,
      openQuestions: h.openQuestions.map((q) => ({
        ...q,
        askedAt: new Date(Date.parse(q.askedAt) - older * 86_400_000).toISOString(),
      })),
    })),
  })),
  fc
    .record({ a: actionItemArb, overdue: fc.integer({ min: 1, max: 30 }) })
    .map(({ a, overdue }): Worsen => (i) => ({
      ...i,
      demos: {
        ...i.demos,
        openActionItems: [...i.demos.openActionItems, { ...a, dueDate: daysAgo(overdue) }],
      },
    })),
  fc.integer({ min: 2, max: 60 }).map((silent): Worsen => (i) => ({
    ...i,
    metrics: i.metrics.map((m) => ({
      ...m,
      pushSources: [
        ...m.pushSources,
        { tokenId: 'silent', name: 'Old export', lastPushAt: instantDaysAgo(silent + 31) },
      ],
    })),
  })),
  fc.integer({ min: 1, max: 60 }).map((older): Worsen => (i) => ({
    ...i,
    metrics: i.metrics.map((m) =>
      m.lastDataAt
        ? {
            ...m,
            lastDataAt: new Date(Date.parse(m.lastDataAt) - older * 86_400_000).toISOString(),
          }
        : m,
    ),
  })),
  fc
    .double({ min: 0.1, max: 100, noNaN: true })
    .map((by): Worsen => (i) => ({ ...i, goals: i.goals.map((g) => awayFromTarget(g, by)) })),
  side.map((s): Worsen => (i) => ({
    ...i,
    demos: {
      ...i.demos,
      occurrences: i.demos.occurrences.map((o) => ({
        ...o,
        attendance: { ...o.attendance, [s]: 0 },
      })),
    },
  })),
);
