import { Badge, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CHANNEL_EVENTS, CHANNEL_TEST_EVENT } from '../../../domain/channels.js';
import type { ChannelDelivery, ChannelDeliveryStatus } from '../../../contracts/channels.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { useDeliveriesQuery } from './channels.queries.js';
import { isOneOf } from '../../lib/one-of.js';

const STATUS_COLOR: Record<ChannelDeliveryStatus, string> = {
  delivered: 'teal',
  retrying: 'yellow',
  failed: 'gray',
};

/** The latest delivery attempts: of one channel, or of all (admins, `channelId` null). */
export function DeliveriesTable({ channelId }: { channelId: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = useDeliveriesQuery(channelId);
  const all = channelId === null;
  if (query.isPending) return <SkeletonRows rows={2} />;
  if (query.isError)
    return <ProblemAlert error={query.error} onReload={() => void query.refetch()} />;
  const rows: ChannelDelivery[] = query.data;
  return rows.length === 0 ? (
    <Text size="sm" c="dimmed">
      {t('channels.noDeliveries')}
    </Text>
  ) : (
    <Table.ScrollContainer minWidth={640} className="stack-on-phone">
      <Table>
        <caption className="visually-hidden">{t('channels.deliveries')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('channels.col.at')}</Table.Th>
            {all ? <Table.Th>{t('channels.col.channel')}</Table.Th> : null}
            <Table.Th>{t('channels.col.event')}</Table.Th>
            <Table.Th>{t('channels.col.attempt')}</Table.Th>
            <Table.Th>{t('channels.col.status')}</Table.Th>
            <Table.Th>{t('channels.col.http')}</Table.Th>
            <Table.Th>{t('channels.col.answer')}</Table.Th>
            <Table.Th>{t('channels.col.duration')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td data-label={t('channels.col.at')}>{fmt.dateTime(d.at)}</Table.Td>
              {all ? (
                <Table.Td data-label={t('channels.col.channel')}>{d.channelName}</Table.Td>
              ) : null}
              <Table.Td data-label={t('channels.col.event')}>{eventName(d.eventType, t)}</Table.Td>
              <Table.Td data-label={t('channels.col.attempt')}>{d.attempt}</Table.Td>
              <Table.Td data-label={t('channels.col.status')}>
                <Badge variant="light" color={STATUS_COLOR[d.status]} tt="none">
                  {t(`channels.status.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td data-label={t('channels.col.http')}>
                {d.httpStatus ?? t('common.none')}
              </Table.Td>
              <Table.Td data-label={t('channels.col.answer')}>
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
                  {d.answer || t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td data-label={t('channels.col.duration')}>
                {t('channels.ms', { n: d.durationMs })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const KNOWN = [...CHANNEL_EVENTS, CHANNEL_TEST_EVENT] as const;

/** The news an event type stands for, in the UI language; unknown types as they are. */
export function eventName(type: string, t: TFunction): string {
  return isOneOf(KNOWN, type) ? t(`channels.eventNames.${type}` as const) : type;
}
