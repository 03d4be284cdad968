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
 * Puts new events at the end of the chain, in the order given. PostgreSQL does it in a
 * deferred trigger at commit (see the audit-chain migration): the order of commits is the
 * order of the chain, and the head row is locked only for the moment of the commit. SQLite
 * runs one write transaction at a time, so the writer's transaction links the events itself.
 */
export const linkIntoChain: Record<
  Dialect,
  (trx: DbOrTrx, events: readonly { id: string; digest: string }[]) => Promise<void>
> = {
  postgres: () => Promise.resolve(),
  sqlite: async (trx, events) => {
    if (events.length === 0) return;
    const head = await trx
      .selectFrom('audit_chain_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let previous = head.hash;
    const links = events.map((e) => {
      seq += 1;
      const hash = chainHash(previous, e.digest);
      const link = { seq, event_id: e.id, digest: e.digest, prev_hash: previous, hash };
      previous = hash;
      return link;
    });
    // 1,000 links of 5 columns stay below SQLite's limit of bound variables per statement.
    for (let i = 0; i < links.length; i += 1000)
      await trx
        .insertInto('audit_chain')
        .values(links.slice(i, i + 1000))
        .execute();
    await trx
      .updateTable('audit_chain_head')
      .set({ seq, hash: previous })
      .where('id', '=', 1)
      .execute();
  },
};
