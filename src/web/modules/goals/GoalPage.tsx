import { Alert, Button, Grid, Group, Menu, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { CommentThread } from '../conversation/CommentThread.js';
import { IconChevronDown, IconEdit, IconFlag, IconLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Side } from '../../../contracts/common.js';
import type { CloseGoalBody, GoalDetail } from '../../../contracts/goals.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useMetricsQuery } from '../metrics/metrics.queries.js';
import { GoalStatusBadge, NeedsDecisionBadge } from './GoalBadges.js';
import { GoalChartPanel } from './GoalChartPanel.js';
import { CloseGoalModal, SignGoalModal } from './GoalDialogs.js';
import { isOpen, measurable, type MetricLookup } from './goal-format.js';
import { GoalFormModal } from './GoalFormModal.js';
import { GoalHistory } from './GoalHistory.js';
import { AchievedPanel, ClosedPanel, DecisionPanel } from './GoalOutcomePanels.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { GoalProgress } from './GoalProgress.js';
import { AgreementPanel, GatePanel } from './GoalSigningPanels.js';
import { GoalTerms } from './GoalTerms.js';
import { useGoalQuery } from './goals.queries.js';
import { SectionLabel } from '../../components/SectionLabel.js';

function Card({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" data-testid={testId}>
      <SectionLabel order={2} mb="sm">
        {title}
      </SectionLabel>
      {children}
    </Paper>
  );
}

function PageSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton height={32} width="60%" />
      <Skeleton height={20} width="30%" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton height={360} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={360} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export default function GoalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useGoalQuery(id);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('goals.page.loadError')}
          back={{ to: '/goals', label: t('goals.title') }}
        />
        <GoalProblemAlert error={query.error} onReload={() => void query.refetch()} />
      </>
    );
  }
  return <GoalView goal={query.data} reload={() => void query.refetch()} />;
}

function GoalView({ goal, reload }: { goal: GoalDetail; reload: () => void }) {
  const { t } = useTranslation();
  // The initiative's metrics name the metrics of earlier versions in the history.
  const metrics = useMetricsQuery(goal.initiative.id);
  const [editOpen, setEditOpen] = useState(false);
  const [signSide, setSignSide] = useState<Side | null>(null);
  const [closing, setClosing] = useState<CloseGoalBody['outcome'] | null>(null);
  const open = isOpen(goal.status);
  const canEdit = goal.permissions.edit && open;
  const metric: MetricLookup = (metricId) => {
    const m = metrics.data?.find((x) => x.id === metricId);
    if (m) return { name: m.definition.name, unit: m.definition.unit };
    return goal.metric && goal.metric.id === metricId ? goal.metric : undefined;
  };

  return (
    <>
      <PageHeader
        title={goal.statement}
        description={goal.rationale || undefined}
        back={{
          to: `/initiatives/${goal.initiative.id}?tab=goals`,
          label: goal.initiative.title,
        }}
        actions={
          canEdit ? (
            <>
              <Button
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setEditOpen(true)}
              >
                {t('goals.page.edit')}
              </Button>
              {goal.permissions.decide ? (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button
                      variant="default"
                      rightSection={<IconChevronDown size={14} aria-hidden />}
                    >
                      {t('goals.close.menu')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {goal.status === 'agreed' ? (
                      <Menu.Item
                        leftSection={<IconFlag size={16} aria-hidden />}
                        onClick={() => setClosing('missed')}
                      >
                        {t('goals.close.missed')}
                      </Menu.Item>
                    ) : null}
                    <Menu.Item
                      leftSection={<IconTrash size={16} aria-hidden />}
                      onClick={() => setClosing('dropped')}
                    >
                      {t('goals.close.drop')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </>
          ) : null
        }
      >
        <Group gap="xs">
          <GoalStatusBadge status={goal.status} size="lg" />
          {goal.progress.needsDecision ? <NeedsDecisionBadge size="lg" /> : null}
        </Group>
      </PageHeader>

      <Stack gap="md">
        {goal.status === 'achieved' ? <AchievedPanel goal={goal} /> : null}
        {goal.status === 'missed' || goal.status === 'dropped' ? <ClosedPanel goal={goal} /> : null}
        {goal.progress.needsDecision && goal.status === 'agreed' ? (
          <DecisionPanel
            goal={goal}
            canEdit={canEdit}
            canDecide={goal.permissions.decide}
            onMissed={() => setClosing('missed')}
            onEdit={() => setEditOpen(true)}
            onDrop={() => setClosing('dropped')}
          />
        ) : null}
        {open && !goal.permissions.edit ? (
          <Alert variant="light" color="gray" icon={<IconLock size={16} aria-hidden />} p="xs">
            <Text size="sm">{t('goals.page.readOnly')}</Text>
          </Alert>
        ) : null}

        {goal.status === 'draft' ? (
          <GatePanel goal={goal} canEdit={canEdit} />
        ) : (
          <AgreementPanel goal={goal} onSign={setSignSide} />
        )}

        <Card title={t('goals.page.terms')}>
          <GoalTerms goal={goal} />
        </Card>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Card title={t('goals.chart.title')} testId="goal-chart">
              <GoalChartPanel goal={goal} />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {measurable(goal) && goal.status !== 'dropped' ? (
              <Card title={t('goals.page.progress')} testId="goal-progress">
                <GoalProgress goal={goal} />
                {open && !goal.progress.forecast && goal.progress.state !== 'achieved' ? (
                  <Text size="xs" c="dimmed" mt={6}>
                    {t('goals.forecast.none')}
                  </Text>
                ) : null}
              </Card>
            ) : null}
          </Grid.Col>
        </Grid>

        <Card title={t('goals.history.title')} testId="goal-history">
          <Text size="sm" c="dimmed" mb="md">
            {t('goals.history.intro')}
          </Text>
          <GoalHistory goal={goal} metric={metric} />
        </Card>

        <CommentThread subjectType="goal" subjectId={goal.id} />
      </Stack>

      {canEdit ? (
        <GoalFormModal
          opened={editOpen}
          initiativeId={goal.initiative.id}
          goal={goal}
          onClose={() => setEditOpen(false)}
          onSaved={() => setEditOpen(false)}
        />
      ) : null}
      <SignGoalModal
        goal={goal}
        side={signSide}
        onClose={() => setSignSide(null)}
        onReload={reload}
      />
      <CloseGoalModal
        goal={goal}
        outcome={closing}
        onClose={() => setClosing(null)}
        onReload={reload}
      />
    </>
  );
}
