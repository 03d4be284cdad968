import type { DbOrTrx } from '../db/connect.js';
import { newSortableId } from '../db/ids.js';
import { dialectOf, streamPosition } from './dialect.js';
import { subscribersFor } from './registry.js';

/** What a module publishes; the event's id and position are given by the outbox. */
export interface EventInput {
  /** e.g. `goal.achieved`: `<entity>.<what happened>`, past tense. */
  type: string;
  entityType: string;
  entityId: string;
  /** Events of one initiative are delivered in commit order; null: ordered per entity. */
  initiativeId: string | null;
  actorId: string | null;
  /** Anything JSON can carry; subscribers receive it as `event.data`. */
  data?: unknown;
  /** The app clock of the change (`ctx.now()`). */
  at: Date;
}

/** The shape appendAudit receives: every audit event is also a domain event. */
export interface AuditLike {
  actorId: string | null;
  entityType: string;
  entityId: string;
  initiativeId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Wake-ups of this process's dispatchers after a write (see Dispatcher.start). */
const wakers = new Set<() => void>();
let wakeQueued = false;

export function onLocalPublish(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

function wakeSoon(): void {
  if (wakeQueued || wakers.size === 0) return;
  wakeQueued = true;
  // On SQLite the dispatcher's claim waits for the connection, which the writer's
  // transaction holds until it commits: it sees the new deliveries. On PostgreSQL it may
  // run before the commit; the commit's NOTIFY on `tandem_events` wakes it again.
  setImmediate(() => {
    wakeQueued = false;
    for (const wake of wakers) wake();
  });
}

/**
 * Writes a domain event to the outbox with one delivery per interested subscriber, in
 * the writer's transaction: the event exists if and only if the change committed.
 * Subscribers run after the commit. Returns the event id, or undefined when no
 * subscriber wants this type (then nothing is stored; the audit trail keeps the history).
 */
export async function publish(trx: DbOrTrx, input: EventInput): Promise<string | undefined> {
  const subscribers = subscribersFor(input.type).filter((s) => s.wants?.(input) ?? true);
  if (subscribers.length === 0) return undefined;
  if (!trx.isTransaction) return trx.transaction().execute((t) => publish(t, input));
  const stream = input.initiativeId ?? `${input.entityType}:${input.entityId}`;
  const seq = await streamPosition[dialectOf(trx)](trx, stream);
  // Wall clock, not input.at: ids sort in write order even when the app clock is set back
  // (demo seed, tests). Order within a stream is `seq`, not the id.
  const id = newSortableId();
  await trx
    .insertInto('domain_events')
    .values({
      id,
      stream,
      seq,
      type: input.type,
      occurred_at: input.at.toISOString(),
      actor_id: input.actorId,
      initiative_id: input.initiativeId,
      entity_type: input.entityType,
      entity_id: input.entityId,
      data: input.data === undefined ? null : JSON.stringify(input.data),
    })
    .execute();
  const createdAt = input.at.toISOString();
  await trx
    .insertInto('event_deliveries')
    .values(
      subscribers.map((s) => ({
        event_id: id,
        subscriber: s.name,
        stream,
        seq,
        status: 'pending' as const,
        attempts: 0,
        available_at: null,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: createdAt,
        finished_at: null,
      })),
    )
    .execute();
  wakeSoon();
  return id;
}

/** Called by appendAudit: every audit event becomes a domain event of the same type. */
export async function recordDomainEvent(trx: DbOrTrx, audit: AuditLike): Promise<void> {
  await publish(trx, {
    type: audit.action,
    entityType: audit.entityType,
    entityId: audit.entityId,
    initiativeId: audit.initiativeId,
    actorId: audit.actorId,
    data: { before: audit.before ?? null, after: audit.after ?? null },
    at: audit.at,
  });
}
