import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Goal } from '../../../contracts/goals.js';
import { sidesToSign } from './desk.queries.js';

/** One goal waiting for my signature: statement, initiative, the side(s) I sign for. */
function SignoffCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const sides = sidesToSign(goal);
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={goal.statement}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/goals/${goal.id}`} fw={600}>
            {goal.statement}
          </Anchor>
          <Group gap={6} wrap="nowrap">
            <IconSignature size={16} aria-hidden />
            <Text size="sm">{t('desk.signFor')}</Text>
            {sides.map((side) => (
              <Badge key={side} variant="light" color="blue" data-side={side}>
                {t(`side.${side}`)}
              </Badge>
            ))}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('desk.initiative')}:{' '}
          <Anchor component={Link} to={`/initiatives/${goal.initiative.id}`} size="xs">
            {goal.initiative.title}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}

/** "Sign-offs waiting for you": proposed goals whose current version still needs my signature. */
export function SignoffsSection({ goals }: { goals: Goal[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="pile-signoffs">
      <Group gap="xs" mb={2}>
        <Title order={2} fz="h4" id="pile-signoffs">
          {t('desk.signoffs')}
        </Title>
        <Badge variant="light" color={goals.length ? 'blue' : 'gray'} circle>
          {goals.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('desk.signoffsHint')}
      </Text>
      {goals.length === 0 ? (
        <Paper withBorder radius="md" p="sm">
          <Text size="sm" c="dimmed">
            {t('desk.noSignoffs')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs">
          {goals.map((g) => (
            <SignoffCard key={g.id} goal={g} />
          ))}
        </Stack>
      )}
    </section>
  );
}
