import { Webhook } from 'standardwebhooks';
import {
  CHANNEL_EVENTS,
  CHANNEL_TEST_EVENT,
  type ChannelDeliveryStatus,
  type ChannelMessage,
  channelWords,
  headline,
  slackPayload,
  teamsPayload,
} from '../../../domain/channels.js';
import type { AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import type { DomainEvent, ExternalSubscriber } from '../../events/registry.js';
import { type ChannelRow, channelsFor, findChannel, messageFacts } from './channels.repository.js';
import { loadTargetRules } from './channels.service.js';
import { ANSWER_EXCERPT, type SendResult, sendJson } from './send.js';
import { resolveTarget, TargetRefused } from './targets.js';

/** Attempts per message before it is marked failed: after about 5 + 10 + 20 + 40 s. */
export const CHANNEL_MAX_ATTEMPTS = 5;

/** The `webhook-id` of one event's message to one channel: the same on every attempt. */
export const webhookId = (eventId: string, channelId: string): string =>
  `msg_${eventId}_${channelId}`;

/** Where the item lives in the web app. */
function itemPath(event: DomainEvent): string {
  if (event.entityType === 'goal') return `/goals/${event.entityId}`;
  if (event.entityType === 'handoff') return `/handoffs/${event.entityId}`;
  if (event.initiativeId) return `/initiatives/${event.initiativeId}`;
  return '/admin/channels';
}

function stageName(data: unknown): string | null {
  const after = (data as { after?: { stage?: { name?: unknown } } } | null)?.after;
  return typeof after?.stage?.name === 'string' ? after.stage.name : null;
}

/** The Standard Webhooks body: what happened, with ids to fetch more through the API. */
function genericPayload(event: DomainEvent, m: ChannelMessage) {
  return {
    type: event.type,
    timestamp: event.occurredAt,
    data: {
      eventId: event.id,
      initiativeId: event.initiativeId,
      entityType: event.entityType,
      entityId: event.entityId,
      title: m.headline,
      initiative: m.initiative,
      item: m.item || null,
      actor: m.actor || null,
      url: m.url,
    },
  };
}

/**
 * Sends one message to one channel and records the attempt. Throws when it was not
 * delivered and another attempt will follow (the outbox retries it later).
 */
async function deliverTo(
  ctx: AppContext,
  channel: ChannelRow,
  event: DomainEvent,
  attempt: number,
  signal: AbortSignal,
): Promise<void> {
  const facts = await messageFacts(ctx.db.kysely, event);
  const words = channelWords(channel.language);
  const base = ctx.config.publicUrl;
  const stage = event.type === 'initiative.stage_changed' ? stageName(event.data) : null;
  const message: ChannelMessage = {
    headline: headline(event.type, channel.language),
    initiative: facts.initiative ?? words.workspace,
    item: stage ?? facts.item ?? '',
    actor: facts.actor ? `${words.by} ${facts.actor}` : '',
    url: base ? new URL(itemPath(event), base).toString() : null,
    linkLabel: words.open,
  };
  const id = webhookId(event.id, channel.id);
  const body = JSON.stringify(
    channel.kind === 'teams'
      ? teamsPayload(message)
      : channel.kind === 'slack'
        ? slackPayload(message)
        : genericPayload(event, message),
  );

  let result: SendResult;
  try {
    const target = await resolveTarget(channel.url, await loadTargetRules(ctx.db.kysely));
    // The receiver compares the timestamp with its own clock: the real time of sending.
    const sentAt = new Date();
    const headers: Record<string, string> = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    };
    if (channel.secret)
      headers['webhook-signature'] = new Webhook(channel.secret).sign(id, sentAt, body);
    result = await sendJson(target, body, headers, { signal });
  } catch (err) {
    if (!(err instanceof TargetRefused)) throw err;
    result = { ok: false, httpStatus: null, answer: `refused: ${err.message}`, durationMs: 0 };
  }
  const last = attempt >= CHANNEL_MAX_ATTEMPTS;
  const status: ChannelDeliveryStatus = result.ok ? 'delivered' : last ? 'failed' : 'retrying';
  await ctx.db.kysely
    .insertInto('channel_deliveries')
    .values({
      id: newId(),
      channel_id: channel.id,
      event_id: event.id,
      event_type: event.type,
      webhook_id: id,
      attempt,
      status,
      http_status: result.httpStatus,
      answer: result.answer.slice(0, ANSWER_EXCERPT),
      duration_ms: result.durationMs,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  // Not delivered: the outbox tries again later, or marks the event failed after the last
  // attempt (admins see it and can send it again).
  if (!result.ok)
    throw new Error(
      `channel ${channel.id}: ${result.httpStatus ?? 'no answer'} ${result.answer.slice(0, 100)}`,
    );
}

/**
 * Passes chosen events on to the channels of their initiative and of the workspace, after
 * the change committed: at least once, one step per channel (a channel that got the message
 * does not get it again when another one's failure brings the event back), retried with
 * backoff, then marked failed. A dead target only delays later messages of the same
 * initiative; nobody's action waits for it.
 */
export const channelsSubscriber: ExternalSubscriber = {
  name: 'channels.deliver',
  external: true,
  events: [...CHANNEL_EVENTS, CHANNEL_TEST_EVENT],
  maxAttempts: CHANNEL_MAX_ATTEMPTS,
  retryDelayMs: 5_000,
  maxRetryDelayMs: 60_000,
  leaseMs: 60_000,
  async handle(event, { ctx, attempt, signal, step }) {
    let channels: ChannelRow[];
    if (event.type === CHANNEL_TEST_EVENT) {
      const one = await findChannel(ctx.db.kysely, event.entityId);
      channels = one ? [one] : [];
    } else {
      channels = (await channelsFor(ctx.db.kysely, event.initiativeId)).filter((c) =>
        (JSON.parse(c.events) as string[]).includes(event.type),
      );
    }
    const failures: unknown[] = [];
    for (const channel of channels) {
      try {
        await step(channel.id, () => deliverTo(ctx, channel, event, attempt, signal));
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length)
      throw failures.length === 1
        ? failures[0]
        : new AggregateError(failures, `${failures.length} channels not reached`);
  },
};
