import { sql } from 'kysely';
import type { AuditAction } from '../../../contracts/audit.js';
import type { DbOrTrx } from '../../db/connect.js';
import { dialectOf } from '../../db/dialect.js';
import { newSortableId } from '../../db/ids.js';
import { recordDomainEvent } from '../../events/publish.js';
import { knownPerson } from '../../../domain/people.js';
import { auditDigest, linkIntoChain } from './chain.js';

export interface AuditInput {
  actorId: string | null;
  entityType: string;
  entityId: string;
  initiativeId: string | null;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** The stored row of an event, with the digest of its content that the chain links. */
function auditRow(event: AuditInput) {
  const row = {
    id: newSortableId(event.at.getTime()),
    occurred_at: event.at.toISOString(),
    actor_id: event.actorId,
    entity_type: event.entityType,
    entity_id: event.entityId,
    initiative_id: event.initiativeId,
    action: event.action,
    before: event.before === undefined ? null : JSON.stringify(event.before),
    after: event.after === undefined ? null : JSON.stringify(event.after),
  };
  return { ...row, digest: auditDigest(row) };
}

function inTransaction(trx: DbOrTrx, caller: string) {
  if (!trx.isTransaction)
    throw new Error(`${caller} must run in the transaction of the change it records`);
}

async function insertAudit(trx: DbOrTrx, rows: ReturnType<typeof auditRow>[]) {
  // 500 rows of 10 columns stay below SQLite's limit of bound variables per statement.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('audit_events')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Appends one event and links it into the hash chain (see chain.ts). Call it with the
 * transaction that makes the change, so the change and its record commit or roll back
 * together; outside a transaction it refuses.
 */
export async function appendAudit(trx: DbOrTrx, event: AuditInput): Promise<void> {
  inTransaction(trx, 'appendAudit');
  const row = auditRow(event);
  await insertAudit(trx, [row]);
  await recordDomainEvent(trx, event);
  await linkIntoChain[dialectOf(trx)](trx, [row]);
}

/**
 * Appends many events at once, linked into the hash chain exactly as appendAudit links them
 * (PostgreSQL: the deferred trigger at commit; SQLite: here, in order). For bulk loads such
 * as the large demo: no domain events are recorded for them. Same transaction rule.
 */
export async function appendAuditBatch(trx: DbOrTrx, events: readonly AuditInput[]): Promise<void> {
  inTransaction(trx, 'appendAuditBatch');
  const rows = events.map(auditRow);
  await insertAudit(trx, rows);
  await linkIntoChain[dialectOf(trx)](trx, rows);
}

export async function listAudit(
  db: DbOrTrx,
  filter: {
    initiativeId?: string;
    entityType?: string;
    /** Any of these entity types (a pillar of the activity feed). */
    entityTypes?: readonly string[];
    entityId?: string;
    before?: string;
    limit: number;
  },
) {
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.occurred_at',
      'a.entity_type',
      'a.entity_id',
      'a.action',
      'a.before',
      'a.after',
      'a.actor_id',
      'u.name as actor_name',
      'u.side as actor_side',
      'u.department as actor_department',
    ]);
  if (filter.initiativeId) q = q.where('a.initiative_id', '=', filter.initiativeId);
  if (filter.entityType) q = q.where('a.entity_type', '=', filter.entityType);
  if (filter.entityTypes) q = q.where('a.entity_type', 'in', filter.entityTypes);
  if (filter.entityId) q = q.where('a.entity_id', '=', filter.entityId);
  if (filter.before) {
    const cursor = await db
      .selectFrom('audit_events')
      .select(['occurred_at', 'id'])
      .where('id', '=', filter.before)
      .executeTakeFirst();
    if (cursor) {
      q = q.where((eb) =>
        eb.or([
          eb('a.occurred_at', '<', cursor.occurred_at),
          eb.and([eb('a.occurred_at', '=', cursor.occurred_at), eb('a.id', '<', cursor.id)]),
        ]),
      );
    }
  }
  const rows = await q
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actor: knownPerson(r.actor_id, r.actor_name, r.actor_side, r.actor_department ?? null),
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    before: r.before === null ? null : withoutVotes(JSON.parse(r.before) as unknown),
    after: r.after === null ? null : withoutVotes(JSON.parse(r.after) as unknown),
  }));
}

/**
 * Events written before votes were kept out of the trail listed each attendee's confidence
 * vote (`demo.held`); the trail shows who attended, never who voted what.
 */
function withoutVotes(content: unknown): unknown {
  if (typeof content !== 'object' || content === null || !('attendees' in content)) return content;
  const { attendees } = content as { attendees: unknown };
  if (!Array.isArray(attendees)) return content;
  return {
    ...content,
    attendees: attendees.map((a: unknown) =>
      typeof a === 'object' && a !== null && 'confidence' in a
        ? Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'confidence'))
        : a,
    ),
  };
}

/**
 * Replaces the content (`before`, `after`) of one event, for data protection: the redaction is
 * first recorded as its own chained event (`audit.redacted` about the event, with `reason`),
 * then the content is replaced; the digest and chain entry stay, so `tandem audit verify`
 * still passes (see chain.ts). The database lets nothing else through (migration
 * 20261202_0800_audit_redaction): on PostgreSQL only via `audit_redact`, run as the owner.
 */
export async function redactAuditEvent(
  trx: DbOrTrx,
  eventId: string,
  content: { before: string | null; after: string | null },
  by: { actorId: string | null; at: Date; reason: string },
): Promise<void> {
  await appendAudit(trx, {
    actorId: by.actorId,
    entityType: 'audit_event',
    entityId: eventId,
    initiativeId: null,
    action: 'audit.redacted',
    after: { fields: ['before', 'after'], reason: by.reason },
    at: by.at,
  });
  if (dialectOf(trx) === 'postgres')
    await sql`select audit_redact(${eventId}, ${content.before}, ${content.after})`.execute(trx);
  else
    await trx
      .updateTable('audit_events')
      .set({ before: content.before, after: content.after })
      .where('id', '=', eventId)
      .execute();
}
