import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeeklyUpdate, WeeklyUpdates } from '../../../contracts/weekly-updates.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import { useWeeklyUpdatesQuery, useWriteWeeklyUpdate } from './health.queries.js';
import type { Side } from '../../../domain/sides.js';

type View = WeeklyUpdate['view'];
const VIEWS: View[] = ['on_track', 'at_risk', 'off_track'];
const VIEW_COLOR: Record<View, string> = { on_track: 'green', at_risk: 'yellow', off_track: 'red' };

function Latest({ side, update }: { side: Side; update: WeeklyUpdate | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={{ borderLeft: `4px solid var(--mantine-color-${SIDE_COLOR[side]}-6)` }}
      data-testid={`weekly-latest-${side}`}
    >
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t(`weekly.sides.${side}`)}
      </Text>
      {update ? (
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600} size="sm" c={`${VIEW_COLOR[update.view]}.8`}>
              {t(`weekly.views.${update.view}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('weekly.thisWeek', { week: update.week.slice(-2) })}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {update.text}
          </Text>
          <Text size="xs" c="dimmed">
            {t('weekly.writtenBy', {
              name: update.author?.name ?? '—',
              when: fmt.dateTime(update.writtenAt),
            })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('weekly.never')}
        </Text>
      )}
    </Paper>
  );
}

function WriteForm({
  initiativeId,
  side,
  data,
}: {
  initiativeId: string;
  side: Side;
  data: WeeklyUpdates;
}) {
  const { t } = useTranslation();
  const mine = data.latest[side];
  const thisWeek = mine?.week === data.currentWeek ? mine : null;
  const [view, setView] = useState<View>(thisWeek?.view ?? 'on_track');
  const [text, setText] = useState(thisWeek?.text ?? '');
  const write = useWriteWeeklyUpdate(initiativeId);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        write.mutate({ side, view, text });
      }}
      aria-label={t('weekly.yourSide', { side: t(`weekly.sides.${side}`) })}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('weekly.yourSide', { side: t(`weekly.sides.${side}`) })}
        </Text>
        <div>
          <Text size="xs" c="dimmed" id={`weekly-view-${side}`}>
            {t('weekly.view')}
          </Text>
          <SegmentedControl
            aria-labelledby={`weekly-view-${side}`}
            value={view}
            onChange={(v) => setView(v as View)}
            data={VIEWS.map((v) => ({ value: v, label: t(`weekly.views.${v}`) }))}
            fullWidth
          />
        </div>
        <Textarea
          label={t('weekly.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          required
        />
        {write.isError ? <ProblemAlert error={write.error} /> : null}
        {write.isSuccess ? (
          <Text size="sm" c="green.8" role="status">
            {t('weekly.saved')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={write.isPending} disabled={!text.trim()}>
            {thisWeek ? t('weekly.replace') : t('weekly.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Both owners' latest views side by side, and the form for the sides the reader writes. */
export function WeeklyUpdateCard({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation();
  const query = useWeeklyUpdatesQuery(initiativeId);
  if (query.isPending) return <Skeleton height={100} radius="md" />;
  if (query.isError)
    return <ProblemAlert error={query.error} onReload={() => void query.refetch()} />;
  const data = query.data;
  return (
    <Paper withBorder radius="md" p="md" id="weekly-update" aria-labelledby="weekly-title">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="md" id="weekly-title">
            {t('weekly.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('weekly.hint')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Latest side="business" update={data.latest.business} />
          <Latest side="it" update={data.latest.it} />
        </SimpleGrid>
        {data.canWrite.map((side) => (
          <WriteForm key={side} initiativeId={initiativeId} side={side} data={data} />
        ))}
      </Stack>
    </Paper>
  );
}
