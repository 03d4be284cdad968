import { describe, expect, it } from 'vitest';
import {
  answersForGoal,
  completion,
  forecast,
  periodValueBounds,
  type GoalFacts,
  planValue,
  progressState,
  qualityGate,
} from './goals.js';

const complete: GoalFacts = {
  metricId: 'm',
  direction: 'higher_is_better',
  baselineValue: 10,
  baselineDate: '2026-01-01',
  targetValue: 20,
  dueDate: '2026-12-31',
  businessResponsibleId: 'b',
  itResponsibleId: 'i',
};

describe('qualityGate', () => {
  it.each([
    ['complete', {}, '2026-11-27', []],
    ['no metric', { metricId: null, direction: null }, '2026-11-27', ['metricId:missing']],
    [
      'no baseline',
      { baselineValue: null, baselineDate: null },
      '2026-11-27',
      ['baselineValue:missing', 'baselineDate:missing'],
    ],
    [
      'target below baseline, higher is better',
      { targetValue: 5 },
      '2026-11-27',
      ['targetValue:wrong_direction'],
    ],
    ['target equals baseline', { targetValue: 10 }, '2026-11-27', ['targetValue:wrong_direction']],
    [
      'target above baseline, lower is better',
      { direction: 'lower_is_better' },
      '2026-11-27',
      ['targetValue:wrong_direction'],
    ],
    [
      'lower is better, target below',
      { direction: 'lower_is_better', targetValue: 4 },
      '2026-11-27',
      [],
    ],
    ['due today', {}, '2026-12-31', ['dueDate:not_future']],
    ['due yesterday', {}, '2027-01-01', ['dueDate:not_future']],
    ['due tomorrow', {}, '2026-12-30', []],
    [
      'due before baseline',
      { baselineDate: '2027-02-01', dueDate: '2027-01-15' },
      '2026-11-27',
      ['dueDate:before_baseline'],
    ],
    [
      'nobody responsible',
      { businessResponsibleId: null, itResponsibleId: null },
      '2026-11-27',
      ['businessResponsibleId:missing', 'itResponsibleId:missing'],
    ],
  ] as const)('%s', (_name, over, today, expected) => {
    expect(qualityGate({ ...complete, ...over }, today).map((p) => `${p.field}:${p.code}`)).toEqual(
      expected,
    );
  });

  it('explains every problem in plain words', () => {
    const all = qualityGate(
      {
        metricId: null,
        direction: null,
        baselineValue: null,
        baselineDate: null,
        targetValue: null,
        dueDate: null,
        businessResponsibleId: null,
        itResponsibleId: null,
      },
      '2026-11-27',
    );
    expect(all).toHaveLength(7);
    for (const p of all) expect(p.message.length).toBeGreaterThan(15);
  });
});

describe('planValue', () => {
  it.each([
    ['at the baseline date', '2026-01-01', 10],
    ['before the baseline', '2025-06-01', 10],
    ['half way', '2026-01-11', 15],
    ['on the due date', '2026-01-21', 20],
    ['after the due date', '2026-03-01', 20],
  ])('%s', (_name, day, expected) => {
    expect(planValue(10, '2026-01-01', 20, '2026-01-21', day)).toBeCloseTo(expected, 10);
  });

  it('falls for lower-is-better goals', () => {
    expect(planValue(60, '2026-01-01', 20, '2026-01-21', '2026-01-11')).toBe(40);
  });
});

describe('progressState', () => {
  const g = {
    direction: 'higher_is_better' as const,
    baselineValue: 10,
    baselineDate: '2026-01-01',
    targetValue: 20,
    dueDate: '2026-01-21',
  };
  it.each([
    ['no data yet', null, '2026-01-11', 'no_data'],
    ['target already met', 20, '2026-01-02', 'achieved'],
    ['exceeded', 25, '2026-01-11', 'achieved'],
    ['on plan', 15, '2026-01-11', 'on_track'],
    ['within 5 %', 14.6, '2026-01-11', 'on_track'],
    ['behind', 14, '2026-01-11', 'behind'],
    ['ahead', 16, '2026-01-11', 'ahead'],
    ['past due, unmet', 19, '2026-02-01', 'behind'],
    ['due today, at plan minus a little', 19.6, '2026-01-21', 'on_track'],
  ] as const)('higher is better: %s', (_name, current, today, expected) => {
    expect(progressState({ ...g, current }, today)).toBe(expected);
  });

  const lower = {
    direction: 'lower_is_better' as const,
    baselineValue: 60,
    baselineDate: '2026-01-01',
    targetValue: 20,
    dueDate: '2026-01-21',
  };
  it.each([
    ['on plan', 40, 'on_track'],
    ['behind (higher than planned)', 45, 'behind'],
    ['ahead (lower than planned)', 30, 'ahead'],
    ['target met', 18, 'achieved'],
  ] as const)('lower is better: %s', (_name, current, expected) => {
    expect(progressState({ ...lower, current }, '2026-01-11')).toBe(expected);
  });

  it('measures completion along the direction', () => {
    expect(completion(lower, 40)).toBe(0.5);
    expect(completion(g, 10)).toBe(0);
  });
});

