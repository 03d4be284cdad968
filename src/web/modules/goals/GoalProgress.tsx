import { Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconChartDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Goal } from '../../../contracts/goals.js';
import { useFormat } from '../../i18n/format.js';
import { ProgressStateBadge } from './GoalBadges.js';
import {
  currentLine,
  forecastSentence,
  formatEstimate,
  percentOf,
  planShare,
} from './goal-format.js';

type ProgressGoal = Pick<
  Goal,
  'status' | 'metric' | 'baselineValue' | 'targetValue' | 'dueDate' | 'progress'
>;

/**
 * The way from baseline (left) to target (right): how far the metric has come, and a marker
 * where the plan expects it today.
 */
export function GoalProgressBar({
  goal,
  size = 'md',
}: {
  goal: ProgressGoal;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const done = percentOf(goal.progress.completion);
  const share = planShare(goal);
  const plan = share === null ? null : percentOf(share);
  const percent = (v: number | null) =>
    fmt.number(v ?? 0, { style: 'percent', maximumFractionDigits: 0 });
  const planValue =
    goal.progress.plan !== null ? formatEstimate(fmt, goal.progress.plan, goal) : null;
  const valueText =
    planValue && share !== null
      ? t('goals.progress.valueText', {
          percent: percent(goal.progress.completion),
          plan: planValue,
        })
      : t('goals.progress.valueTextNoPlan', { percent: percent(goal.progress.completion) });
  const achieved = goal.progress.state === 'achieved' || goal.status === 'achieved';
  return (
    <Box pos="relative" py={3}>
      <Progress.Root size={size} radius="xl">
        <Progress.Section
          value={done}
          color={achieved ? 'violet' : 'blue'}
          aria-label={t('goals.progress.label')}
          aria-valuetext={goal.progress.completion === null ? t('goals.state.no_data') : valueText}
        />
      </Progress.Root>
      {plan !== null && !achieved ? (
        <Tooltip label={`${t('goals.progress.planMarker')}: ${planValue ?? ''}`} withArrow>
          <Box
            data-testid="plan-marker"
            pos="absolute"
            top={0}
            bottom={0}
            w={3}
            style={{
              left: `calc(${plan}% - 1.5px)`,
              borderRadius: 2,
              background: 'var(--mantine-color-text)',
              opacity: 0.75,
            }}
          />
        </Tooltip>
      ) : null}
    </Box>
  );
}

/** State, bar, current value against the plan, and where the trend leads. */
export function GoalProgress({ goal, compact = false }: { goal: ProgressGoal; compact?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = currentLine(goal, t, fmt);
  const forecast = forecastSentence(goal, t, fmt);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <ProgressStateBadge state={goal.progress.state} />
        {goal.progress.completion !== null ? (
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {fmt.number(goal.progress.completion, { style: 'percent', maximumFractionDigits: 0 })}
          </Text>
        ) : null}
      </Group>
      <GoalProgressBar goal={goal} size={compact ? 'sm' : 'md'} />
      {now ? (
        <Text size="xs" c="dimmed">
          {now}
        </Text>
      ) : null}
      {forecast ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconChartDots size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="xs" data-testid="forecast">
            {forecast}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
