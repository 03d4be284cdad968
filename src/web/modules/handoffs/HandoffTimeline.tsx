import { Text, Timeline } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconSend, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { useFormat } from '../../i18n/format.js';
import { HandoffSection } from './HandoffBits.js';

const ICON = {
  submitted: <IconSend size={12} aria-hidden />,
  returned: <IconArrowBackUp size={12} aria-hidden />,
  accepted: <IconCheck size={12} aria-hidden />,
  withdrawn: <IconX size={12} aria-hidden />,
};
const COLOR = { submitted: 'blue', returned: 'grape', accepted: 'blue', withdrawn: 'gray' };

/** Submissions, returns (with reasons and failed items), acceptance. */
export function HandoffTimeline({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = (id: string) => {
    const item = handoff.checklist.find((c) => c.id === id);
    return item ? (fmt.language === 'de' ? item.labelDe : item.labelEn) : id;
  };
  return (
    <HandoffSection
      id="handoff-timeline"
      title={t('handoffs.timeline')}
      isEmpty={handoff.events.length === 0}
      emptyText={t('handoffs.timelineEmpty')}
    >
      <Timeline bulletSize={22} lineWidth={2} active={handoff.events.length}>
        {handoff.events.map((e) => (
          <Timeline.Item
            key={e.id}
            bullet={ICON[e.type]}
            color={COLOR[e.type]}
            title={t(
              `handoffs.event.${e.type === 'submitted' && e.round > 1 ? 'resubmitted' : e.type}`,
              { name: e.actor?.name ?? '?' },
            )}
          >
            <Text size="xs" c="dimmed">
              {fmt.dateTime(e.at)}
            </Text>
            {e.reason ? (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {e.reason}
              </Text>
            ) : null}
            {e.failedItems.length ? (
              <Text size="sm" c="orange.8" mt={4}>
                {t('handoffs.failedItems', { items: e.failedItems.map(label).join('; ') })}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </HandoffSection>
  );
}
