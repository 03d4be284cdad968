import { Group, Paper, Stack, Text, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/metrics.js';
import { useFormat } from '../../i18n/format.js';
import type { ProgressRow } from './chart-scale.js';
import { parseSource, periodLabel, type ChartPoint } from './metric-format.js';
import { formatMetricValue } from './MetricValue.js';
import { useSourceLabel } from './useSourceLabel.js';

/** One extra line over the values, e.g. a goal's plan or forecast. */
export interface OverlayLine {
  /** Its key in the overlay rows; not `start`, `value`, `partial`, `count` or `sources`. */
  key: string;
  label: string;
  color: MantineColor;
  dashed?: boolean;
}

/** A theme colour such as `violet.6` as the CSS variable both schemes define. */
export const cssColor = (color: MantineColor): string =>
  `var(--mantine-color-${color.replace('.', '-')})`;

/** A period row: the series' point where there is one, plus the overlay's values. */
export type Row = Partial<ChartPoint> & ProgressRow & Record<string, unknown>;

/** A short sample of a line as the chart draws it: solid or dashed, with a dot or hollow. */
export function LineSample({
  color,
  dashed = false,
  line = true,
  dot,
}: {
  color: string;
  dashed?: boolean;
  line?: boolean;
  dot?: 'filled' | 'hollow';
}) {
  return (
    <svg width={22} height={10} aria-hidden style={{ flexShrink: 0 }}>
      {line ? (
        <line
          x1={1}
          x2={21}
          y1={5}
          y2={5}
          stroke={color}
          strokeWidth={2}
          strokeDasharray={dashed ? '4 3' : undefined}
        />
      ) : null}
      {dot ? (
        <circle
          cx={11}
          cy={5}
          r={3.5}
          stroke={color}
          strokeWidth={2}
          fill={dot === 'hollow' ? 'var(--mantine-color-body)' : color}
        />
      ) : null}
    </svg>
  );
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
          <LineSample color={cssColor(l.color)} dashed={l.dashed} />
          <Text size="xs">
            {l.label}: {formatMetricValue(fmt, row[l.key] as number, unit)}
          </Text>
        </Group>
      ))}
    </>
  );
}

interface TooltipProps {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  series: Series;
  lines?: OverlayLine[];
  valueColor: string;
}

/** What one period holds: its value (or the value so far), how many values, from where. */
export function PointTooltip({ active, payload, series, lines = [], valueColor }: TooltipProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sourceLabel = useSourceLabel();
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  const running = row.inProgress === true && typeof row.partial === 'number';
  const value = running ? row.partial : row.value;
  return (
    <Paper withBorder shadow="md" radius="md" p="xs" maw={300}>
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          {periodLabel(row.start, series.period, fmt.language)}
        </Text>
        {typeof value === 'number' ? (
          <>
            <Group gap={6} wrap="nowrap">
              <LineSample color={valueColor} line={!running} dot={running ? 'hollow' : 'filled'} />
              <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatMetricValue(fmt, value, series.unit)}
              </Text>
              <Text size="xs" c="dimmed">
                ({t(`metrics.aggregation.${series.aggregation}`)})
              </Text>
            </Group>
            {running ? (
              <Text size="xs" fw={500}>
                {t('metrics.chart.inProgressHint')}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('metrics.chart.measurements', { count: row.count ?? 0 })}
            </Text>
            {row.sources?.length ? (
              <Text size="xs" c="dimmed">
                {t('metrics.chart.sources')}:{' '}
                {row.sources.map((s) => sourceLabel(parseSource(s))).join(', ')}
              </Text>
            ) : null}
          </>
        ) : row.value === null && !row.inProgress ? (
          // A gap between measurements; rows ahead of today carry only the plan and forecast.
          <Text size="sm" c="dimmed">
            {t('metrics.chart.noValues')}
          </Text>
        ) : null}
        <OverlayValues row={row} lines={lines} unit={series.unit} />
      </Stack>
    </Paper>
  );
}
