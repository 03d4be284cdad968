import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTarget } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Initiative } from '../../../contracts/initiatives.js';
import { EmptyState } from '../../components/EmptyState.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { GoalCard } from './GoalCard.js';
import { GoalFormModal } from './GoalFormModal.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { isOpen, sortGoals } from './goal-format.js';
import { useInitiativeGoalsQuery } from './goals.queries.js';

/** The initiative's goals as cards; closed ones below the open ones. */
export function GoalsTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const goals = useInitiativeGoalsQuery(initiative.id);
  const [formOpen, form] = useDisclosure(false);
  const canCreate = initiative.permissions.edit;

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
      {t('goals.new')}
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (goals.isPending) body = <SkeletonRows rows={2} height={220} />;
  else if (goals.isError) {
    body = <GoalProblemAlert error={goals.error} onReload={() => void goals.refetch()} />;
  } else if (goals.data.length === 0) {
    body = (
      <EmptyState
        icon={<IconTarget aria-hidden />}
        title={t('goals.empty.title')}
        text={t('goals.empty.text')}
        readOnlyNote={canCreate ? undefined : t('goals.empty.readOnly')}
        action={newButton}
      />
    );
  } else {
    const sorted = sortGoals(goals.data);
    const open = sorted.filter((g) => isOpen(g.status));
    const closed = sorted.filter((g) => !isOpen(g.status));
    body = (
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <Text size="sm" c="dimmed" maw={720}>
            {t('goals.intro')}
          </Text>
          {newButton}
        </Group>
        {open.length ? (
          <SimpleGrid cols={{ base: 1, lg: open.length > 1 ? 2 : 1 }} spacing="md">
            {open.map((g) => (
              <GoalCard key={g.id} goal={g} />
            ))}
          </SimpleGrid>
        ) : null}
        {closed.length ? (
          <>
            <Title order={2} fz="h4" mt="sm">
              {t('goals.card.closedTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, lg: closed.length > 1 ? 2 : 1 }} spacing="md">
              {closed.map((g) => (
                <GoalCard key={g.id} goal={g} />
              ))}
            </SimpleGrid>
          </>
        ) : null}
      </Stack>
    );
  }

  return (
    <>
      {body}
      {canCreate ? (
        <GoalFormModal
          opened={formOpen}
          onClose={form.close}
          initiativeId={initiative.id}
          goal={null}
          onSaved={(created) => {
            form.close();
            void navigate(`/goals/${created.id}`);
          }}
        />
      ) : null}
    </>
  );
}
