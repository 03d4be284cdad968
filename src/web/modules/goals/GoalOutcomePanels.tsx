import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarEvent, IconConfetti, IconFlag, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { GoalDetail } from '../../../contracts/goals.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { NeedsDecisionBadge } from './GoalBadges.js';
import { formatValue } from './goal-format.js';

/** Reached: a moment to celebrate, with the date and the numbers. */
export function AchievedPanel({ goal }: { goal: GoalDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unit = goal.metric?.unit;
  return (
    <Paper
      radius="md"
      p="lg"
      data-testid="goal-achieved"
      style={{
        background:
          'light-dark(var(--mantine-color-violet-0), color-mix(in srgb, var(--mantine-color-violet-9) 30%, var(--mantine-color-dark-7)))',
        border: '1px solid var(--mantine-color-violet-3)',
      }}
    >
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={48} radius="xl" color="violet" variant="filled">
          <IconConfetti size={28} aria-hidden />
        </ThemeIcon>
        <Stack gap={4}>
          <Title order={2} fz="h3">
            {t('goals.achieved.title')}
          </Title>
          <Text size="sm">
            {t('goals.achieved.text', {
              date: goal.achievedAt ? fmt.date(goal.achievedAt) : '',
              current: goal.progress.current
                ? formatValue(fmt, goal.progress.current.value, unit)
                : '—',
              target: goal.targetValue === null ? '—' : formatValue(fmt, goal.targetValue, unit),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('goals.achieved.together')}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

export function ClosedPanel({ goal }: { goal: GoalDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const missed = goal.status === 'missed';
  return (
    <Alert
      variant="outline"
      color="dark"
      radius="md"
      icon={missed ? <IconFlag size={18} aria-hidden /> : <IconX size={18} aria-hidden />}
      title={missed ? t('goals.closed.missedTitle') : t('goals.closed.droppedTitle')}
      data-testid="goal-closed"
    >
      <Stack gap={4}>
        {goal.statusReason ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('goals.closed.reason', { reason: goal.statusReason })}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('goals.closed.on', { date: fmt.date(goal.updatedAt) })}
        </Text>
      </Stack>
    </Alert>
  );
}

/** Past due and not reached: the owners decide — missed, a new due date, or drop it. */
export function DecisionPanel({
  goal,
  canEdit,
  canDecide,
  onMissed,
  onEdit,
  onDrop,
}: {
  goal: GoalDetail;
  canEdit: boolean;
  /** Owners and deputies mark missed or drop; contributors may still move the due date. */
  canDecide: boolean;
  onMissed: () => void;
  onEdit: () => void;
  onDrop: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unit = goal.metric?.unit;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="goal-decision"
      style={{ borderColor: 'var(--mantine-color-dark-4)', borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <NeedsDecisionBadge />
          <Title order={2} fz="h4">
            {t('goals.decision.title')}
          </Title>
        </Group>
        <Text size="sm">
          {t('goals.decision.text', {
            target: goal.targetValue === null ? '—' : formatValue(fmt, goal.targetValue, unit),
            date: goal.dueDate ? formatDay(fmt, goal.dueDate) : '—',
            current: goal.progress.current
              ? formatValue(fmt, goal.progress.current.value, unit)
              : t('goals.state.no_data'),
          })}
        </Text>
        {canEdit ? (
          <Group gap="xs">
            {canDecide ? (
              <Button
                color="dark"
                leftSection={<IconFlag size={16} aria-hidden />}
                onClick={onMissed}
              >
                {t('goals.close.missed')}
              </Button>
            ) : null}
            <Button
              variant="default"
              leftSection={<IconCalendarEvent size={16} aria-hidden />}
              onClick={onEdit}
            >
              {t('goals.decision.editDue')}
            </Button>
            {canDecide ? (
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={onDrop}
              >
                {t('goals.close.drop')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
