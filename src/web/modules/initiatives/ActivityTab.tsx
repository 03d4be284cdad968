import {
  Box,
  Button,
  Chip,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { IconHistory, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ActivityPillar, type AuditEvent } from '../../../contracts/audit.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { describeChanges, stringField } from './activity-format.js';
import { dayHeading, groupByDay } from './activity-days.js';
import { activitySentenceParts, type SentencePart } from './activity-sentences.js';
import { useInitiativeGoalsQuery } from '../goals/goals.queries.js';
import { useInitiativeHandoffsQuery } from '../handoffs/handoffs.queries.js';
import { useMetricsQuery } from '../metrics/metrics.queries.js';
import { useActivityQuery } from './initiatives.queries.js';
import { isOneOf } from '../../lib/one-of.js';

function EventBody({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  if (event.action === 'initiative.stage_changed') {
    const note = stringField(event.after, 'note');
    return note ? (
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} fs="italic">
        „{note}“
      </Text>
    ) : null;
  }
  if (event.action !== 'initiative.updated' && event.action !== 'member.updated') return null;
  const changes = describeChanges(event.before, event.after, t, language);
  if (changes.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" mt={4} fz="sm">
      <caption className="visually-hidden">{t('activity.changes')}</caption>
      <Table.Tbody>
        {changes.map((c, i) => (
          <Table.Tr key={i}>
            <Table.Th fw={500} c="dimmed" w={220} style={{ verticalAlign: 'top' }}>
              {c.field}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {c.from.length + c.to.length > 80 ? (
                // Long texts: old above, new below, so both stay readable.
                <Stack gap={2}>
                  <Text size="sm" td="line-through" c="dimmed">
                    {c.from}
                  </Text>
                  <Text size="sm">
                    <span aria-hidden>→ </span>
                    <span className="visually-hidden"> → </span>
                    {c.to}
                  </Text>
                </Stack>
              ) : (
                <>
                  <Text span size="sm" td="line-through" c="dimmed">
                    {c.from}
                  </Text>
                  <Text span size="sm" mx={6} aria-hidden>
                    →
                  </Text>
                  <span className="visually-hidden"> → </span>
                  <Text span size="sm">
                    {c.to}
                  </Text>
                </>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const PILLARS = ActivityPillar.options;
const isPillar = (v: string | null): v is ActivityPillar => isOneOf(PILLARS, v);

/** The reader's time zone: days are grouped as they experience them. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** All of the activity or one pillar's; the choice lives in the URL (`?pillar=`). */
function PillarFilter({
  value,
  onChange,
}: {
  value: ActivityPillar | null;
  onChange: (pillar: ActivityPillar | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Chip.Group
      multiple={false}
      value={value ?? 'all'}
      onChange={(v) => onChange(isPillar(v) ? v : null)}
    >
      <Group gap={6} role="radiogroup" aria-label={t('activity.pillarLabel')} mb="md">
        {(['all', ...PILLARS] as const).map((p) => (
          <Chip key={p} value={p} size="sm" variant="outline">
            {t(`activity.pillar.${p}`)}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

function Sentence({ parts }: { parts: SentencePart[] }) {
  return (
    <Text size="sm">
      {parts.map((p, i) =>
        'actor' in p ? (
          <Text key={i} span fw={600} inherit>
            {p.actor}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}

/**
 * The initiative's audit trail, newest first, as whole sentences grouped by day, narrowed to
 * one pillar if wished, paged with "load more".
 */
export function ActivityTab({ initiativeId }: { initiativeId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const pillarParam = params.get('pillar');
  const pillar = isPillar(pillarParam) ? pillarParam : null;
  const activity = useActivityQuery(initiativeId, pillar ?? undefined);
  // Metric events carry the metric's id; its name comes from the initiative's metrics.
  const metrics = useMetricsQuery(initiativeId);
  const metricName = (id: string) =>
    metrics.data?.find((m) => m.id === id)?.definition.name ?? t('activity.aMetric');
  // Goal and handoff events name their subject by id; the titles come from the lists.
  const goals = useInitiativeGoalsQuery(initiativeId);
  const handoffs = useInitiativeHandoffsQuery(initiativeId);
  const subjectTitle = (id: string) =>
    goals.data?.find((g) => g.id === id)?.statement ??
    handoffs.data?.find((h) => h.id === id)?.title ??
    '';
  const setPillar = (next: ActivityPillar | null) =>
    setParams(
      (prev) => {
        const url = new URLSearchParams(prev);
        if (next) url.set('pillar', next);
        else url.delete('pillar');
        return url;
      },
      { replace: true },
    );
  const filter = <PillarFilter value={pillar} onChange={setPillar} />;

  if (activity.isPending) {
    return (
      <>
        {filter}
        <SkeletonRows rows={5} height={48} />
      </>
    );
  }
  if (activity.isError) {
    return (
      <>
        {filter}
        <ProblemAlert error={activity.error} onReload={() => void activity.refetch()} />
      </>
    );
  }
  const events = activity.data.pages.flat();
  if (events.length === 0) {
    return (
      <>
        {filter}
        <Text c="dimmed" size="sm">
          {pillar ? t('activity.emptyPillar') : t('activity.empty')}
        </Text>
      </>
    );
  }
  const zone = localZone();
  const now = new Date();
  const ctx = {
    t,
    exists: (key: string) => i18n.exists(key),
    language: fmt.language,
    metricName,
    subjectTitle,
  };
  return (
    <>
      {filter}
      <Stack gap="lg" opacity={activity.isPlaceholderData ? 0.6 : 1}>
        {groupByDay(events, zone).map((group) => (
          <Paper
            key={group.day}
            withBorder
            radius="md"
            p={{ base: 'sm', sm: 'lg' }}
            component="section"
            aria-labelledby={`activity-day-${group.day}`}
            data-testid="activity-day"
          >
            <Title order={3} fz="sm" c="dimmed" mb="sm" id={`activity-day-${group.day}`}>
              {dayHeading(group.day, now, zone, fmt.language, {
                today: t('activity.today'),
                yesterday: t('activity.yesterday'),
              })}
            </Title>
            <Timeline bulletSize={30} lineWidth={2}>
              {group.items.map((event) => (
                <Timeline.Item
                  key={event.id}
                  data-testid="activity-event"
                  bullet={
                    event.actor ? (
                      <PersonAvatar person={event.actor} size={26} />
                    ) : (
                      <ThemeIcon
                        variant="light"
                        color="gray"
                        radius="xl"
                        size={26}
                        title={t('activity.system')}
                      >
                        <IconSettings size={14} aria-label={t('activity.system')} />
                      </ThemeIcon>
                    )
                  }
                >
                  <Sentence parts={activitySentenceParts(event, ctx)} />
                  <Text size="xs" c="dimmed">
                    <time dateTime={event.occurredAt} title={fmt.dateTime(event.occurredAt)}>
                      {fmt.time(event.occurredAt)}
                    </time>
                  </Text>
                  <Box maw={760}>
                    <EventBody event={event} />
                  </Box>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        ))}
      </Stack>
      {activity.hasNextPage ? (
        <Stack align="center" mt="md">
          <Button
            variant="default"
            leftSection={<IconHistory size={16} aria-hidden />}
            loading={activity.isFetchingNextPage}
            onClick={() => void activity.fetchNextPage()}
          >
            {t('activity.loadMore')}
          </Button>
        </Stack>
      ) : null}
    </>
  );
}
