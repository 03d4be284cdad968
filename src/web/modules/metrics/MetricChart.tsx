import '@mantine/charts/styles.css';
import { LineChart, type ChartReferenceLineProps } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/metrics.js';
import { useFormat } from '../../i18n/format.js';
import { markInProgress, type ValueAxis } from './chart-scale.js';
import { fillPeriods, periodTick, yearAwareTicks } from './metric-format.js';
import {
  cssColor,
  LineSample,
  PointTooltip,
  type OverlayLine,
  type Row,
} from './MetricChartTooltip.js';

export type { OverlayLine } from './MetricChartTooltip.js';

/**
 * Optional lines over the metric's values (a goal's baseline, target, plan and forecast).
 * Rows are merged with the series by period start; starts after the last value extend the axis.
 */
export interface ChartOverlay {
  rows: { start: string; values: Record<string, number> }[];
  lines: OverlayLine[];
  /** Horizontal (`y`) or vertical (`x` = a period start) lines, e.g. baseline and target. */
  referenceLines?: ChartReferenceLineProps[];
}

const VALUE_COLOR = 'blue.6';

function mergeRows(
  series: Series,
  overlay: ChartOverlay | undefined,
  runningFrom: string | undefined,
): Row[] {
  const points = markInProgress(fillPeriods(series.points, series.period), runningFrom);
  const rows = new Map<string, Row>(points.map((p) => [p.start, { ...p }]));
  for (const r of overlay?.rows ?? [])
    rows.set(r.start, { ...rows.get(r.start), ...r.values, start: r.start } as Row);
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** The running period's dot: hollow, as its value is not final. Other rows draw none. */
function RunningDot(props: { cx?: number; cy?: number; index: number; payload?: unknown }) {
  const row = props.payload as Row | undefined;
  if (!row?.inProgress || props.cx === undefined || props.cy === undefined) {
    return <g key={props.index} />;
  }
  return (
    <circle
      key={props.index}
      cx={props.cx}
      cy={props.cy}
      r={4.5}
      fill="var(--mantine-color-body)"
      stroke={cssColor(VALUE_COLOR)}
      strokeWidth={2}
      data-testid="chart-running-dot"
    />
  );
}

/**
 * What the lines mean, drawn as they appear: the values solid, the running period a hollow
 * dot, plan and forecast dashed in their colours (baseline, target and due date are labelled
 * where they are drawn).
 */
function ChartKey({
  name,
  running,
  lines,
}: {
  name: string;
  running: string | null;
  lines: OverlayLine[];
}) {
  const { t } = useTranslation();
  return (
    <Group gap="md" justify="center" mt={4} data-testid="chart-key">
      <Group gap={6} wrap="nowrap">
        <LineSample color={cssColor(VALUE_COLOR)} dot="filled" />
        <Text size="xs">{name}</Text>
      </Group>
      {running ? (
        <Group gap={6} wrap="nowrap" data-testid="chart-key-running">
          <LineSample color={cssColor(VALUE_COLOR)} line={false} dot="hollow" />
          <Text size="xs">{t('metrics.chart.inProgress', { period: running })}</Text>
        </Group>
      ) : null}
      {lines.map((l) => (
        <Group key={l.key} gap={6} wrap="nowrap">
          <LineSample color={cssColor(l.color)} dashed={l.dashed} />
          <Text size="xs">{l.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * The metric's values per period, the same for both sides. The period still running is a
 * hollow dot off the line and says so, instead of a cliff. Loaded lazily: the chart
 * library is only fetched when a page shows it.
 */
export default function MetricChart({
  series,
  name,
  height = 300,
  overlay,
  runningFrom,
  axis,
}: {
  series: Series;
  name: string;
  height?: number;
  /** Extra lines over the values, e.g. a goal's baseline, target, plan and forecast. */
  overlay?: ChartOverlay;
  /** The start of the period still running (see currentPeriodStart). */
  runningFrom?: string;
  /** The value axis (see valueAxis); from 0 by default. */
  axis?: ValueAxis;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const data = mergeRows(series, overlay, runningFrom);
  const lines = overlay?.lines ?? [];
  const runningRow = data.find((r) => r.inProgress && typeof r.partial === 'number');
  const running = runningRow ? periodTick(runningRow.start, series.period, fmt.language) : null;
  return (
    <Stack gap={0}>
      <LineChart
        h={height}
        data={data}
        dataKey="start"
        series={[
          { name: 'value', label: name, color: VALUE_COLOR },
          ...(running
            ? [
                {
                  name: 'partial',
                  label: t('metrics.chart.inProgress', { period: running }),
                  color: VALUE_COLOR,
                },
              ]
            : []),
          ...lines.map((l) => ({
            name: l.key,
            label: l.label,
            color: l.color,
            ...(l.dashed ? { strokeDasharray: '6 4' } : {}),
          })),
        ]}
        referenceLines={overlay?.referenceLines ?? []}
        // Measured values carry dots; the running period a hollow one; plan and forecast none.
        lineProps={(s: { name: string }) =>
          s.name === 'value'
            ? {}
            : s.name === 'partial'
              ? { dot: RunningDot, activeDot: false, strokeWidth: 0 }
              : { dot: false, activeDot: false, strokeWidth: 1.5 }
        }
        curveType="linear"
        withDots={series.points.length <= 40}
        strokeWidth={2}
        gridAxis="xy"
        yAxisLabel={series.unit}
        valueFormatter={(v) => fmt.number(v, { maximumFractionDigits: 2, notation: 'compact' })}
        xAxisProps={{
          tickFormatter: yearAwareTicks(series.period, fmt.language),
          minTickGap: 24,
        }}
        yAxisProps={{
          width: 64,
          ...(axis ? { domain: axis.domain } : {}),
          ...(axis?.ticks ? { ticks: axis.ticks, interval: 0 } : {}),
        }}
        tooltipProps={{
          content: (p) => (
            <PointTooltip {...p} series={series} lines={lines} valueColor={cssColor(VALUE_COLOR)} />
          ),
        }}
        role="img"
        aria-label={t('metrics.chart.label', {
          name,
          period: t(`metrics.periodOf.${series.period}`),
          count: series.points.length,
        })}
        data-testid="metric-chart"
      />
      {running || lines.length ? <ChartKey name={name} running={running} lines={lines} /> : null}
    </Stack>
  );
}
