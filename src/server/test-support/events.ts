import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { publish, type EventInput } from '../events/publish.js';
import { type DomainEvent, subscribe, type TransactionalSubscriber } from '../events/registry.js';

/** A table the test subscribers write their effects to (not part of the app's schema). */
interface TestEffects {
  test_effects: { subscriber: string; event_id: string; stream: string; seq: number; ord: number };
}
type TestDb = Database & TestEffects;

export async function createEffectsTable(db: Db): Promise<void> {
  await db.kysely.schema
    .createTable('test_effects')
    .ifNotExists()
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .execute();
}

let ord = 0;

/**
 * A transactional subscriber that writes one row per handled event (in the handler's
 * transaction, so only committed handling leaves a row) and then fails when `fail` says so.
 */
export function recordingSubscriber(
  name: string,
  events: readonly string[],
  options: Partial<Omit<TransactionalSubscriber, 'name' | 'events' | 'handle'>> & {
    fail?: (event: DomainEvent, attempt: number) => boolean;
    before?: (event: DomainEvent) => Promise<void>;
  } = {},
): () => void {
  const { fail, before, ...rest } = options;
  return subscribe({
    ...rest,
    name,
    events,
    handle: async (event, { trx, attempt }) => {
      if (before) await before(event);
      ord += 1;
      await (trx as unknown as Kysely<TestDb>)
        .insertInto('test_effects')
        .values({ subscriber: name, event_id: event.id, stream: event.stream, seq: event.seq, ord })
        .execute();
      if (fail?.(event, attempt))
        throw new Error(`handler refused ${event.type} (attempt ${attempt})`);
    },
  });
}

/** The effects a subscriber left, in the order it handled them. */
export async function effects(db: Db, subscriber: string) {
  return (db.kysely as unknown as Kysely<TestDb>)
    .selectFrom('test_effects')
    .select(['event_id', 'stream', 'seq'])
    .where('subscriber', '=', subscriber)
    .orderBy('ord')
    .execute();
}

/** Publishes events, each in its own transaction (as separate user actions would). */
export async function publishEach(db: Db, inputs: EventInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const input of inputs) {
    const id = await db.kysely.transaction().execute((trx) => publish(trx, input));
    if (!id) throw new Error(`no subscriber wanted ${input.type}`);
    ids.push(id);
  }
  return ids;
}

export const testEvent = (
  type: string,
  initiativeId: string | null,
  at: Date,
  data: unknown = {},
): EventInput => ({
  type,
  entityType: 'test',
  entityId: initiativeId ?? 'lonely',
  initiativeId,
  actorId: null,
  data,
  at,
});

export async function delivery(db: Db, eventId: string, subscriber: string) {
  return db.kysely
    .selectFrom('event_deliveries')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('subscriber', '=', subscriber)
    .executeTakeFirstOrThrow();
}

export const countRows = async (db: Db, table: 'domain_events' | 'event_deliveries') =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select(sql<number>`cast(count(*) as integer)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
