import { describe, expect, it } from 'vitest';
import { behindPlanPct } from './rules-goals.js';
import {
  agreedGoal,
  daysAgo,
  deductions,
  healthAt,
  healthyPilot,
  instantDaysAgo,
  reasonOf,
} from './test-support/facts.js';
import type { GoalHealthFacts } from './types.js';

/** The healthy pilot plus one more goal (the agreed one keeps the stage requirement met). */
const withGoal = (over: Partial<GoalHealthFacts>) => {
  const inputs = healthyPilot();
  return { ...inputs, goals: [...inputs.goals, agreedGoal({ id: 'goal-2', ...over })] };
};

describe('goals: a proposal waiting for a signature', () => {
  // Thresholds: from 7 days 20 points, from 21 days 40 points.
  it.each([
    [6, []],
    [7, [['goals.signature_pending', 20]]],
    [8, [['goals.signature_pending', 20]]],
    [20, [['goals.signature_pending', 20]]],
    [21, [['goals.signature_pending', 40]]],
    [22, [['goals.signature_pending', 40]]],
  ])('proposed %i days ago, IT not signed → %j', (days, expected) => {
    const result = healthAt(
      withGoal({
        status: 'proposed',
        proposedAt: instantDaysAgo(days),
        signedAt: { business: instantDaysAgo(days), it: null },
      }),
    );
    expect(deductions(result, 'goals')).toEqual(expected);
  });

  it('names the side that has not signed, or both', () => {
    const it = healthAt(
      withGoal({
        status: 'proposed',
        proposedAt: instantDaysAgo(12),
        signedAt: { business: instantDaysAgo(11), it: null },
      }),
    );
    expect(reasonOf(it, 'goals.signature_pending').params).toEqual({
      goal: 'Lead conversion',
      days: 12,
      waitingFor: ['it'],
    });
    expect(reasonOf(it, 'goals.signature_pending').link).toEqual({
      kind: 'goal',
      goalId: 'goal-2',
    });
    const both = healthAt(
      withGoal({
        status: 'proposed',
        proposedAt: instantDaysAgo(12),
        signedAt: { business: null, it: null },
      }),
    );
    expect(reasonOf(both, 'goals.signature_pending').params.waitingFor).toEqual(['business', 'it']);
  });

  it('counts calendar days in the initiative’s time zone', () => {
    // 23:30 UTC on 2 Dec is already 3 Dec in Berlin: 7 days before 10 Dec, not 8.
    const result = healthAt(
      withGoal({
        status: 'proposed',
        proposedAt: '2026-12-02T23:30:00Z',
        signedAt: { business: null, it: null },
      }),
    );
    expect(reasonOf(result, 'goals.signature_pending').params.days).toBe(7);
  });
});

describe('goals: due date passed without a decision', () => {
  // From 1 day 25 points, from 30 days 55 points.
  it.each([
    [0, []],
    [1, [['goals.past_due', 25]]],
    [2, [['goals.past_due', 25]]],
    [29, [['goals.past_due', 25]]],
    [30, [['goals.past_due', 55]]],
    [31, [['goals.past_due', 55]]],
  ])('due %i days ago → %j', (days, expected) => {
    const inputs = healthyPilot();
    // Behind plan and a missed forecast would apply too, but past the due date only the
    // open decision counts.
    const goal = agreedGoal({
      dueDate: daysAgo(days),
      progress: { currentValue: 3, planValue: 8 },
      forecast: days === 0 ? { valueAtDue: 8, meetsTarget: true } : null,
    });
    const result = healthAt({ ...inputs, goals: [goal] });
    expect(deductions(result, 'goals')).toEqual(
      days === 0 ? [['goals.behind_plan', 55]] : expected,
    );
  });

  it.each(['achieved', 'missed', 'dropped'] as const)('a %s goal needs no decision', (status) => {
    const result = healthAt(withGoal({ status, dueDate: daysAgo(40) }));
    expect(deductions(result, 'goals')).toEqual([]);
  });
});

describe('goals: behind plan', () => {
  // Baseline 0, target 100, plan 50 today: each point below 50 is 1 % of the way.
  it.each([
    [9.9, []],
    [10, [['goals.behind_plan', 25]]],
    [10.1, [['goals.behind_plan', 25]]],
    [29.9, [['goals.behind_plan', 25]]],
    [30, [['goals.behind_plan', 55]]],
    [30.1, [['goals.behind_plan', 55]]],
  ])('%f %% behind → %j', (behind, expected) => {
    const result = healthAt(
      withGoal({
        baselineValue: 0,
        targetValue: 100,
        progress: { currentValue: 50 - behind, planValue: 50 },
      }),
    );
    expect(deductions(result, 'goals')).toEqual(expected);
  });

  it('works the same when lower is better', () => {
    // Processing time from 100 to 0 minutes; plan 50 today, current 60: 10 % behind.
    const goal = agreedGoal({
      baselineValue: 100,
      targetValue: 0,
      progress: { currentValue: 60, planValue: 50 },
    });
    expect(behindPlanPct(goal)).toBe(10);
    expect(behindPlanPct({ ...goal, progress: { currentValue: 40, planValue: 50 } })).toBe(-10);
  });

  it('reports the metric, the gap and both values', () => {
    const result = healthAt(
      withGoal({
        baselineValue: 30,
        targetValue: 80,
        progress: { currentValue: 41, planValue: 50 },
      }),
    );
    expect(reasonOf(result, 'goals.behind_plan').params).toEqual({
      goal: 'Lead conversion',
      metric: 'Closed leads',
      unit: 'leads',
      behindPct: 18,
      current: 41,
      plan: 50,
    });
  });

  it.each([
    ['no progress yet', { progress: null }],
    ['no baseline', { baselineValue: null }],
    ['target equals baseline', { baselineValue: 5, targetValue: 5 }],
    ['only proposed', { status: 'proposed' as const, proposedAt: instantDaysAgo(1) }],
  ])('is not judged with %s', (_, over) => {
    const result = healthAt(withGoal({ progress: { currentValue: 0, planValue: 50 }, ...over }));
    expect(deductions(result, 'goals')).toEqual([]);
  });
});

describe('goals: the forecast misses the target', () => {
  it.each([
    [{ valueAtDue: 6.5, meetsTarget: false }, [['goals.forecast_miss', 20]]],
    [{ valueAtDue: 8, meetsTarget: true }, []],
    [null, []],
  ])('forecast %j → %j', (forecast, expected) => {
    const result = healthAt(withGoal({ forecast }));
    expect(deductions(result, 'goals')).toEqual(expected);
  });

  it('says what the forecast reaches and what the target is', () => {
    const result = healthAt(withGoal({ forecast: { valueAtDue: 6.5, meetsTarget: false } }));
    expect(reasonOf(result, 'goals.forecast_miss').params).toEqual({
      goal: 'Lead conversion',
      unit: 'leads',
      forecast: 6.5,
      target: 8,
      dueDate: '2027-03-31',
    });
  });
  it('a forecast of -0 is stored as 0, so the reason survives JSON unchanged (found by fast-check)', () => {
    const result = healthAt(withGoal({ forecast: { valueAtDue: -0, meetsTarget: false } }));
    const forecast = reasonOf(result, 'goals.forecast_miss').params.forecast;
    expect(Object.is(forecast, 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
