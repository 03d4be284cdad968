import { Text, type MantineSize } from '@mantine/core';
import { IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../../../contracts/metrics.js';
import { useFormat, type Formatters } from '../../i18n/format.js';

/** `1.234,5 min` / `1,234.5 min`: locale digits, at most two decimals, always the unit. */
export function formatMetricValue(fmt: Formatters, value: number, unit: string): string {
  const n = fmt.number(value, { maximumFractionDigits: 2 });
  return unit ? `${n}\u00a0${unit}` : n;
}

export function MetricValue({
  value,
  unit,
  size = 'sm',
}: {
  value: number;
  unit: string;
  size?: MantineSize;
}) {
  const fmt = useFormat();
  return (
    <Text span size={size} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatMetricValue(fmt, value, unit)}
    </Text>
  );
}

/**
 * Up for "higher is better", down for "lower is better"; the words for screen readers unless
 * `decorative` (the direction is already written next to it, so the icon is aria-hidden only).
 */
export function DirectionIcon({
  direction,
  size = 16,
  decorative = false,
}: {
  direction: Direction;
  size?: number;
  decorative?: boolean;
}) {
  const { t } = useTranslation();
  const Icon = direction === 'higher_is_better' ? IconTrendingUp : IconTrendingDown;
  if (decorative) return <Icon size={size} aria-hidden style={{ verticalAlign: 'middle' }} />;
  return (
    <>
      <Icon size={size} aria-hidden style={{ verticalAlign: 'middle' }} />
      <span className="visually-hidden">{t(`metrics.direction.${direction}`)}</span>
    </>
  );
}
