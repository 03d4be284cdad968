import { z } from 'zod';
import { CHANNEL_DELIVERY_STATUSES, CHANNEL_EVENTS, CHANNEL_KINDS } from '../domain/channels.js';
import { Language, line, Timestamp, webLink } from './common.js';

export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const ChannelEvent = z.enum(CHANNEL_EVENTS);
export type ChannelEvent = z.infer<typeof ChannelEvent>;
export const ChannelDeliveryStatus = z.enum(CHANNEL_DELIVERY_STATUSES);
export type ChannelDeliveryStatus = z.infer<typeof ChannelDeliveryStatus>;

/** A channel as people see it: the target address shortened to its host (it may hold a key). */
export const Channel = z
  .object({
    id: z.string(),
    /** null: the whole workspace */
    initiativeId: z.string().nullable(),
    kind: ChannelKind,
    name: z.string(),
    /** e.g. `https://prod-12.westeurope.logic.azure.com/…` */
    target: z.string(),
    events: z.array(ChannelEvent),
    language: Language,
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

/** The answer to creating a signed webhook: its signing secret, shown this once. */
export const CreatedChannel = z
  .object({ channel: Channel, secret: z.string().nullable() })
  .meta({ id: 'CreatedChannel' });
export type CreatedChannel = z.infer<typeof CreatedChannel>;

const events = z
  .array(ChannelEvent)
  .min(1, 'choose at least one event')
  .refine((v) => new Set(v).size === v.length, { message: 'lists an event twice' });

export const CreateChannelBody = z.object({
  kind: ChannelKind,
  name: line(120),
  url: webLink(),
  events,
  language: Language,
  enabled: z.boolean().default(true),
});
export type CreateChannelBody = z.input<typeof CreateChannelBody>;

export const UpdateChannelBody = z.object({
  version: z.number().int(),
  name: line(120).optional(),
  /** A new target; left out keeps the current one. */
  url: webLink().optional(),
  events: events.optional(),
  language: Language.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateChannelBody = z.input<typeof UpdateChannelBody>;

/** One attempt to deliver a message to a channel. */
export const ChannelDelivery = z
  .object({
    id: z.string(),
    channelId: z.string(),
    channelName: z.string(),
    initiativeId: z.string().nullable(),
    eventId: z.string(),
    eventType: z.string(),
    /** The `webhook-id`: the same on every attempt of one message. */
    webhookId: z.string(),
    attempt: z.number().int(),
    status: ChannelDeliveryStatus,
    httpStatus: z.number().int().nullable(),
    /** The start of the target's answer, or why there was none. */
    answer: z.string(),
    durationMs: z.number().int(),
    at: Timestamp,
  })
  .meta({ id: 'ChannelDelivery' });
export type ChannelDelivery = z.infer<typeof ChannelDelivery>;

export const ChannelDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Workspace-wide rules for channel targets (admin). */
export const ChannelTargetSettings = z
  .object({
    /** Targets on loopback, private and link-local addresses (an internal relay, tests). */
    allowPrivateTargets: z.boolean(),
    /** Plain http targets (otherwise https only). */
    allowHttp: z.boolean(),
  })
  .meta({ id: 'ChannelTargetSettings' });
export type ChannelTargetSettings = z.infer<typeof ChannelTargetSettings>;
