import '@mantine/charts/styles.css';
import { LineChart, type ChartReferenceLineProps } from '@mantine/charts';
import { Group, Paper, Stack, Text, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/metrics.js';
import { useFormat } from '../../i18n/format.js';
import {
  fillPeriods,
  parseSource,
  periodLabel,
  yearAwareTicks,
  type ChartPoint,
} from './metric-format.js';
import { formatMetricValue } from './MetricValue.js';
import { useSourceLabel } from './useSourceLabel.js';

/** One extra line over the values, e.g. a goal's plan or forecast. */
export interface OverlayLine {
  /** Its key in the overlay rows; not `start`, `value`, `count` or `sources`. */
  key: string;
  label: string;
  color: MantineColor;
  dashed?: boolean;
}

/**
 * Optional lines over the metric's values (a goal's baseline, target, plan and forecast).
 * Rows are merged with the series by period start; starts after the last value extend the axis.
 */
export interface ChartOverlay {
  rows: { start: string; values: Record<string, number> }[];
  lines: OverlayLine[];
  /** Horizontal (`y`) or vertical (`x` = a period start) lines, e.g. baseline and target. */
  referenceLines?: ChartReferenceLineProps[];
  /** The y-axis range, e.g. `['auto', 'auto']` to zoom in on a goal; from 0 by default. */
  yAxisDomain?: [number | 'auto', number | 'auto'];
}

/** A period row: the series' point where there is one, plus the overlay's values. */
type Row = Partial<ChartPoint> & { start: string } & Record<string, unknown>;

function mergeRows(points: ChartPoint[], overlay: ChartOverlay | undefined): Row[] {
  if (!overlay) return points.map((p) => ({ ...p }));
  const rows = new Map<string, Row>(points.map((p) => [p.start, { ...p }]));
  for (const r of overlay.rows)
    rows.set(r.start, { ...rows.get(r.start), ...r.values, start: r.start });
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start));
}

interface TooltipProps {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  series: Series;
  lines?: OverlayLine[];
}

/** The overlay's values at a period (plan, forecast), under the measured value. */
function OverlayValues({ row, lines, unit }: { row: Row; lines: OverlayLine[]; unit: string }) {
  const fmt = useFormat();
  const shown = lines.filter((l) => typeof row[l.key] === 'number');
  if (!shown.length) return null;
  return (
    <>
      {shown.map((l) => (
        <Group key={l.key} gap={6} wrap="nowrap">
          <span
            aria-hidden
            style={{
              width: 10,
              height: 0,
              borderTop: `2px dashed var(--mantine-color-${l.color.replace('.', '-')})`,
              flexShrink: 0,
            }}
          />
          <Text size="xs">
            {l.label}: {formatMetricValue(fmt, row[l.key] as number, unit)}
          </Text>
        </Group>
      ))}
    </>
  );
}

function PointTooltip({ active, payload, series, lines = [] }: TooltipProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sourceLabel = useSourceLabel();
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  if (typeof row.value !== 'number') {
    // A period without values: a gap between measurements (null), or ahead of today where
    // only the plan and the forecast are drawn.
    return (
      <Paper withBorder shadow="md" radius="md" p="xs" maw={280}>
        <Stack gap={4}>
          <Text size="xs" fw={600}>
            {periodLabel(row.start, series.period, fmt.language)}
          </Text>
          {row.value === null ? (
            <Text size="sm" c="dimmed">
              {t('metrics.chart.noValues')}
            </Text>
          ) : null}
          <OverlayValues row={row} lines={lines} unit={series.unit} />
        </Stack>
      </Paper>
    );
  }
  const point = row as Row & ChartPoint & { value: number };
  return (
    <Paper withBorder shadow="md" radius="md" p="xs" maw={280}>
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          {periodLabel(point.start, series.period, fmt.language)}
        </Text>
        <Group gap={6} wrap="nowrap">
          <span
            aria-hidden
            style={{
              width: 10,
              height: 10,
              borderRadius: 5,
              background: 'var(--mantine-color-blue-6)',
              flexShrink: 0,
            }}
          />
          <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMetricValue(fmt, point.value, series.unit)}
          </Text>
          <Text size="xs" c="dimmed">
            ({t(`metrics.aggregation.${series.aggregation}`)})
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('metrics.chart.measurements', { count: point.count })}
        </Text>
        {point.sources.length ? (
          <Text size="xs" c="dimmed">
            {t('metrics.chart.sources')}:{' '}
            {point.sources.map((s) => sourceLabel(parseSource(s))).join(', ')}
          </Text>
        ) : null}
        <OverlayValues row={point} lines={lines} unit={series.unit} />
      </Stack>
    </Paper>
  );
}

/**
 * The metric's values per period, the same for both sides. Loaded lazily: the chart library
 * is only fetched when a metric page shows it.
 */
export default function MetricChart({
  series,
  name,
  height = 300,
  overlay,
}: {
  series: Series;
  name: string;
  height?: number;
  /** Extra lines over the values, e.g. a goal's baseline, target, plan and forecast. */
  overlay?: ChartOverlay;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const data = mergeRows(fillPeriods(series.points, series.period), overlay);
  const lines = overlay?.lines ?? [];
  return (
    <LineChart
      h={height}
      data={data}
      dataKey="start"
      series={[
        { name: 'value', label: name, color: 'blue.6' },
        ...lines.map((l) => ({
          name: l.key,
          label: l.label,
          color: l.color,
          ...(l.dashed ? { strokeDasharray: '6 4' } : {}),
        })),
      ]}
      {...(overlay
        ? {
            referenceLines: overlay.referenceLines ?? [],
            withLegend: true,
            legendProps: { verticalAlign: 'bottom' as const, height: 36 },
            // Only the measured values carry dots; plan and forecast are plain lines.
            lineProps: (s: { name: string }) =>
              s.name === 'value' ? {} : { dot: false, activeDot: false, strokeWidth: 1.5 },
          }
        : {})}
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
      yAxisProps={{ width: 64, ...(overlay?.yAxisDomain ? { domain: overlay.yAxisDomain } : {}) }}
      tooltipProps={{ content: (p) => <PointTooltip {...p} series={series} lines={lines} /> }}
      role="img"
      aria-label={t('metrics.chart.label', {
        name,
        period: t(`metrics.periodOf.${series.period}`),
        count: series.points.length,
      })}
      data-testid="metric-chart"
    />
  );
}
