import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { AuditEventsTable } from '../../db/schema.js';

/**
 * The audit trail as a hash chain. Each event stores a digest of its canonical content; the
 * chain (`audit_chain`, one row per event in commit order) links digests:
 * `hash(n) = SHA-256(hash(n-1) + "\n" + digest(n))`, starting from GENESIS, and
 * `audit_chain_head` holds the last position and hash. Deleting, editing or inserting an
 * event behind the app's back breaks a link or a digest, and `tandem audit verify` names
 * the first event where that happens.
 *
 * Redaction (erasing a person's name from old events) stays possible: the content of an
 * event may be replaced while its digest and chain row stay; the redaction is recorded as
 * its own chained event (action `audit.redacted`, entity `audit_event`, entity id = the
 * redacted event). Verify checks the links everywhere and the content only of events that
 * were not redacted by a later chained event.
 */
export const GENESIS = createHash('sha256').update('tandem audit chain v1').digest('hex');
export const REDACTED_ACTION = 'audit.redacted';

type EventContent = Omit<AuditEventsTable, 'digest'>;

/** SHA-256 over the stored columns, in a fixed order (text as stored, JSON included). */
export const auditDigest = (e: EventContent): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        'tandem-audit-v1',
        e.id,
        e.occurred_at,
        e.actor_id,
        e.entity_type,
        e.entity_id,
        e.initiative_id,
        e.action,
        e.before,
        e.after,
      ]),
    )
    .digest('hex');

export const chainHash = (previous: string, digest: string): string =>
  createHash('sha256').update(`${previous}\n${digest}`).digest('hex');

/**
 * Puts a new event at the end of the chain. PostgreSQL does it in a deferred trigger at
 * commit (see the audit-chain migration): the order of commits is the order of the chain,
 * and the head row is locked only for the moment of the commit. SQLite runs one write
 * transaction at a time, so the writer's transaction can link the event itself.
 */
export const linkIntoChain: Record<
  Dialect,
  (trx: DbOrTrx, eventId: string, digest: string) => Promise<void>
> = {
  postgres: () => Promise.resolve(),
  sqlite: async (trx, eventId, digest) => {
    const head = await trx
      .selectFrom('audit_chain_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const seq = Number(head.seq) + 1;
    const hash = chainHash(head.hash, digest);
    await trx
      .insertInto('audit_chain')
      .values({ seq, event_id: eventId, digest, prev_hash: head.hash, hash })
      .execute();
    await trx.updateTable('audit_chain_head').set({ seq, hash }).where('id', '=', 1).execute();
  },
};
