import { Anchor, Box, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconTarget } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Initiative } from '../../../contracts/initiatives.js';
import { useFormat } from '../../i18n/format.js';
import { GoalStatusBadge, NeedsDecisionBadge, ProgressStateBadge } from './GoalBadges.js';
import { GoalProgressBar } from './GoalProgress.js';
import { isOpen, measurable, sortGoals, termsLine } from './goal-format.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { useInitiativeGoalsQuery } from './goals.queries.js';
import { SectionLabel } from '../../components/SectionLabel.js';

const SHOWN = 5;

/** The goals at the top of the initiative: status and progress of each, one line per goal. */
export function GoalsStrip({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const goals = useInitiativeGoalsQuery(initiative.id);
  const tabLink = `/initiatives/${initiative.id}?tab=goals`;

  if (goals.isPending) return <Skeleton height={88} radius="md" />;
  if (goals.isError) {
    return <GoalProblemAlert error={goals.error} onReload={() => void goals.refetch()} />;
  }
  const list = sortGoals(goals.data.filter((g) => g.status !== 'dropped'));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="goals-strip-title">
      <Group justify="space-between" mb={list.length ? 'xs' : 4} gap="xs">
        <SectionLabel order={2} id="goals-strip-title">
          {t('goals.strip.title')}
        </SectionLabel>
        {goals.data.length ? (
          <Anchor component={Link} to={tabLink} size="sm">
            <Group gap={4} wrap="nowrap">
              {t('goals.strip.showAll', { count: goals.data.length })}
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        ) : null}
      </Group>
      {list.length === 0 ? (
        <Group justify="space-between" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <IconTarget size={18} aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm" c="dimmed">
              {t('goals.strip.empty')}
            </Text>
          </Group>
          {initiative.permissions.edit ? (
            <Button component={Link} to={tabLink} variant="light" size="xs">
              {t('goals.strip.set')}
            </Button>
          ) : null}
        </Group>
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {list.slice(0, SHOWN).map((g, i) => (
            <Box
              component="li"
              key={g.id}
              py={8}
              style={{
                borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
              }}
              data-testid="goal-strip-row"
            >
              <Group gap="md" wrap="wrap" align="center">
                <Stack gap={0} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  {/* Whole statements, wrapped: a phone must not cut what the goal says. */}
                  <Anchor
                    component={Link}
                    to={`/goals/${g.id}`}
                    size="sm"
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {g.statement}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {g.metric ? `${g.metric.name} · ` : ''}
                    {termsLine(g, t, fmt)}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap" style={{ flex: '0 0 auto' }}>
                  <GoalStatusBadge status={g.status} />
                  {g.progress.needsDecision ? <NeedsDecisionBadge /> : null}
                </Group>
                <Group gap="xs" wrap="nowrap" style={{ flex: '0 1 280px' }}>
                  <Box style={{ flex: 1, minWidth: 100 }}>
                    {measurable(g) ? <GoalProgressBar goal={g} size="sm" /> : null}
                  </Box>
                  {isOpen(g.status) && measurable(g) ? (
                    <ProgressStateBadge state={g.progress.state} />
                  ) : null}
                </Group>
              </Group>
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
