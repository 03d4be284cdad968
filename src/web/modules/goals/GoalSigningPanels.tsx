import { Badge, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import type { GoalDetail } from '../../../contracts/goals.js';
import { SignatureSlots } from '../metrics/SignatureSlots.js';
import { GateChecklist } from './GateChecklist.js';
import { showsSlots } from './GoalCard.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { useProposeGoalMutation } from './goals.queries.js';
import { SectionLabel } from '../../components/SectionLabel.js';

/** Before proposing: the quality gate as a checklist, and the button that asks both sides to sign. */
export function GatePanel({ goal, canEdit }: { goal: GoalDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const propose = useProposeGoalMutation();
  return (
    <Paper withBorder radius="md" p="md" component="section" data-testid="goal-gate">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <GateChecklist gate={goal.gate} direction={goal.metric?.direction ?? null} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Text size="sm">{t('goals.agreement.draftText')}</Text>
            {canEdit ? (
              <>
                <Button
                  leftSection={<IconSend size={16} aria-hidden />}
                  disabled={goal.gate.length > 0}
                  loading={propose.isPending}
                  w="fit-content"
                  onClick={() =>
                    propose.mutate(
                      { id: goal.id, version: goal.version },
                      {
                        onSuccess: () =>
                          notifications.show({ message: t('goals.propose.done'), color: 'blue' }),
                      },
                    )
                  }
                >
                  {t('goals.propose.button')}
                </Button>
                <Text size="xs" c="dimmed">
                  {goal.gate.length ? t('goals.propose.blocked') : t('goals.propose.hint')}
                </Text>
                <GoalProblemAlert error={propose.error} />
              </>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

export function AgreementPanel({
  goal,
  onSign,
}: {
  goal: GoalDetail;
  onSign: (side: Side) => void;
}) {
  const { t } = useTranslation();
  const { agreement } = goal;
  const sides = agreement.waitingFor.map((s) => t(`side.${s}`)).join(t('goals.agreement.and'));
  let text: string;
  if (goal.status === 'draft') text = t('goals.agreement.draftText');
  else if (agreement.agreed && goal.status === 'agreed')
    text = t('goals.agreement.agreedText', { version: agreement.currentVersion });
  else if (agreement.agreed)
    text = t('goals.agreement.signedText', { version: agreement.currentVersion });
  else if (goal.status === 'proposed')
    text = t('goals.agreement.waitingText', { sides, version: agreement.currentVersion });
  else text = t('goals.agreement.closedText');
  return (
    <Paper withBorder radius="md" p="md" component="section" data-testid="goal-agreement">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <SectionLabel order={2}>{t('goals.agreement.title')}</SectionLabel>
          {goal.status !== 'draft' ? (
            <Badge variant="default" radius="sm" size="sm">
              {t('goals.history.version', { version: agreement.currentVersion })}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">{text}</Text>
        {showsSlots(goal) ? (
          <SignatureSlots
            agreement={agreement}
            // Only a proposed goal can be signed; otherwise the slots just show who signed.
            {...(goal.status === 'proposed' ? { onSign } : {})}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
