import type { AppContext } from '../context.js';
import type { DbOrTrx } from '../db/connect.js';
import type { Schedule } from '../../domain/schedules.js';
import { scheduleProblems } from '../../domain/schedules.js';

/** A domain event as subscribers receive it. */
export interface DomainEvent {
  /** UUIDv7, the same on every redelivery: pass it on as the idempotency key (webhook id, …). */
  id: string;
  /** e.g. `goal.achieved`; audit events keep their action as type. */
  type: string;
  /** The ordering unit: the initiative id, or `entityType:entityId` for events without one. */
  stream: string;
  /** Position in the stream, in commit order. */
  seq: number;
  /** ISO-8601, the app clock of the writer (as in the audit trail). */
  occurredAt: string;
  actorId: string | null;
  initiativeId: string | null;
  entityType: string;
  entityId: string;
  /** What the publisher attached; for audit events `{ before, after }`. */
  data: unknown;
}

interface SubscriberBase {
  /**
   * Stable name, stored with every delivery (e.g. `notifications.inbox`). Renaming makes a
   * new subscriber; deliveries under the old name stay pending and visible to admins.
   */
  name: string;
  /** Event types: exact (`goal.achieved`), a prefix (`goal.*`) or everything (`*`). */
  events: readonly string[];
  /**
   * Whether an event of one of those types concerns this subscriber, judged at publish from
   * the event alone (default: every one does). One it does not want gets no delivery.
   */
  wants?(event: { type: string; data?: unknown }): boolean;
  /** Attempts before a delivery is marked failed (default 10). */
  maxAttempts?: number;
  /** Delay before the first retry; doubles per attempt (default 5 s). */
  retryDelayMs?: number;
  /** Upper bound of the retry delay (default 1 h). */
  maxRetryDelayMs?: number;
}

/**
 * The default kind: `handle` runs inside a transaction that also marks the delivery done,
 * so whatever it writes through `trx` happens exactly once per event, even when the event
 * is delivered again after a crash. Deliveries are handled in batches in one transaction
 * (each in a savepoint): never do network I/O here — on SQLite the transaction holds the
 * only connection. Publish follow-up events with `publish(trx, …)`.
 */
export interface TransactionalSubscriber extends SubscriberBase {
  external?: false;
  /**
   * Runs first in each batch's transaction with all of the batch's events, before any
   * `handle`: e.g. to take the locks the handlers will take, all at once in one global order
   * (handlers taking them one by one in stream order could wait in a cycle with another
   * transaction that takes several in that order).
   */
  beforeBatch?(events: readonly DomainEvent[], h: { trx: DbOrTrx; ctx: AppContext }): Promise<void>;
  handle(event: DomainEvent, h: { trx: DbOrTrx; ctx: AppContext; attempt: number }): Promise<void>;
}

/**
 * For effects outside the database (email, webhooks, chat). `handle` runs outside any
 * transaction, at least once per event: a crash after the effect and before the delivery
 * is marked done repeats it. Make repeats harmless with the event id as idempotency key,
 * and wrap each effect in `step(key, work)`, which records it and skips it on redelivery.
 */
export interface ExternalSubscriber extends SubscriberBase {
  external: true;
  /** How long one attempt may take before another instance may retry it (default 60 s). */
  leaseMs?: number;
  handle(
    event: DomainEvent,
    h: {
      ctx: AppContext;
      attempt: number;
      /** Aborted when the lease runs out: pass it to fetch and friends. */
      signal: AbortSignal;
      /** Runs `work` unless this step already completed for this event; true when it ran. */
      step: (key: string, work: () => Promise<void>) => Promise<boolean>;
    },
  ): Promise<void>;
}

export type Subscriber = TransactionalSubscriber | ExternalSubscriber;

/** A periodic job; exactly one instance runs each due occurrence. */
export interface Job {
  /** Stable name, the key of its row in `scheduled_jobs` (e.g. `digests.weekly`). */
  name: string;
  schedule: Schedule;
  /**
   * The work. Missed occurrences are not replayed one by one: after downtime the job
   * runs once. A failed run is retried after 1, 2, 4 … minutes (at most 1 h, and never
   * later than the next regular occurrence); make the work idempotent per period.
   */
  run(ctx: AppContext, info: { scheduledFor: Date; now: Date; signal: AbortSignal }): Promise<void>;
  /** How long a run may take before another instance may start it again (default 10 min). */
  leaseMs?: number;
}

const subscribers = new Map<string, Subscriber>();
const jobs = new Map<string, Job>();
let byType = new Map<string, Subscriber[]>();

const NAME = /^[a-z0-9][a-z0-9._:-]{0,99}$/;
const PATTERN = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;

/**
 * Registers a subscriber for this process; returns a function that removes it (tests).
 * Register at start-up (src/server/reactions.ts), before anything is written: deliveries
 * are created in the writer's transaction for the subscribers registered then.
 */
export function subscribe(subscriber: Subscriber): () => void {
  if (!NAME.test(subscriber.name))
    throw new Error(`Subscriber name "${subscriber.name}" must match ${String(NAME)}`);
  if (subscribers.has(subscriber.name))
    throw new Error(`A subscriber named "${subscriber.name}" is already registered`);
  if (subscriber.events.length === 0)
    throw new Error(`Subscriber "${subscriber.name}" subscribes to no event type`);
  for (const p of subscriber.events)
    if (!PATTERN.test(p))
      throw new Error(`Event pattern "${p}" must look like goal.achieved, goal.* or *`);
  subscribers.set(subscriber.name, subscriber);
  byType = new Map();
  return () => {
    if (subscribers.get(subscriber.name) === subscriber) {
      subscribers.delete(subscriber.name);
      byType = new Map();
    }
  };
}

const matches = (pattern: string, type: string): boolean =>
  pattern === '*' ||
  pattern === type ||
  (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));

/** The subscribers that want events of this type (cached per type). */
export function subscribersFor(type: string): Subscriber[] {
  let found = byType.get(type);
  if (!found) {
    found = [...subscribers.values()].filter((s) => s.events.some((p) => matches(p, type)));
    byType.set(type, found);
  }
  return found;
}

export const registeredSubscribers = (): Subscriber[] => [...subscribers.values()];
export const findSubscriber = (name: string): Subscriber | undefined => subscribers.get(name);

/** Registers a periodic job for this process; returns a function that removes it (tests). */
export function schedule(job: Job): () => void {
  if (!NAME.test(job.name)) throw new Error(`Job name "${job.name}" must match ${String(NAME)}`);
  if (jobs.has(job.name)) throw new Error(`A job named "${job.name}" is already registered`);
  const problems = scheduleProblems(job.schedule);
  if (problems.length) throw new Error(`Job "${job.name}": ${problems.join('; ')}`);
  jobs.set(job.name, job);
  return () => {
    if (jobs.get(job.name) === job) jobs.delete(job.name);
  };
}

export const registeredJobs = (): Job[] => [...jobs.values()];
