import { Button, Group, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Goal } from '../../../contracts/goals.js';
import { useFormat } from '../../i18n/format.js';
import { DirectionIcon } from '../metrics/MetricValue.js';
import { AgreementCard } from '../metrics/AgreementCard.js';
import { ReviewToSignButton, SignatureSlots, waitsForMe } from '../metrics/SignatureSlots.js';
import { GoalStatusBadge, NeedsDecisionBadge } from './GoalBadges.js';
import { GoalProgress } from './GoalProgress.js';
import { measurable, termsLine } from './goal-format.js';

/** Whether the signature slots say something: every goal past draft that someone signed or may sign. */
export const showsSlots = (g: Goal): boolean =>
  g.status !== 'draft' &&
  (g.status !== 'dropped' || Boolean(g.agreement.business ?? g.agreement.it));

/** The metric a goal is measured by, with its direction; or that none is chosen yet. */
export function GoalMetricLine({ goal }: { goal: Pick<Goal, 'metric'> }) {
  const { t } = useTranslation();
  if (!goal.metric) {
    return (
      <Text size="xs" c="dimmed">
        {t('goals.terms.noMetric')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <DirectionIcon direction={goal.metric.direction} size={14} />
      <Text size="xs" c="dimmed" truncate>
        {goal.metric.name}
      </Text>
    </Group>
  );
}

/** One goal on the Goals tab: terms, progress against plan, the two signatures. */
export function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { agreement } = goal;
  const maySign = goal.status === 'proposed' && waitsForMe(agreement);
  const hasTerms = measurable(goal);
  return (
    <AgreementCard
      titleId={`goal-${goal.id}`}
      to={`/goals/${goal.id}`}
      title={goal.statement}
      subline={<GoalMetricLine goal={goal} />}
      badges={
        <>
          <GoalStatusBadge status={goal.status} />
          {goal.progress.needsDecision ? <NeedsDecisionBadge /> : null}
        </>
      }
      keepBadgesWidth
      testId="goal-card"
    >
      <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {termsLine(goal, t, fmt)}
      </Text>

      {goal.status === 'achieved' && goal.achievedAt ? (
        <Text size="sm" c="violet" fw={500}>
          {t('goals.card.achievedOn', { date: fmt.date(goal.achievedAt) })}
        </Text>
      ) : null}
      {(goal.status === 'missed' || goal.status === 'dropped') && goal.statusReason ? (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {t('goals.closed.reason', { reason: goal.statusReason })}
        </Text>
      ) : null}

      {hasTerms && goal.status !== 'dropped' ? <GoalProgress goal={goal} compact /> : null}

      {goal.status === 'draft' ? (
        <Group gap="xs" justify="space-between">
          <Text size="sm" c="dimmed">
            {goal.gate.length
              ? t('goals.card.draftMissing', { count: goal.gate.length })
              : t('goals.card.draftReady')}
          </Text>
          {goal.permissions.edit ? (
            <Button
              component={Link}
              to={`/goals/${goal.id}`}
              variant="light"
              size="xs"
              leftSection={<IconListCheck size={14} aria-hidden />}
            >
              {goal.gate.length ? t('goals.card.complete') : t('goals.card.propose')}
            </Button>
          ) : null}
        </Group>
      ) : null}

      {showsSlots(goal) ? <SignatureSlots agreement={agreement} compact /> : null}

      {maySign ? (
        <ReviewToSignButton to={`/goals/${goal.id}`} label={t('goals.card.review')} />
      ) : null}
    </AgreementCard>
  );
}
