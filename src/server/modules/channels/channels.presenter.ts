import type { Channel, ChannelDelivery, ChannelEvent } from '../../../contracts/channels.js';
import type { ChannelRow, DeliveryRow } from './channels.repository.js';

/**
 * A target as people see it: scheme and host, the rest cut (Slack and Teams addresses carry
 * their key in the path or query).
 */
export function shortTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 || u.search ? '/…' : ''}`;
  } catch {
    return '…';
  }
}

export const presentChannel = (row: ChannelRow): Channel => ({
  id: row.id,
  initiativeId: row.initiative_id,
  kind: row.kind,
  name: row.name,
  target: shortTarget(row.url),
  events: JSON.parse(row.events) as ChannelEvent[],
  language: row.language,
  enabled: row.enabled === 1,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const presentDelivery = (row: DeliveryRow): ChannelDelivery => ({
  id: row.id,
  channelId: row.channel_id,
  channelName: row.channel_name,
  initiativeId: row.initiative_id,
  eventId: row.event_id,
  eventType: row.event_type,
  webhookId: row.webhook_id,
  attempt: row.attempt,
  status: row.status,
  httpStatus: row.http_status,
  answer: row.answer,
  durationMs: row.duration_ms,
  at: row.created_at,
});
