import { describe, expect, it } from 'vitest';
import {
  daysAgo,
  deductionOf,
  deductions,
  healthAt,
  healthyPilot,
  heldWeekly,
  reasonOf,
  TODAY,
} from './test-support/facts.js';
import type { DemoHealthFacts, DemoOccurrenceFacts, HealthInputs } from './types.js';

const withDemos = (over: Partial<DemoHealthFacts>): HealthInputs => {
  const inputs = healthyPilot();
  return { ...inputs, demos: { ...inputs.demos, ...over } };
};
const occurrence = (n: number, over: Partial<DemoOccurrenceFacts> = {}): DemoOccurrenceFacts => ({
  id: `demo-${daysAgo(n)}`,
  day: daysAgo(n),
  state: 'held',
  attendance: { business: 2, it: 2 },
  confidence: { business: 4, it: 4 },
  ...over,
});

describe('demos: adherence over the last 90 days', () => {
  // 12 weekly demos in the window; the k oldest skipped. Amber below 75 %, red below 50 %.
  const skipOldest = (k: number) =>
    heldWeekly().map((o, i, all) =>
      i >= all.length - 1 - k && o.day < TODAY ? { ...o, state: 'skipped' as const } : o,
    );
  it.each([
    [2, 83, 0],
    [3, 75, 0],
    [4, 67, 25],
    [5, 58, 25],
    [6, 50, 25],
    [7, 42, 55],
  ])('%i of 12 skipped (%i %%) → %i points', (k, rate, points) => {
    const result = healthAt(withDemos({ occurrences: skipOldest(k) }));
    expect(deductions(result, 'demos')).toEqual(points ? [['demos.adherence_low', points]] : []);
    if (points)
      expect(reasonOf(result, 'demos.adherence_low').params).toEqual({
        held: 12 - k,
        planned: 12,
        ratePct: rate,
        windowDays: 90,
      });
  });

  it.each([
    [2, 0],
    [3, 55],
  ])('is judged only from 3 planned demos: %i planned, none held → %i', (n, points) => {
    const occurrences = [7, 14, 21].slice(0, n).map((d) => occurrence(d, { state: 'skipped' }));
    const result = healthAt(withDemos({ occurrences }));
    expect(deductionOf(result, 'demos.adherence_low')).toBe(points);
  });

  it('cancelled demos leave the plan', () => {
    const occurrences = heldWeekly().map((o, i) =>
      i < 6 ? { ...o, state: 'cancelled' as const } : o,
    );
    expect(deductions(healthAt(withDemos({ occurrences })), 'demos')).toEqual([]);
  });
});

describe('demos: overdue (planned, passed, neither held nor skipped)', () => {
  // From 3 days 25 points, from 14 days 55 points.
  it.each([
    [2, 0],
    [3, 25],
    [4, 25],
    [13, 25],
    [14, 55],
    [15, 55],
  ])('planned %i days ago → %i', (days, points) => {
    const occurrences = [occurrence(21), occurrence(days, { state: 'planned' })];
    const result = healthAt(withDemos({ occurrences, lastHeldDay: daysAgo(21) }));
    expect(deductionOf(result, 'demos.overdue')).toBe(points);
  });

  it('links the missed occurrence and names its day', () => {
    const occurrences = [occurrence(21), occurrence(9, { state: 'planned' })];
    const reason = reasonOf(
      healthAt(withDemos({ occurrences, lastHeldDay: daysAgo(21) })),
      'demos.overdue',
    );
    expect(reason.params).toEqual({ days: 9, since: daysAgo(9) });
    expect(reason.link).toEqual({ kind: 'demo', occurrenceId: `demo-${daysAgo(9)}` });
  });
});

describe('demos: days since the last held demo', () => {
  // Weekly: 7 days + 7 days' grace; monthly: 31 + 7.
  it.each([
    ['weekly', 13, 0],
    ['weekly', 14, 15],
    ['weekly', 15, 15],
    ['monthly', 37, 0],
    ['monthly', 38, 15],
  ] as const)('%s cadence, last held %i days ago → %i', (interval, days, points) => {
    const inputs = healthyPilot();
    const result = healthAt({
      ...inputs,
      demos: {
        ...inputs.demos,
        cadence: { interval, startsOn: daysAgo(300), timeZone: 'Europe/Berlin' },
        occurrences: [],
        lastHeldDay: daysAgo(days),
      },
    });
    expect(deductions(result, 'demos')).toEqual(
      points ? [['demos.last_held_long_ago', points]] : [],
    );
  });

  it.each([
    [13, 0],
    [14, 15],
  ])('never held, cadence started %i days ago → %i', (days, points) => {
    const inputs = healthyPilot();
    const result = healthAt({
      ...inputs,
      demos: {
        ...inputs.demos,
        cadence: { interval: 'weekly', startsOn: daysAgo(days), timeZone: 'Europe/Berlin' },
        occurrences: [],
        lastHeldDay: null,
      },
    });
    expect(deductions(result, 'demos')).toEqual(points ? [['demos.never_held', points]] : []);
  });
});

