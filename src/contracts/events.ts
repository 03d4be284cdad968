import { z } from 'zod';
import { Timestamp } from './common.js';

export const DeliveryStatus = z.enum(['pending', 'done', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One domain event as delivered to one subscriber (admin view of the outbox). */
export const EventDelivery = z
  .object({
    eventId: z.string(),
    subscriber: z.string(),
    type: z.string(),
    initiativeId: z.string().nullable(),
    entityType: z.string(),
    entityId: z.string(),
    occurredAt: Timestamp,
    /** Ordering unit (initiative, or entity) and the event's position in it. */
    stream: z.string(),
    seq: z.number().int().nullable(),
    status: DeliveryStatus,
    /** Handler runs so far, including runs that died with their process. */
    attempts: z.number().int(),
    /** Pending: not before this time (retry backoff); null when due at once. */
    nextAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'EventDelivery' });
export type EventDelivery = z.infer<typeof EventDelivery>;

export const EventDeliveriesQuery = z.object({
  status: DeliveryStatus.default('failed'),
  subscriber: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const SubscriberSummary = z.object({
  name: z.string(),
  /** False for deliveries of a subscriber this version no longer has (they stay pending). */
  registered: z.boolean(),
  pending: z.number().int(),
  failed: z.number().int(),
  done: z.number().int(),
});

export const EventOverview = z
  .object({
    subscribers: z.array(SubscriberSummary),
    deliveries: z.array(EventDelivery),
  })
  .meta({ id: 'EventOverview' });
export type EventOverview = z.infer<typeof EventOverview>;

export const DeliveryParams = z.object({
  eventId: z.string().min(1),
  subscriber: z.string().min(1),
});

/** A periodic job of the scheduler. */
export const ScheduledJob = z
  .object({
    name: z.string(),
    /** e.g. "daily 03:30 UTC", "weekly monday 07:00 Europe/Berlin", "every 15 min". */
    schedule: z.string(),
    registered: z.boolean(),
    nextRunAt: Timestamp,
    /** An instance holds the job until this time while it runs. */
    runningUntil: Timestamp.nullable(),
    lastStartedAt: Timestamp.nullable(),
    lastFinishedAt: Timestamp.nullable(),
    lastStatus: z.enum(['ok', 'failed']).nullable(),
    lastError: z.string().nullable(),
    /** Consecutive failed runs. */
    failures: z.number().int(),
    runs: z.number().int(),
  })
  .meta({ id: 'ScheduledJob' });
export type ScheduledJob = z.infer<typeof ScheduledJob>;
