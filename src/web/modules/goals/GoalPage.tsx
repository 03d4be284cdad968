import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarEvent,
  IconChevronDown,
  IconConfetti,
  IconEdit,
  IconFlag,
  IconLock,
  IconSend,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Side } from '../../../contracts/common.js';
import type { CloseGoalBody, GoalDetail } from '../../../contracts/goals.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PersonChip } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import { useMetricsQuery } from '../metrics/metrics.queries.js';
import { DirectionIcon } from '../metrics/MetricValue.js';
import { SignatureSlots } from '../metrics/SignatureSlots.js';
import { GateChecklist } from './GateChecklist.js';
import { GoalStatusBadge, NeedsDecisionBadge } from './GoalBadges.js';
import { showsSlots } from './GoalCard.js';
import { GoalChartPanel } from './GoalChartPanel.js';
import { CloseGoalModal, SignGoalModal } from './GoalDialogs.js';
import { formatDay, formatValue, isOpen, measurable, type MetricLookup } from './goal-format.js';
import { GoalFormModal } from './GoalFormModal.js';
import { GoalHistory } from './GoalHistory.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { GoalProgress } from './GoalProgress.js';
import { useGoalQuery, useProposeGoalMutation } from './goals.queries.js';

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
      <Title
        order={2}
        fz="sm"
        tt="uppercase"
        c="dimmed"
        mb="sm"
        style={{ letterSpacing: '0.04em' }}
      >
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} component="div" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
    </div>
  );
}

function Terms({ goal }: { goal: GoalDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unit = goal.metric?.unit;
  const open = (
    <Text span c="dimmed" fw={400} size="sm">
      {t('goals.terms.open')}
    </Text>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Term label={t('goals.field.metricId')}>
          {goal.metric ? (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <span style={{ flexShrink: 0 }}>
                <DirectionIcon direction={goal.metric.direction} size={16} />
              </span>
              <span style={{ overflowWrap: 'anywhere' }}>{goal.metric.name}</span>
            </Group>
          ) : (
            open
          )}
        </Term>
        <Term label={t('goals.field.baselineValue')}>
          {goal.baselineValue === null ? open : formatValue(fmt, goal.baselineValue, unit)}
          {goal.baselineDate ? (
            <Text size="xs" c="dimmed" fw={400}>
              {t('goals.terms.asOf', { date: formatDay(fmt, goal.baselineDate) })}
            </Text>
          ) : null}
        </Term>
        <Term label={t('goals.field.targetValue')}>
          {goal.targetValue === null ? open : formatValue(fmt, goal.targetValue, unit)}
          {goal.metric ? (
            <Text size="xs" c="dimmed" fw={400}>
              {t(`metrics.direction.${goal.metric.direction}`)}
            </Text>
          ) : null}
        </Term>
        <Term label={t('goals.field.dueDate')}>
          {goal.dueDate === null ? open : formatDay(fmt, goal.dueDate)}
        </Term>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {(['business', 'it'] as const).map((side) => {
          const person = side === 'business' ? goal.businessResponsible : goal.itResponsible;
          return (
            <Stack
              key={side}
              gap={4}
              pl="sm"
              style={{ borderLeft: `3px solid var(--mantine-color-${SIDE_COLOR[side]}-6)` }}
            >
              <Text size="xs" c="dimmed">
                {t(
                  `goals.field.${side === 'business' ? 'businessResponsibleId' : 'itResponsibleId'}`,
                )}
              </Text>
              {person ? (
                <PersonChip person={person} detail={person.department} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('goals.terms.open')}
                </Text>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** Reached: a moment to celebrate, with the date and the numbers. */
function AchievedPanel({ goal }: { goal: GoalDetail }) {
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

function ClosedPanel({ goal }: { goal: GoalDetail }) {
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
function DecisionPanel({
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

/** Before proposing: the quality gate as a checklist, and the button that asks both sides to sign. */
function GatePanel({ goal, canEdit }: { goal: GoalDetail; canEdit: boolean }) {
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

function AgreementPanel({ goal, onSign }: { goal: GoalDetail; onSign: (side: Side) => void }) {
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
          <Title order={2} fz="sm" tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            {t('goals.agreement.title')}
          </Title>
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
          <Terms goal={goal} />
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
