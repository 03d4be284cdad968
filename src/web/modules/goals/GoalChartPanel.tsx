import { Skeleton, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Goal } from '../../../contracts/goals.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import { useSeriesQuery } from '../metrics/metrics.queries.js';
import { chartStart, goalOverlay } from './goal-chart.js';
import { formatDay, formatValue, isOpen } from './goal-format.js';

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
  const view = useMemo(() => {
    if (!series.data) return null;
    const from = goal.baselineDate ? chartStart(goal.baselineDate, metric.period) : null;
    const points = from ? series.data.points.filter((p) => p.start >= from) : series.data.points;
    const overlay = goalOverlay({
      points,
      period: metric.period,
      baselineValue: goal.baselineValue,
      baselineDate: goal.baselineDate,
      targetValue: goal.targetValue,
      dueDate: goal.dueDate,
      // A reached or closed goal has nothing left to forecast.
      forecast:
        isOpen(goal.status) && goal.progress.state !== 'achieved' ? goal.progress.forecast : null,
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
        forecast: t('goals.chart.forecast'),
      },
    });
    return { series: { ...series.data, points }, overlay };
  }, [series.data, goal, metric, t, fmt]);

  if (series.isError) {
    return <ProblemAlert error={series.error} onReload={() => void series.refetch()} />;
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
    <Suspense fallback={<Skeleton height={320} radius="md" />}>
      <MetricChart series={view.series} name={metric.name} height={320} overlay={view.overlay} />
    </Suspense>
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
