import { Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { useFormat } from '../../i18n/format.js';
import { formatDuration } from './HandoffBits.js';

/** When it was handed over, answered and accepted, how long it took, returns and open questions. */
export function HandoffTimings({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const x = handoff.timings;
  const when = (v: string | null) => (v ? fmt.dateTime(v) : t('handoffs.timings.notYet'));
  const rows: [string, string][] = [
    [t('handoffs.timings.submitted'), when(x.submittedAt)],
    [t('handoffs.timings.firstResponse'), when(x.firstResponseAt)],
    [t('handoffs.timings.accepted'), when(x.acceptedAt)],
    [
      t('handoffs.timings.leadTime'),
      x.leadTimeMs === null
        ? t('handoffs.timings.notYet')
        : x.acceptedAt
          ? formatDuration(x.leadTimeMs, t)
          : t('handoffs.timings.running', { duration: formatDuration(x.leadTimeMs, t) }),
    ],
    [t('handoffs.timings.returns'), fmt.number(x.returns)],
    [
      t('handoffs.timings.openQuestions'),
      x.openQuestions && x.oldestOpenQuestionMs !== null
        ? `${fmt.number(x.openQuestions)} (${t('handoffs.timings.oldestQuestion', {
            age: formatDuration(x.oldestOpenQuestionMs, t),
          })})`
        : fmt.number(x.openQuestions),
    ],
  ];
  return (
    <section aria-labelledby="handoff-timings">
      <Title order={2} fz="h4" mb="sm" id="handoff-timings">
        {t('handoffs.timings.title')}
      </Title>
      <dl className="handoff-timings" style={{ margin: 0 }}>
        {rows.map(([k, v]) => (
          <Group key={k} justify="space-between" gap="xs" py={4} wrap="nowrap">
            <Text component="dt" size="sm" c="dimmed">
              {k}
            </Text>
            <Text component="dd" size="sm" fw={500} m={0} ta="right">
              {v}
            </Text>
          </Group>
        ))}
      </dl>
    </section>
  );
}
