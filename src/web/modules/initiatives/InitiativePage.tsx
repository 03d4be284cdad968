import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowRight, IconEdit, IconEyeOff, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Initiative } from '../../../contracts/initiatives.js';
import { RiskBadge, StatusBadge } from '../../components/Badges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { StageStepper } from '../../components/StageStepper.js';
import { useStagesQuery } from '../../queries/stages.js';
import { DemosTab } from '../demos/DemosTab.js';
import { GoalsTab } from '../goals/GoalsTab.js';
import { HandoffsTab } from '../handoffs/HandoffsTab.js';
import { MetricsTab } from '../metrics/MetricsTab.js';
import { HealthPanel } from '../health/HealthPanel.js';
import { ActivityTab } from './ActivityTab.js';
import { InitiativeOwners } from './InitiativeOwners.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';
import { MembersTab } from './MembersTab.js';
import { MoveStageModal } from './MoveStageModal.js';
import { OverviewTab } from './OverviewTab.js';

/**
 * The tabs of an initiative. The pillars (goals, handoffs, demos, metrics) join this list
 * when they exist; the URL's ?tab= picks one.
 */
const TABS = ['overview', 'goals', 'handoffs', 'demos', 'metrics', 'members', 'activity'] as const;
type TabKey = (typeof TABS)[number];

function renderTab(tab: TabKey, initiative: Initiative) {
  switch (tab) {
    case 'overview':
      return <OverviewTab initiative={initiative} />;
    case 'goals':
      return <GoalsTab initiative={initiative} />;
    case 'handoffs':
      return <HandoffsTab initiative={initiative} />;
    case 'demos':
      return <DemosTab initiative={initiative} />;
    case 'metrics':
      return <MetricsTab initiative={initiative} />;
    case 'members':
      return <MembersTab initiative={initiative} />;
    case 'activity':
      return <ActivityTab initiativeId={initiative.id} />;
  }
}

function HeaderSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton height={32} width="50%" />
      <Skeleton height={20} width="30%" />
      <Skeleton height={64} />
      <Group grow>
        <Skeleton height={120} />
        <Skeleton height={120} />
      </Group>
    </Stack>
  );
}

export default function InitiativePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const initiative = useInitiativeQuery(id);
  const stages = useStagesQuery();
  const [moveOpen, move] = useDisclosure(false);

  const tabParam = params.get('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'overview';
  const back = { to: '/initiatives', label: t('nav.initiatives') };

  if (initiative.isPending) return <HeaderSkeleton />;
  if (initiative.isError) {
    return (
      <>
        <PageHeader title={t('initiative.loadError')} back={back} />
        <ProblemAlert error={initiative.error} onReload={() => void initiative.refetch()} />
      </>
    );
  }
  const data = initiative.data;
  const { edit, moveStage } = data.permissions;

  return (
    <>
      <PageHeader
        title={data.title}
        back={back}
        actions={
          <>
            {edit ? (
              <Button
                component={Link}
                to={`/initiatives/${data.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                {t('initiative.edit')}
              </Button>
            ) : null}
            {moveStage ? (
              <Button
                onClick={move.open}
                leftSection={<IconArrowRight size={16} aria-hidden />}
                disabled={!stages.data}
              >
                {t('initiative.moveStage')}
              </Button>
            ) : null}
          </>
        }
      >
        <Group gap="xs">
          <Badge variant="default" radius="sm" tt="none" fw={500}>
            {data.department}
          </Badge>
          <StatusBadge status={data.status} />
          <RiskBadge riskClass={data.riskClass} />
          {data.visibility === 'members' ? (
            <Badge
              variant="outline"
              color="gray"
              radius="sm"
              leftSection={<IconEyeOff size={12} aria-hidden />}
            >
              {t('visibility.members')}
            </Badge>
          ) : null}
        </Group>
      </PageHeader>

      <Stack gap="md" mb="lg">
        <Paper withBorder radius="md" p="md">
          {stages.data ? (
            <StageStepper stages={stages.data} currentStageId={data.stage.id} />
          ) : (
            <Skeleton height={56} />
          )}
        </Paper>
        <InitiativeOwners initiative={data} />
        <HealthPanel initiativeId={data.id} />
        {!edit ? (
          <Alert variant="light" color="gray" icon={<IconLock size={16} aria-hidden />} p="xs">
            <Text size="sm">{t('initiative.readOnly')}</Text>
          </Alert>
        ) : null}
      </Stack>

      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (!value || value === 'overview') next.delete('tab');
              else next.set('tab', value);
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List aria-label={t('initiative.tabsLabel')} mb="md">
          {TABS.map((key) => (
            <Tabs.Tab
              key={key}
              value={key}
              rightSection={
                key === 'members' ? (
                  <Badge size="sm" variant="light" color="gray" circle>
                    {data.members.length}
                  </Badge>
                ) : undefined
              }
            >
              {key === 'goals'
                ? t('goals.tab')
                : key === 'handoffs'
                  ? t('handoffs.tab')
                  : key === 'demos'
                    ? t('demos.tab')
                    : t(`initiative.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((key) => (
          <Tabs.Panel key={key} value={key}>
            {tab === key ? renderTab(key, data) : null}
          </Tabs.Panel>
        ))}
      </Tabs>

      {moveStage && stages.data ? (
        <MoveStageModal
          initiative={data}
          stages={stages.data}
          opened={moveOpen}
          onClose={move.close}
          onReload={() => void initiative.refetch()}
        />
      ) : null}
    </>
  );
}
