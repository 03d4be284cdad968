import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Goal } from '../../../contracts/goals.js';
import { renderWithProviders, testQueryClient } from '../../test-utils.js';
import { metric } from '../metrics/fixtures.js';
import { metricKeys } from '../metrics/metrics.queries.js';
import { GoalChartPanel } from './GoalChartPanel.js';

type ChartGoal = Parameters<typeof GoalChartPanel>[0]['goal'];

const goal = (over: Partial<ChartGoal> = {}): ChartGoal => ({
  status: 'agreed',
  metric: {
    id: 'm1',
    name: 'Closed leads',
    unit: 'Leads',
    direction: 'higher_is_better',
    period: 'week',
  },
  baselineValue: 4,
  baselineDate: '2026-08-03',
  targetValue: 8,
  dueDate: '2027-01-30',
  progress: {
    // One good week reads as reached, yet the goal is open: its forecast still shows.
    state: 'achieved',
    current: { value: 8, periodStart: '2026-11-23', periodEnd: '2026-11-23' },
    plan: 6.7,
    completion: 1,
    forecast: { valueAtDue: 5.6, meetsTarget: false, basedOn: 8, clamped: false },
    needsDecision: false,
    rule: 'last_complete_period',
    inProgressPeriodStart: null,
  } satisfies Goal['progress'],
  ...over,
});

function renderPanel(g: ChartGoal) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(metricKeys.detail('m1'), metric());
  queryClient.setQueryData(metricKeys.series('m1', 'week'), {
    metricId: 'm1',
    period: 'week',
    aggregation: 'sum',
    unit: 'Leads',
    points: [
      { start: '2026-11-16', value: 6, count: 5, sources: [] },
      { start: '2026-11-23', value: 8, count: 5, sources: [] },
      { start: '2026-11-30', value: 1, count: 1, sources: [] },
    ],
  });
  return renderWithProviders(<GoalChartPanel goal={g} />, { queryClient });
}

describe('GoalChartPanel', () => {
  it('draws the forecast of an open goal and marks the running week', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z'), toFake: ['Date'] });
    renderPanel(goal());
    const key = await screen.findByTestId('chart-key', {}, { timeout: 10_000 });
    expect(key).toHaveTextContent('Forecast (trend of the last 8 periods)');
    expect(key).toHaveTextContent('Plan');
    expect(screen.getByTestId('chart-key-running')).toHaveTextContent('W49 still running');
  });

  it('says why there is no forecast line yet', async () => {
    renderPanel(goal({ progress: { ...goal().progress, state: 'behind', forecast: null } }));
    await screen.findByTestId('chart-key', {}, { timeout: 10_000 });
    expect(screen.getByTestId('goal-no-forecast')).toHaveTextContent('No forecast yet');
    expect(screen.getByTestId('chart-key')).not.toHaveTextContent('Forecast');
  });

  it('draws no forecast for a closed goal', async () => {
    renderPanel(goal({ status: 'achieved' }));
    await screen.findByTestId('chart-key', {}, { timeout: 10_000 });
    expect(screen.getByTestId('chart-key')).not.toHaveTextContent('Forecast');
    expect(screen.queryByTestId('goal-no-forecast')).not.toBeInTheDocument();
  });
});
