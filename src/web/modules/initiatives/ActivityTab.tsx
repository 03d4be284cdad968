import { Box, Button, Group, Paper, Stack, Table, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconHistory, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../contracts/audit.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { describeChanges, stringField } from './activity-format.js';
import { activitySentence } from './activity-sentences.js';
import { useInitiativeGoalsQuery } from '../goals/goals.queries.js';
import { useInitiativeHandoffsQuery } from '../handoffs/handoffs.queries.js';
import { useMetricsQuery } from '../metrics/metrics.queries.js';
import { useActivityQuery } from './initiatives.queries.js';

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

/** The initiative's audit trail, newest first, readable, paged with "load more". */
export function ActivityTab({ initiativeId }: { initiativeId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const activity = useActivityQuery(initiativeId);
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
  if (activity.isPending) return <SkeletonRows rows={5} height={48} />;
  if (activity.isError) {
    return <ProblemAlert error={activity.error} onReload={() => void activity.refetch()} />;
  }
  const events = activity.data.pages.flat();
  if (events.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('activity.empty')}
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md" p="lg">
      <Timeline bulletSize={30} lineWidth={2}>
        {events.map((event) => (
          <Timeline.Item
            key={event.id}
            bullet={
              event.actor ? (
                <PersonAvatar person={event.actor} size={26} />
              ) : (
                <ThemeIcon variant="light" color="gray" radius="xl" size={26}>
                  <IconSettings size={14} aria-hidden />
                </ThemeIcon>
              )
            }
          >
            <Group gap={6} wrap="wrap" align="baseline">
              <Text size="sm" fw={600}>
                {event.actor?.name ?? t('activity.system')}
              </Text>
              <Text size="sm">
                {activitySentence(event, {
                  t,
                  exists: (key) => i18n.exists(key),
                  language: fmt.language,
                  metricName,
                  subjectTitle,
                })}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" title={fmt.dateTime(event.occurredAt)}>
              <time dateTime={event.occurredAt}>{fmt.dateTime(event.occurredAt)}</time>
            </Text>
            <Box maw={760}>
              <EventBody event={event} />
            </Box>
          </Timeline.Item>
        ))}
      </Timeline>
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
    </Paper>
  );
}
