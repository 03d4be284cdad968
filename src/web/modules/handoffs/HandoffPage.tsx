import { Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Handoff } from '../../../contracts/handoffs.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import { HandoffActionBar, HandoffActionDialogs, useHandoffActions } from './HandoffActions.js';
import { AttentionBadges, HandoffStateBadge, SenderReceiver, StageRoute } from './HandoffBits.js';
import { HandoffChecklist } from './HandoffChecklist.js';
import { HandoffDeliverables } from './HandoffDeliverables.js';
import { HandoffTimeline } from './HandoffTimeline.js';
import { HandoffTimings } from './HandoffTimings.js';
import { useHandoffQuery } from './handoffs.queries.js';
import { QuestionThread } from './QuestionThread.js';
import { CommentThread } from '../conversation/CommentThread.js';

function HandoffView({ handoff, onReload }: { handoff: Handoff; onReload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions = useHandoffActions(handoff);
  return (
    <>
      <PageHeader
        title={handoff.title}
        back={{
          to: `/initiatives/${handoff.initiative.id}?tab=handoffs`,
          label: handoff.initiative.title,
        }}
      >
        <Group gap="xs">
          <HandoffStateBadge state={handoff.state} round={handoff.round} />
          <StageRoute handoff={handoff} />
          <AttentionBadges handoff={handoff} />
          {/* The dot sits a plain space from the badges, not the group gap plus a space. */}
          <Text size="sm" c="dimmed" ml={-6}>
            · {t('handoffs.due', { date: fmt.date(`${handoff.dueDate}T12:00:00Z`) })}
          </Text>
        </Group>
        <Text size="sm" fw={500}>
          {handoff.myRole === 'member' && handoff.actions.includes('ask')
            ? t('handoffs.role.memberAsk')
            : t(`handoffs.role.${handoff.myRole}`)}
        </Text>
      </PageHeader>

      <Stack gap="lg">
        <SenderReceiver handoff={handoff} />
        <HandoffActionBar handoff={handoff} actions={actions} onReload={onReload} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              <HandoffDeliverables handoff={handoff} />
              {handoff.note ? (
                <section aria-labelledby="handoff-note">
                  <Title order={2} fz="h4" mb="xs" id="handoff-note">
                    {t('handoffs.note')}
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {handoff.note}
                  </Text>
                </section>
              ) : null}
              <HandoffChecklist handoff={handoff} editable={handoff.actions.includes('edit')} />
              <QuestionThread handoff={handoff} onReload={onReload} />
              <CommentThread subjectType="handoff" subjectId={handoff.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <Paper withBorder radius="md" p="md">
                <HandoffTimings handoff={handoff} />
              </Paper>
              <Paper withBorder radius="md" p="md">
                <HandoffTimeline handoff={handoff} />
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      <HandoffActionDialogs handoff={handoff} actions={actions} onReload={onReload} />
    </>
  );
}

export default function HandoffPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const handoff = useHandoffQuery(id);
  if (handoff.isPending)
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={32} width="50%" />
        <Skeleton height={120} />
        <Skeleton height={240} />
      </Stack>
    );
  if (handoff.isError)
    return (
      <>
        <PageHeader title={t('handoffs.loadError')} />
        <ProblemAlert error={handoff.error} onReload={() => void handoff.refetch()} />
      </>
    );
  return <HandoffView handoff={handoff.data} onReload={() => void handoff.refetch()} />;
}
