import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioHistory } from '../../../contracts/collaboration-health.js';
import type { PortfolioQuery } from '../../../contracts/portfolio.js';
import { formatDay, useFormat } from '../../i18n/format.js';
import { usePortfolioHistoryQuery } from './health.queries.js';

const COLOURS = {
  red: 'var(--mantine-color-red-6)',
  amber: 'var(--mantine-color-yellow-5)',
  green: 'var(--mantine-color-green-6)',
} as const;

/** The bars' size: the pending box keeps the same place. */
const BARS_WIDTH = 270;
const BARS_HEIGHT = 40;

/** One stacked bar per snapshot day: red at the bottom, then amber, then green. */
function Bars({ trend, label }: { trend: PortfolioHistory['trend']; label: string }) {
  const w = BARS_WIDTH;
  const h = BARS_HEIGHT;
  const most = Math.max(1, ...trend.map((d) => d.red + d.amber + d.green));
  const step = w / Math.max(trend.length, 1);
  const bar = Math.max(1, step - 1);
  return (
    <svg width={w} height={h} role="img" aria-label={label} data-testid="portfolio-trend-bars">
      {trend.map((d, i) => {
        let y = h;
        return (['red', 'amber', 'green'] as const).map((a) => {
          const height = (d[a] / most) * h;
          y -= height;
          return height > 0 ? (
            <rect
              key={`${d.day}-${a}`}
              x={i * step}
              y={y}
              width={bar}
              height={height}
              fill={COLOURS[a]}
            />
          ) : null;
        });
      })}
    </svg>
  );
}

/**
 * The trend's box: its title and line of words, the bars beside them. `pending`: the same box
 * while the trend is asked for (busy, no words yet), so the page below keeps its place.
 */
function TrendFrame({
  title,
  words,
  pending = false,
  children,
}: {
  title: string;
  words: string;
  pending?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      mb="md"
      aria-busy={pending || undefined}
      aria-labelledby={pending ? undefined : 'trend-title'}
      data-testid={pending ? 'portfolio-trend-pending' : 'portfolio-trend'}
    >
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2} fz="sm" id={pending ? undefined : 'trend-title'}>
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {words}
          </Text>
        </div>
        {children}
      </Group>
    </Paper>
  );
}

/**
 * The portfolio over the last 90 days (the nightly snapshots): the first and the latest day in
 * words (never colour alone), and a small stacked bar per day. Nothing before the first snapshot.
 */
export function PortfolioTrend({ query }: { query: PortfolioQuery }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const history = usePortfolioHistoryQuery(query);
  const trend = history.data?.trend ?? [];
  const first = trend[0];
  const last = trend[trend.length - 1];
  // Not asked yet (it waits for the page's first idle moment) or on its way: its place is kept,
  // so the heat map below does not jump down when it arrives (a person may be aiming at a cell).
  if (history.isPending)
    return (
      <TrendFrame pending title={t('portfolio.trend.title')} words={'\u00a0'}>
        <div style={{ width: BARS_WIDTH, height: BARS_HEIGHT }} />
      </TrendFrame>
    );
  if (!first || !last) return null;
  const words = (d: typeof first) =>
    t('portfolio.trend.day', { date: formatDay(fmt, d.day), ...d });
  return (
    <TrendFrame
      title={t('portfolio.trend.title')}
      words={trend.length > 1 ? `${words(first)} → ${words(last)}` : words(last)}
    >
      <Bars
        trend={trend}
        label={`${t('portfolio.trend.label', { count: trend.length })}: ${trend
          .map(words)
          .join('; ')}`}
      />
    </TrendFrame>
  );
}
