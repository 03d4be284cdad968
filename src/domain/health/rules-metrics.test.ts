import { describe, expect, it } from 'vitest';
import {
  deductions,
  healthAt,
  healthyPilot,
  instantDaysAgo,
  metric,
  reasonOf,
  STAGES,
} from './test-support/facts.js';
import type { MetricHealthFacts } from './types.js';

/** The healthy pilot plus one more metric (the agreed one keeps the stage requirement met). */
const withMetric = (over: Partial<MetricHealthFacts>) => {
  const inputs = healthyPilot();
  return {
    ...inputs,
    metrics: [...inputs.metrics, metric({ id: 'metric-2', pushSources: [], ...over })],
  };
};

describe('metrics: definition not agreed', () => {
  // From 7 days waiting, 20 points.
  it.each([
    [6, []],
    [7, [['metrics.definition_unsigned', 20]]],
    [8, [['metrics.definition_unsigned', 20]]],
  ])('waiting %i days for IT → %j', (days, expected) => {
    const result = healthAt(
      withMetric({
        definitionSince: instantDaysAgo(days),
        signedAt: { business: instantDaysAgo(days), it: null },
      }),
    );
    expect(deductions(result, 'metrics')).toEqual(expected);
  });

  it('names the metric and the sides that have not signed', () => {
    const result = healthAt(
      withMetric({ definitionSince: instantDaysAgo(9), signedAt: { business: null, it: null } }),
    );
    const reason = reasonOf(result, 'metrics.definition_unsigned');
    expect(reason.params).toEqual({
      metric: 'Closed leads',
      days: 9,
      waitingFor: ['business', 'it'],
    });
    expect(reason.link).toEqual({ kind: 'metric', metricId: 'metric-2' });
  });
});

describe('metrics: no data for longer than the period plus grace', () => {
  // Grace 3 days; red from 3 periods + grace.
  it.each([
    ['day', 3, 0],
    ['day', 4, 25],
    ['day', 5, 25],
    ['day', 6, 55],
    ['week', 9, 0],
    ['week', 10, 25],
    ['week', 11, 25],
    ['week', 23, 25],
    ['week', 24, 55],
    ['week', 25, 55],
    ['month', 33, 0],
    ['month', 34, 25],
    ['month', 96, 55],
  ] as const)('%s metric, last point %i days ago → %i', (period, days, points) => {
    const result = healthAt(withMetric({ period, lastDataAt: instantDaysAgo(days) }));
    expect(deductions(result, 'metrics')).toEqual(points ? [['metrics.data_stale', points]] : []);
  });

  it('says when the last point was and how the metric is measured', () => {
    const result = healthAt(withMetric({ lastDataAt: '2026-11-28T08:00:00Z' }));
    expect(reasonOf(result, 'metrics.data_stale').params).toEqual({
      metric: 'Closed leads',
      days: 12,
      lastDataDay: '2026-11-28',
      period: 'week',
    });
  });
});

describe('metrics: an agreed metric without any data', () => {
  it.each([
    ['pilot', 9, []],
    ['pilot', 10, [['metrics.no_data', 25]]],
    ['operation', 10, [['metrics.no_data', 25]]],
    // Before the pilot, a metric without data is normal.
    ['integration', 40, []],
  ] as const)('in %s, created %i days ago → %j', (stage, days, expected) => {
    const inputs = withMetric({ createdAt: instantDaysAgo(days), lastDataAt: null });
    const result = healthAt({ ...inputs, stage: STAGES[stage]! });
    expect(deductions(result, 'metrics')).toEqual(expected);
  });

  it('an unsigned metric is reported as unsigned, not as without data', () => {
    const result = healthAt(
      withMetric({
        createdAt: instantDaysAgo(30),
        definitionSince: instantDaysAgo(30),
        signedAt: { business: null, it: instantDaysAgo(29) },
        lastDataAt: null,
      }),
    );
    expect(deductions(result, 'metrics')).toEqual([['metrics.definition_unsigned', 20]]);
  });
});

describe('metrics: a push source gone silent', () => {
  // Period + 1 day's grace: a weekly metric from 8 days, a daily one from 2.
  it.each([
    ['week', 7, 0],
    ['week', 8, 20],
    ['week', 9, 20],
    ['day', 1, 0],
    ['day', 2, 20],
  ] as const)('%s metric, last push %i days ago → %i', (period, days, points) => {
    const result = healthAt(
      withMetric({
        period,
        lastDataAt: instantDaysAgo(0),
        pushSources: [{ tokenId: 't', name: 'CRM', lastPushAt: instantDaysAgo(days) }],
      }),
    );
    expect(deductions(result, 'metrics')).toEqual(points ? [['metrics.push_silent', points]] : []);
  });

  it('names the source and links to it', () => {
    const result = healthAt(
      withMetric({
        lastDataAt: instantDaysAgo(0),
        pushSources: [
          { tokenId: 'fresh', name: 'Web form', lastPushAt: instantDaysAgo(0) },
          { tokenId: 'crm', name: 'CRM', lastPushAt: '2026-12-01T09:00:00Z' },
        ],
      }),
    );
    const reason = reasonOf(result, 'metrics.push_silent');
    expect(reason.params).toEqual({
      metric: 'Closed leads',
      source: 'CRM',
      days: 9,
      lastPushDay: '2026-12-01',
    });
    expect(reason.link).toEqual({ kind: 'pushSource', metricId: 'metric-2', tokenId: 'crm' });
  });
});
