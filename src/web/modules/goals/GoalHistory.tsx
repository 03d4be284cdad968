import { Badge, Group, List, Stack, Text, Timeline } from '@mantine/core';
import { IconCircleCheckFilled, IconHourglassHigh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SIDES } from '../../../domain/sides.js';
import type { GoalDetail } from '../../../contracts/goals.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import {
  changeLine,
  describeTermChanges,
  TERM_FIELDS,
  termValue,
  type MetricLookup,
} from './goal-format.js';

type Version = GoalDetail['versions'][number];

function Signatures({ version }: { version: Version }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Group gap="md" wrap="wrap">
      {SIDES.map((side) => {
        const s = version.signatures.find((x) => x.side === side);
        const color = SIDE_COLOR[side];
        return (
          <Group key={side} gap={6} wrap="nowrap" data-side={side} data-signed={Boolean(s)}>
            {s ? (
              <IconCircleCheckFilled
                size={16}
                color={`var(--mantine-color-${color}-6)`}
                aria-hidden
              />
            ) : (
              <IconHourglassHigh size={16} color="var(--mantine-color-dimmed)" aria-hidden />
            )}
            <Text size="xs" c={s ? undefined : 'dimmed'}>
              {s
                ? t('goals.history.signedBy', {
                    side: t(`side.${side}`),
                    name: s.person.name,
                    date: fmt.dateTime(s.signedAt),
                  })
                : t('goals.history.notSigned', { side: t(`side.${side}`) })}
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}

/**
 * Every version of the signed terms, newest first: what changed against the one before, who
 * made it, who signed it when. Older versions stay visible with their signatures.
 */
export function GoalHistory({ goal, metric }: { goal: GoalDetail; metric: MetricLookup }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ctx = { t, fmt, metric };
  if (goal.versions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('goals.history.none')}
      </Text>
    );
  }
  // Versions arrive newest first; each is compared with the one below it.
  const versions = goal.versions;
  return (
    <Timeline active={0} bulletSize={22} lineWidth={2} color="blue">
      {versions.map((v, i) => {
        const previous = versions[i + 1];
        const current = v.version === goal.agreement.currentVersion;
        const changes = describeTermChanges(previous?.content, v.content, ctx);
        return (
          <Timeline.Item
            key={v.version}
            data-testid="goal-version"
            data-version={v.version}
            bullet={
              <Text size="xs" fw={700}>
                {v.version}
              </Text>
            }
            title={
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {t('goals.history.version', { version: v.version })}
                </Text>
                {current ? (
                  <Badge size="xs" variant="light" color="blue" radius="sm">
                    {t('goals.history.current')}
                  </Badge>
                ) : null}
              </Group>
            }
          >
            <Stack gap={6} mt={4}>
              <Text size="xs" c="dimmed">
                {t('goals.history.createdBy', {
                  name: v.createdBy?.name ?? t('goals.history.unknownPerson'),
                  date: fmt.dateTime(v.createdAt),
                })}
              </Text>
              {previous ? (
                changes.length ? (
                  <div>
                    <Text size="xs" fw={600}>
                      {t('goals.history.changed')}
                    </Text>
                    <List size="sm" spacing={2}>
                      {changes.map((c) => (
                        <List.Item key={c.field} data-testid="goal-change">
                          {changeLine(c)}
                        </List.Item>
                      ))}
                    </List>
                  </div>
                ) : (
                  <Text size="sm">{t('goals.history.noChanges')}</Text>
                )
              ) : (
                <div>
                  <Text size="xs" fw={600}>
                    {t('goals.history.first')}
                  </Text>
                  <Text size="sm">
                    {TERM_FIELDS.map(
                      (f) =>
                        `${t(`goals.field.${f}`)}: ${termValue(f, v.content[f], v.content.metricId, ctx)}`,
                    ).join(' · ')}
                  </Text>
                </div>
              )}
              <Signatures version={v} />
              {!current ? (
                <Text size="xs" c="dimmed" fs="italic">
                  {t('goals.history.superseded')}
                </Text>
              ) : null}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
