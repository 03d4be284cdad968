import type { DbOrTrx } from '../../db/connect.js';
import { auditDigest, chainHash, GENESIS, REDACTED_ACTION } from './chain.js';

export interface ChainBreak {
  /** The event where the chain stops being intact (null when it is gone without trace). */
  eventId: string | null;
  /** Its position in the chain (1-based), when known. */
  position: number | null;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Events checked in chain order. */
  checked: number;
  /** The end of the chain: keep it somewhere else to detect a rewritten chain later. */
  head: { position: number; hash: string };
  /** The first break, in chain order; null when intact. */
  firstBreak: ChainBreak | null;
}

const PAGE = 1000;

/**
 * Walks the audit chain from the start: every link, every chained event's digest against its
 * content (except redacted ones), the head, and events that are not in the chain at all.
 * Read-only; runs alongside the app.
 */
export async function verifyAuditChain(db: DbOrTrx): Promise<VerifyResult> {
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const result = (checked: number, firstBreak: ChainBreak | null): VerifyResult => ({
    ok: firstBreak === null,
    checked,
    head: { position: Number(head?.seq ?? 0), hash: head?.hash ?? GENESIS },
    firstBreak,
  });
  if (!head)
    return result(0, { eventId: null, position: null, reason: 'the chain head is missing' });

  // Redactions count only when they are themselves part of the chain.
  const redacted = new Map<string, number>();
  for (const r of await db
    .selectFrom('audit_events as e')
    .innerJoin('audit_chain as c', 'c.event_id', 'e.id')
    .select(['e.entity_id', 'c.seq'])
    .where('e.action', '=', REDACTED_ACTION)
    .where('e.entity_type', '=', 'audit_event')
    .execute())
    redacted.set(r.entity_id, Number(r.seq));

  let previous = GENESIS;
  let expected = 1;
  for (;;) {
    const links = await db
      .selectFrom('audit_chain')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (links.length === 0) break;
    const events = new Map(
      (
        await db
          .selectFrom('audit_events')
          .selectAll()
          .where(
            'id',
            'in',
            links.map((l) => l.event_id),
          )
          .execute()
      ).map((e) => [e.id, e]),
    );
    for (const link of links) {
      const position = Number(link.seq);
      const at = (reason: string): VerifyResult =>
        result(expected - 1, { eventId: link.event_id, position, reason });
      if (position !== expected)
        return result(expected - 1, {
          eventId: link.event_id,
          position,
          reason: `chain positions ${expected}–${position - 1} are missing before this event (deleted)`,
        });
      if (link.prev_hash !== previous) return at('its link to the previous event does not match');
      if (link.hash !== chainHash(link.prev_hash, link.digest))
        return at('its chain entry was altered');
      const event = events.get(link.event_id);
      if (!event) return at('the event was deleted');
      if (event.digest !== null && event.digest !== link.digest)
        return at("the event's digest was altered");
      const redactedLater = (redacted.get(event.id) ?? 0) > position;
      if (!redactedLater && auditDigest(event) !== link.digest) return at('the event was changed');
      previous = link.hash;
      expected += 1;
    }
  }
  const checked = expected - 1;
  if (checked !== Number(head.seq) || previous !== head.hash)
    return result(checked, {
      eventId: null,
      position: checked + 1,
      reason: `the chain ends at position ${checked} but its head says ${String(head.seq)} (events at the end were removed)`,
    });
  const unchained = await db
    .selectFrom('audit_events as e')
    .leftJoin('audit_chain as c', 'c.event_id', 'e.id')
    .select(['e.id'])
    .where('c.event_id', 'is', null)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .executeTakeFirst();
  if (unchained)
    return result(checked, {
      eventId: unchained.id,
      position: null,
      reason: 'the event is not in the chain (added behind the app’s back)',
    });
  return result(checked, null);
}