describe('demos: attendance from one side only', () => {
  // Of the last 3 held demos, 2 without a side → 20 points.
  const noIt = { attendance: { business: 3, it: 0 } };
  it.each([
    ['none', [7, 14, 21], [], 0],
    ['one', [7, 14, 21], [7], 0],
    ['two', [7, 14, 21], [7, 21], 20],
    ['three', [7, 14, 21], [7, 14, 21], 20],
    ['two, but one is older than the last three', [7, 14, 21, 28], [7, 28], 0],
  ])('%s without IT → %i', (_, held, without, points) => {
    const occurrences = held.map((d) => occurrence(d, without.includes(d) ? noIt : {}));
    const result = healthAt(withDemos({ occurrences }));
    expect(deductions(result, 'demos')).toEqual(
      points ? [['demos.one_sided_attendance', points]] : [],
    );
  });

  it('names the missing side, the count and the latest such demo', () => {
    const occurrences = [7, 14, 21].map((d) => occurrence(d, d > 7 ? noIt : {}));
    const reason = reasonOf(healthAt(withDemos({ occurrences })), 'demos.one_sided_attendance');
    expect(reason.params).toEqual({ missingSide: 'it', count: 2, of: 3 });
    expect(reason.link).toEqual({ kind: 'demo', occurrenceId: `demo-${daysAgo(14)}` });
  });

  it('a demo nobody was recorded for counts against both sides', () => {
    const nobody = { attendance: { business: 0, it: 0 } };
    const occurrences = [7, 14, 21].map((d) => occurrence(d, d < 21 ? nobody : {}));
    const result = healthAt(withDemos({ occurrences }));
    expect(deductions(result, 'demos')).toEqual([
      ['demos.one_sided_attendance', 20],
      ['demos.one_sided_attendance', 20],
    ]);
  });
});

describe('demos: confidence of the sides drifting apart', () => {
  // At the latest held demo with votes from both sides: from 1.5 apart, 20 points.
  it.each([
    [1.4, 0],
    [1.5, 20],
    [1.6, 20],
  ])('%f apart → %i', (gap, points) => {
    const occurrences = [occurrence(7, { confidence: { business: 4.5, it: 4.5 - gap } })];
    const result = healthAt(withDemos({ occurrences }));
    expect(deductionOf(result, 'demos.confidence_divergent')).toBe(points);
  });

  it('looks at the latest demo where both sides voted', () => {
    const occurrences = [
      occurrence(7, { confidence: { business: 5, it: null } }),
      occurrence(14, { confidence: { business: 4.5, it: 2.5 } }),
      occurrence(21, { confidence: { business: 4, it: 4 } }),
    ];
    const reason = reasonOf(healthAt(withDemos({ occurrences })), 'demos.confidence_divergent');
    expect(reason.params).toEqual({ business: 4.5, it: 2.5, difference: 2, day: daysAgo(14) });
    const agreedLater = [occurrence(3, { confidence: { business: 3, it: 3 } }), ...occurrences];
    expect(
      deductionOf(healthAt(withDemos({ occurrences: agreedLater })), 'demos.confidence_divergent'),
    ).toBe(0);
  });
});

describe('demos: overdue action items', () => {
  const item = (id: string, due: number | null) => ({
    id,
    occurrenceId: 'demo-x',
    text: `Action ${id}`,
    dueDate: due === null ? null : daysAgo(due),
  });
  // 10 points per item overdue by a day or more, at most 30.
  it.each([
    [[0], 0],
    [[1], 10],
    [[1, 5], 20],
    [[1, 5, 9], 30],
    [[1, 5, 9, 12], 30],
    [[null, -3], 0],
  ])('due %j days ago → %i', (dues, points) => {
    const openActionItems = dues.map((d, i) => item(`a${i}`, d));
    const result = healthAt(withDemos({ openActionItems }));
    expect(deductionOf(result, 'demos.action_items_overdue')).toBe(points);
  });

  it('names the oldest and links it', () => {
    const openActionItems = [item('a', 2), item('b', 12), item('c', 0)];
    const reason = reasonOf(healthAt(withDemos({ openActionItems })), 'demos.action_items_overdue');
    expect(reason.params).toEqual({ count: 2, oldestDays: 12, oldestText: 'Action b' });
    expect(reason.link).toEqual({ kind: 'actionItem', feedbackId: 'b', occurrenceId: 'demo-x' });
  });
});
