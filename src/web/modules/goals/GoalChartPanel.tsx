import { Skeleton, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Goal } from '../../../contracts/goals.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { currentPeriodStart, valueAxis } from '../metrics/chart-scale.js';
import { useMetricQuery, useSeriesQuery } from '../metrics/metrics.queries.js';
import { chartStart, goalOverlay } from './goal-chart.js';
import { formatValue, isOpen } from './goal-format.js';

// The chart library is only fetched when a goal page shows a chart.
const MetricChart = lazy(() => import('../metrics/MetricChart.js'));

type ChartGoal = Pick<
  Goal,
  'status' | 'metric' | 'baselineValue' | 'baselineDate' | 'targetValue' | 'dueDate' | 'progress'
>;

function Chart({ goal, metric }: { goal: ChartGoal; metric: NonNullable<Goal['metric']> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const series = useSeriesQuery(metric.id, metric.period);
  // The definition says where the metric's days end (its time zone) and what values it takes.
  const definition = useMetricQuery(metric.id);
  const timeZone = definition.data?.definition.timeZone;
  // A closed goal has nothing left to forecast; an open one shows the server's forecast.
  const forecast = isOpen(goal.status) ? goal.progress.forecast : null;
  const view = useMemo(() => {
    if (!series.data || !definition.data) return null;
    const from = goal.baselineDate ? chartStart(goal.baselineDate, metric.period) : null;
    const points = from ? series.data.points.filter((p) => p.start >= from) : series.data.points;
    const runningFrom = timeZone
      ? currentPeriodStart(metric.period, timeZone, new Date())
      : undefined;
    const overlay = goalOverlay({
      points,
      period: metric.period,
      baselineValue: goal.baselineValue,
      baselineDate: goal.baselineDate,
      targetValue: goal.targetValue,
      dueDate: goal.dueDate,
      forecast,
      runningFrom,
      labels: {
        baseline:
          goal.baselineValue === null
            ? ''
            : t('goals.chart.baseline', {
                value: formatValue(fmt, goal.baselineValue, metric.unit),
              }),
        target:
          goal.targetValue === null
            ? ''
            : t('goals.chart.target', { value: formatValue(fmt, goal.targetValue, metric.unit) }),
        due: goal.dueDate ? t('goals.chart.due', { date: formatDay(fmt, goal.dueDate) }) : '',
        plan: t('goals.chart.plan'),
        forecast: t('goals.chart.forecast', { count: forecast?.basedOn ?? 0 }),
      },
    });
    return {
      series: { ...series.data, points },
      overlay,
      runningFrom,
      axis: valueAxis(definition.data.definition, { zoom: true }),
    };
  }, [series.data, definition.data, timeZone, forecast, goal, metric, t, fmt]);

  if (series.isError || definition.isError) {
    const failed = series.isError ? series : definition;
    return <ProblemAlert error={failed.error} onReload={() => void failed.refetch()} />;
  }
  if (!view) return <Skeleton height={320} radius="md" />;
  if (view.series.points.length === 0 && view.overlay.rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('goals.chart.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Suspense fallback={<Skeleton height={320} radius="md" />}>
        <MetricChart
          series={view.series}
          name={metric.name}
          height={320}
          overlay={view.overlay}
          runningFrom={view.runningFrom}
          axis={view.axis}
        />
      </Suspense>
      {isOpen(goal.status) && !forecast && goal.dueDate ? (
        <Text size="xs" c="dimmed" data-testid="goal-no-forecast">
          {t('goals.chart.noForecast')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The goal's metric with baseline, target, plan and forecast drawn over it. */
export function GoalChartPanel({ goal }: { goal: ChartGoal }) {
  const { t } = useTranslation();
  if (!goal.metric) {
    return (
      <Text size="sm" c="dimmed">
        {t('goals.chart.noMetric')}
      </Text>
    );
  }
  return <Chart goal={goal} metric={goal.metric} />;
}