describe('forecast', () => {
  const goal = { direction: 'higher_is_better' as const, targetValue: 20, dueDate: '2026-02-01' };
  const weekly = (values: number[]) =>
    values.map((value, i) => ({
      day: new Date(Date.UTC(2026, 0, 4 + 7 * i)).toISOString().slice(0, 10),
      value,
    }));

  it('needs at least three points', () => {
    expect(forecast([], goal)).toBeNull();
    expect(forecast(weekly([1, 2]), goal)).toBeNull();
  });

  it('extends a straight trend to the due date', () => {
    const f = forecast(weekly([10, 11, 12, 13]), goal);
    // +1 per week; 2026-01-25 → 2026-02-01 is one more week.
    expect(f?.valueAtDue).toBeCloseTo(14, 6);
    expect(f?.meetsTarget).toBe(false);
    expect(f?.basedOn).toBe(4);
  });

  it('says when the trend reaches the target', () => {
    expect(forecast(weekly([10, 14, 18]), goal)?.meetsTarget).toBe(true);
  });

  it('works for lower-is-better goals and uses only the recent window', () => {
    const f = forecast(
      weekly([100, 100, 100, 100, 50, 45, 40, 35, 30, 25, 20, 15]),
      { direction: 'lower_is_better', targetValue: 12, dueDate: '2026-03-29' },
      undefined,
      4,
    );
    expect(f?.basedOn).toBe(4);
    expect(f?.meetsTarget).toBe(true);
  });

  it('is flat for a single repeated value', () => {
    expect(forecast(weekly([5, 5, 5]), goal)?.valueAtDue).toBe(5);
  });

  it('stays within what the metric can take, and says when it was held at the limit', () => {
    // Processing time in minutes falling fast: the line would end below 0.
    const minutes = weekly([40, 30, 20, 10]);
    const due = { direction: 'lower_is_better', targetValue: 5, dueDate: '2026-06-28' } as const;
    expect(forecast(minutes, due)?.valueAtDue).toBeLessThan(0);
    const held = forecast(minutes, due, periodValueBounds('average', 0, null));
    expect(held).toMatchObject({ valueAtDue: 0, clamped: true, meetsTarget: true });
    expect(forecast(weekly([10, 11, 12, 13]), goal, { min: 0, max: null })?.clamped).toBe(false);
    // A 1–5 satisfaction score rising: held at 5.
    expect(
      forecast(weekly([3, 4, 5]), { ...due, direction: 'higher_is_better' }, { min: 1, max: 5 }),
    ).toMatchObject({ valueAtDue: 5, clamped: true });
  });

  it.each([
    ['count', null, null, { min: 0, max: null }],
    ['sum', 0, null, { min: 0, max: null }],
    ['sum', -5, 10, { min: null, max: null }],
    ['average', 1, 5, { min: 1, max: 5 }],
    ['last', null, 100, { min: null, max: 100 }],
  ] as const)('bounds of a %s of values in [%s, %s]', (aggregation, min, max, expected) => {
    expect(periodValueBounds(aggregation, min, max)).toEqual(expected);
  });
});

describe('answersForGoal', () => {
  const owners = { business_owner_id: 'bo', it_owner_id: 'io' };
  it('is the responsible person of the side, else that side’s owner', () => {
    const named = { ...owners, business_responsible_id: 'br', it_responsible_id: 'ir' };
    expect(answersForGoal(named, 'business')).toBe('br');
    expect(answersForGoal(named, 'it')).toBe('ir');
    const unnamed = { ...owners, business_responsible_id: null, it_responsible_id: null };
    expect(answersForGoal(unnamed, 'business')).toBe('bo');
    expect(answersForGoal(unnamed, 'it')).toBe('io');
  });
});
