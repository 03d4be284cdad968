import { Alert, Badge, Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarEvent,
  IconCalendarTime,
  IconCalendarX,
  IconChevronDown,
  IconEdit,
  IconPlayerSkipForward,
  IconPresentation,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoOverview, Occurrence } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { CadenceModal } from './CadenceModal.js';
import { CalendarFeeds } from './CalendarFeeds.js';
import { ConfidenceBadges } from './ConfidenceBadges.js';
import { DemoDetail, FeedbackRow } from './DemoDetail.js';
import { weekdayKey, weekKey } from './demo-format.js';
import { type ChangeKind, OccurrenceChangeModal } from './OccurrenceChangeModal.js';
import { RecordDemoModal } from './RecordDemoModal.js';
import { useDemoOverviewQuery } from './demos.queries.js';

// Ampel colours are reserved for health: states use neutral, blue, violet and dark.
const STATE_COLOR = {
  planned: 'blue',
  held: 'violet',
  skipped: 'gray',
  cancelled: 'dark',
} as const;

/** Move, skip or cancel a planned demo: the three changes that each need a reason. */
function ChangeMenu({ o, onChange }: { o: Occurrence; onChange: (kind: ChangeKind) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('demos.change.menuFor', {
            date: fmt.dayTime(o.localDate, o.localTime),
          })}
        >
          {t('demos.change.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconCalendarTime size={16} aria-hidden />}
          onClick={() => onChange('move')}
        >
          {t('demos.change.move.action')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconPlayerSkipForward size={16} aria-hidden />}
          onClick={() => onChange('skip')}
        >
          {t('demos.change.skip.action')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCalendarX size={16} aria-hidden />}
          onClick={() => onChange('cancel')}
        >
          {t('demos.change.cancel.action')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function OccurrenceRow({
  o,
  onRecord,
  onChange,
  children,
}: {
  o: Occurrence;
  onRecord?: (() => void) | undefined;
  onChange?: ((kind: ChangeKind) => void) | undefined;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // On a narrow screen the badges and buttons move below the date instead of being cut off.
  return (
    <Group
      justify="space-between"
      wrap="wrap"
      gap="xs"
      mih={30}
      pb={6}
      style={{ rowGap: 4, borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="occurrence"
      data-state={o.state}
    >
      <Group gap="sm" wrap="wrap" style={{ minWidth: 0, flex: '1 1 240px', rowGap: 4 }}>
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {fmt.dayTime(o.localDate, o.localTime)}
        </Text>
        <Badge variant="light" color={STATE_COLOR[o.state]}>
          {t(`demos.state.${o.state}`)}
        </Badge>
        {o.moved ? (
          <Badge
            variant="outline"
            color="gray"
            title={t('demos.movedFrom', { date: formatDay(fmt, o.ruleDate) })}
          >
            {t('demos.moved')}
          </Badge>
        ) : null}
        {o.reason ? (
          <Text
            size="xs"
            c="dimmed"
            title={o.reason}
            data-testid="occurrence-reason"
            style={{ minWidth: 0, overflowWrap: 'anywhere' }}
          >
            {t('demos.change.reasonShown', { reason: o.reason })}
          </Text>
        ) : null}
      </Group>
      <Group gap="xs" wrap="wrap" justify="flex-end" ml="auto" style={{ rowGap: 4 }}>
        {children}
        {onChange && o.state === 'planned' ? <ChangeMenu o={o} onChange={onChange} /> : null}
        {onRecord ? (
          <Button size="xs" onClick={onRecord}>
            {t('demos.record.open')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

function AdherenceLine({ overview }: { overview: DemoOverview }) {
  const { t } = useTranslation();
  const a = overview.adherence;
  return (
    <Group gap="sm">
      <Text size="sm">
        {t('demos.adherence.held', { held: a.held, planned: a.planned, days: a.windowDays })}
      </Text>
      {a.daysSinceLastHeld !== null ? (
        <Text size="sm" c="dimmed">
          {t('demos.adherence.since', { count: a.daysSinceLastHeld })}
        </Text>
      ) : null}
      {a.overdue ? (
        <Badge color="grape" variant="filled">
          {t('demos.adherence.overdue', { count: a.daysOverdue ?? 0 })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Demos: cadence, subscribe link, upcoming and past occurrences, open action items. */
export function DemosTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const overview = useDemoOverviewQuery(initiative.id);
  const [cadenceOpen, cadenceModal] = useDisclosure(false);
  const [recording, setRecording] = useState<Occurrence | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [changing, setChanging] = useState<{ o: Occurrence; kind: ChangeKind } | null>(null);

  if (overview.isPending) return <SkeletonRows rows={3} height={60} />;
  if (overview.isError)
    return (
      <ProblemAlert
        error={overview.error}
        title={t('demos.loadError')}
        onReload={() => void overview.refetch()}
      />
    );
  const o = overview.data;
  const canEdit = o.permissions.edit;
  // A demo of today can be recorded at once, also when it began earlier than planned.
  const started = (x: Occurrence) =>
    x.localDate <= new Intl.DateTimeFormat('en-CA', { timeZone: x.timeZone }).format(new Date());
  const changeOf = (x: Occurrence) =>
    canEdit ? (kind: ChangeKind) => setChanging({ o: x, kind }) : undefined;
  const cadenceModalEl = canEdit ? (
    <CadenceModal
      key={o.cadence?.version ?? 0}
      initiative={initiative}
      cadence={o.cadence}
      opened={cadenceOpen}
      onClose={cadenceModal.close}
    />
  ) : null;

  if (!o.cadence) {
    return (
      <>
        <EmptyState
          icon={<IconPresentation aria-hidden />}
          title={t('demos.empty.title')}
          text={t('demos.empty.text')}
          readOnlyNote={canEdit ? undefined : t('demos.empty.readOnly')}
          action={
            canEdit ? (
              <Button
                leftSection={<IconCalendarEvent size={16} aria-hidden />}
                onClick={cadenceModal.open}
              >
                {t('demos.cadence.set')}
              </Button>
            ) : null
          }
        />
        {cadenceModalEl}
      </>
    );
  }
  const c = o.cadence;
  const rule =
    c.interval === 'monthly'
      ? t('demos.rule.monthly', {
          week: t(`demos.weekOfMonth.${weekKey(c.weekOfMonth)}`),
          weekday: t(`demos.weekday.${weekdayKey(c.weekday)}`),
          time: c.time,
        })
      : t('demos.rule.weekly', {
          interval: t(`demos.interval.${c.interval}`),
          weekday: t(`demos.weekday.${weekdayKey(c.weekday)}`),
          time: c.time,
        });

  return (
    <Stack gap="md">
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} fz="h4">
              {t('demos.title')}
            </Title>
            <Text size="sm" data-testid="cadence-rule">
              {rule} · {t('demos.minutes', { count: c.durationMinutes })} · {c.timeZone}
            </Text>
            {c.location ? (
              <Text size="sm" c="dimmed">
                {c.location}
              </Text>
            ) : null}
            <AdherenceLine overview={o} />
          </Stack>
          <Stack gap="xs" align="flex-end">
            {canEdit ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconEdit size={14} aria-hidden />}
                onClick={cadenceModal.open}
              >
                {t('demos.cadence.edit')}
              </Button>
            ) : null}
          </Stack>
        </Group>
        <CalendarFeeds initiativeId={initiative.id} />
      </Card>

      {o.openActions.length ? (
        <Alert
          color="grape"
          variant="light"
          title={t('demos.action.openTitle', { count: o.openActions.length })}
        >
          <Stack gap={6}>
            {o.openActions.map((f) => (
              <FeedbackRow key={f.id} item={f} initiative={initiative} canEdit={canEdit} />
            ))}
          </Stack>
        </Alert>
      ) : null}

      <div>
        <Title order={3} fz="h5" mb="xs">
          {t('demos.upcoming')}
        </Title>
        <Stack gap={6} data-testid="upcoming-demos">
          {o.upcoming.map((x) => (
            <OccurrenceRow
              key={x.id}
              o={x}
              onRecord={
                canEdit && x.state === 'planned' && started(x) ? () => setRecording(x) : undefined
              }
              onChange={changeOf(x)}
            />
          ))}
        </Stack>
      </div>

      <div>
        <Title order={3} fz="h5" mb="xs">
          {t('demos.past')}
        </Title>
        {o.past.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('demos.noPast')}
          </Text>
        ) : (
          <Stack gap={6}>
            {o.past.map((x) => (
              <Stack key={x.id} gap={4}>
                <OccurrenceRow
                  o={x}
                  onRecord={canEdit && x.state === 'planned' ? () => setRecording(x) : undefined}
                  onChange={changeOf(x)}
                >
                  {x.confidence ? <ConfidenceBadges confidence={x.confidence} /> : null}
                  {x.state === 'held' ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-expanded={expanded === x.id}
                      onClick={() => setExpanded(expanded === x.id ? null : x.id)}
                    >
                      {expanded === x.id ? t('demos.hide') : t('demos.show')}
                    </Button>
                  ) : null}
                </OccurrenceRow>
                {expanded === x.id ? (
                  <Card withBorder ml="md">
                    <DemoDetail id={x.id} initiative={initiative} canEdit={canEdit} />
                  </Card>
                ) : null}
              </Stack>
            ))}
          </Stack>
        )}
      </div>
      {cadenceModalEl}
      {changing ? (
        <OccurrenceChangeModal
          key={`${changing.o.id}-${changing.kind}`}
          initiativeId={initiative.id}
          occurrence={changing.o}
          change={changing.kind}
          opened
          onClose={() => setChanging(null)}
        />
      ) : null}
      {recording ? (
        <RecordDemoModal
          key={recording.id}
          initiative={initiative}
          occurrence={recording}
          opened
          onClose={() => setRecording(null)}
          onRecorded={(id) => {
            setRecording(null);
            setExpanded(id);
          }}
        />
      ) : null}
    </Stack>
  );
}
