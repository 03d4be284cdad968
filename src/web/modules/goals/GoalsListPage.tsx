import { useScreenQuery } from '../../lib/phone.js';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconCheck, IconHourglassHigh, IconTarget } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Side } from '../../../contracts/common.js';
import { SIDES } from '../../../domain/sides.js';
import { GoalStatus, type Goal } from '../../../contracts/goals.js';
import { EmptyState, FilteredEmptyState, ListTablePaper } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { GoalStatusBadge, NeedsDecisionBadge, ProgressStateBadge } from './GoalBadges.js';
import { GoalMetricLine, showsSlots } from './GoalCard.js';
import { GoalProgressBar } from './GoalProgress.js';
import { formatValue, isOpen, measurable, sortGoals } from './goal-format.js';
import { GoalProblemAlert } from './GoalProblem.js';
import { useGoalsQuery } from './goals.queries.js';
import { useGoalFilters } from './useGoalFilters.js';

/** Proposed goals whose current version still lacks this side's signature. */
const waitsFor = (g: Goal, side: Side) =>
  g.status === 'proposed' && g.agreement.waitingFor.includes(side);

/** Business ✓ / IT ⏳: one mark per side in its colour, the words for screen readers. */
function SignatureMarks({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  if (!showsSlots(goal)) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      {SIDES.map((side) => {
        const signed = Boolean(goal.agreement[side]);
        const name = t(`side.${side}`);
        const label = signed
          ? t('goals.list.signed', { side: name })
          : t('goals.list.notSigned', { side: name });
        return (
          <Tooltip key={side} label={label} withArrow>
            <ThemeIcon
              size={26}
              radius="xl"
              color={SIDE_COLOR[side]}
              variant={signed ? 'light' : 'outline'}
              data-side={side}
              data-signed={signed}
              style={signed ? undefined : { borderStyle: 'dashed' }}
            >
              {signed ? (
                <IconCheck size={15} stroke={3} aria-hidden />
              ) : (
                <IconHourglassHigh size={14} aria-hidden />
              )}
              <span className="visually-hidden">{label}</span>
            </ThemeIcon>
          </Tooltip>
        );
      })}
    </Group>
  );
}

