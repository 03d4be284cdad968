import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoffSummary } from '../../../contracts/handoffs.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { useFormat } from '../../i18n/format.js';
import { AttentionBadges, HandoffStateBadge, StageRoute } from './HandoffBits.js';

/** One handoff in a list: title, route, who to whom, state and what needs attention. */
export function HandoffCard({
  handoff,
  withInitiative = false,
}: {
  handoff: HandoffSummary;
  withInitiative?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md" p="sm" component="article">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/handoffs/${handoff.id}`} fw={600}>
            {handoff.title}
          </Anchor>
          <Group gap={6}>
            <AttentionBadges handoff={handoff} />
            <HandoffStateBadge state={handoff.state} round={handoff.round} />
          </Group>
        </Group>
        {withInitiative ? (
          <Text size="sm">
            <Anchor component={Link} to={`/initiatives/${handoff.initiative.id}`} c="dimmed">
              {handoff.initiative.title}
            </Anchor>
          </Text>
        ) : null}
        <Group gap="md" wrap="wrap">
          <StageRoute handoff={handoff} />
          <Group gap={6} wrap="nowrap">
            <PersonAvatar person={handoff.sender} size={22} />
            <Text size="sm">{handoff.sender.name}</Text>
            <Text size="sm" c="dimmed" aria-hidden>
              →
            </Text>
            <span className="visually-hidden">{t('handoffs.receiver')}:</span>
            <PersonAvatar person={handoff.receiver} size={22} />
            <Text size="sm">{handoff.receiver.name}</Text>
          </Group>
          {handoff.state === 'submitted' ? (
            <Text size="sm" c="dimmed">
              {t('handoffs.due', { date: fmt.date(`${handoff.dueDate}T12:00:00Z`) })}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