function GoalsTable({ goals }: { goals: Goal[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // Below ~1200 px viewport the initiative moves under the goal and the due date under the
  // terms, so the table fits its box on tablets.
  const compact = useScreenQuery('(max-width: 74.99em)');
  const initiativeLink = (g: Goal) => (
    <Anchor
      component={Link}
      to={`/initiatives/${g.initiative.id}?tab=goals`}
      size={compact ? 'xs' : 'sm'}
      c={compact ? 'dimmed' : 'inherit'}
    >
      {g.initiative.title}
    </Anchor>
  );
  const due = (g: Goal) => (g.dueDate ? formatDay(fmt, g.dueDate) : t('common.none'));
  return (
    <Table.ScrollContainer minWidth={compact ? 640 : 900} className="stack-on-phone">
      <Table highlightOnHover horizontalSpacing={compact ? 'xs' : 'sm'} verticalSpacing="sm">
        <caption className="visually-hidden">{t('goals.list.table.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('goals.list.table.goal')}</Table.Th>
            {compact ? null : <Table.Th>{t('goals.list.table.initiative')}</Table.Th>}
            <Table.Th>{t('goals.list.table.status')}</Table.Th>
            <Table.Th miw={compact ? 120 : 160}>{t('goals.list.table.progress')}</Table.Th>
            <Table.Th>{t('goals.list.table.terms')}</Table.Th>
            {compact ? null : <Table.Th>{t('goals.list.table.due')}</Table.Th>}
            <Table.Th>{t('goals.list.table.signatures')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {goals.map((g) => (
            <Table.Tr key={g.id} data-testid="goal-row">
              <Table.Td miw={compact ? 160 : 200} maw={320}>
                <Anchor component={Link} to={`/goals/${g.id}`} fw={600} size="sm">
                  {g.statement}
                </Anchor>
                <GoalMetricLine goal={g} />
                {compact ? <div>{initiativeLink(g)}</div> : null}
              </Table.Td>
              {compact ? null : <Table.Td maw={180}>{initiativeLink(g)}</Table.Td>}
              <Table.Td data-label={t('goals.list.table.status')}>
                <Stack gap={4} align="flex-start">
                  <GoalStatusBadge status={g.status} />
                  {g.progress.needsDecision ? <NeedsDecisionBadge size="sm" /> : null}
                </Stack>
              </Table.Td>
              <Table.Td data-label={t('goals.list.table.progress')}>
                {measurable(g) && g.status !== 'dropped' ? (
                  <Stack gap={4}>
                    <GoalProgressBar goal={g} size="sm" />
                    {isOpen(g.status) ? (
                      <ProgressStateBadge state={g.progress.state} size="sm" />
                    ) : null}
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td
                style={{
                  whiteSpace: compact ? 'normal' : 'nowrap',
                  fontVariantNumeric: 'tabular-nums',
                }}
                data-label={t('goals.list.table.terms')}
              >
                <div>
                  <Text size="sm">
                    {g.baselineValue === null
                      ? t('goals.terms.open')
                      : formatValue(fmt, g.baselineValue, g.metric?.unit)}{' '}
                    →{' '}
                    {g.targetValue === null
                      ? t('goals.terms.open')
                      : formatValue(fmt, g.targetValue, g.metric?.unit)}
                  </Text>
                  {compact ? (
                    <Text size="xs" c="dimmed">
                      {t('goals.list.table.due')}: {due(g)}
                    </Text>
                  ) : null}
                </div>
              </Table.Td>
              {compact ? null : (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{due(g)}</Text>
                </Table.Td>
              )}
              <Table.Td data-label={t('goals.list.table.signatures')}>
                <SignatureMarks goal={g} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function GoalsListPage() {
  const { t } = useTranslation();
  const { filters, setFilter, clear, activeCount } = useGoalFilters();
  const all = useGoalsQuery({});
  const list = useGoalsQuery(filters);

  const counts = useMemo(() => {
    const goals = all.data ?? [];
    return {
      it: goals.filter((g) => waitsFor(g, 'it')).length,
      business: goals.filter((g) => waitsFor(g, 'business')).length,
      decision: goals.filter((g) => g.progress.needsDecision).length,
    };
  }, [all.data]);

  const initiatives = useMemo(() => {
    const byId = new Map((all.data ?? []).map((g) => [g.initiative.id, g.initiative.title]));
    return [...byId.entries()]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [all.data]);

  let body: React.ReactNode;
  if (list.isPending) body = <Skeleton height={320} radius="md" />;
  else if (list.isError) {
    body = <GoalProblemAlert error={list.error} onReload={() => void list.refetch()} />;
  } else if (list.data.length === 0 && activeCount === 0) {
    body = (
      <EmptyState
        icon={<IconTarget aria-hidden />}
        title={t('goals.empty.title')}
        text={t('goals.list.emptyText')}
        action={
          <Button component={Link} to="/initiatives" variant="default">
            {t('goals.list.toInitiatives')}
          </Button>
        }
      />
    );
  } else if (list.data.length === 0) {
    body = (
      <FilteredEmptyState
        title={t('goals.list.filteredTitle')}
        text={t('goals.list.filteredText')}
        clearLabel={t('goals.list.filters.clear')}
        onClear={clear}
      />
    );
  } else {
    body = (
      <ListTablePaper stale={list.isPlaceholderData}>
        <GoalsTable goals={sortGoals(list.data)} />
      </ListTablePaper>
    );
  }

  const countLink = (side: Side, count: number) =>
    count === 0 && filters.waitingFor !== side ? null : (
      <UnstyledButton
        onClick={() => setFilter('waitingFor', filters.waitingFor === side ? null : side)}
        aria-pressed={filters.waitingFor === side}
        data-testid={`waiting-${side}`}
      >
        <Badge
          size="lg"
          radius="sm"
          tt="none"
          fw={500}
          color={SIDE_COLOR[side]}
          variant={filters.waitingFor === side ? 'filled' : 'light'}
          leftSection={<IconHourglassHigh size={14} aria-hidden />}
        >
          {side === 'it'
            ? t('goals.list.waitingIt', { count })
            : t('goals.list.waitingBusiness', { count })}
        </Badge>
      </UnstyledButton>
    );

  return (
    <>
      <PageHeader title={t('goals.title')} description={t('goals.list.intro')}>
        <Group gap="xs" aria-live="polite">
          {list.data ? (
            <Text size="sm" c="dimmed" mr="xs">
              {t('goals.list.count', { count: list.data.length })}
            </Text>
          ) : null}
          {all.data ? (
            <>
              {countLink('business', counts.business)}
              {countLink('it', counts.it)}
              {counts.decision ? (
                <Badge size="lg" radius="sm" tt="none" fw={500} color="dark" variant="light">
                  {t('goals.list.needDecision', { count: counts.decision })}
                </Badge>
              ) : null}
            </>
          ) : null}
        </Group>
      </PageHeader>

      <Box component="section" aria-label={t('goals.list.filters.label')} mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('goals.list.filters.status')}
            placeholder={t('goals.list.filters.any')}
            data={GoalStatus.options.map((s) => ({ value: s, label: t(`goals.status.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => setFilter('status', v)}
            clearable
            w={200}
          />
          <Select
            label={t('goals.list.filters.waitingFor')}
            placeholder={t('goals.list.filters.any')}
            data={SIDES.map((s) => ({ value: s, label: t(`goals.list.filters.waiting.${s}`) }))}
            value={filters.waitingFor ?? null}
            onChange={(v) => setFilter('waitingFor', v)}
            clearable
            w={220}
          />
          <Select
            label={t('goals.list.filters.initiative')}
            placeholder={t('goals.list.filters.any')}
            data={initiatives}
            value={filters.initiative ?? null}
            onChange={(v) => setFilter('initiative', v)}
            searchable
            clearable
            w={280}
          />
          {activeCount ? (
            <Button variant="subtle" color="gray" onClick={clear}>
              {t('goals.list.filters.clear')}
            </Button>
          ) : null}
        </Group>
      </Box>
      {body}
    </>
  );
}
