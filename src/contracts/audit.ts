import { z } from 'zod';
import { PersonRef, Timestamp } from './common.js';

/** One entry of the append-only audit trail. */
export const AuditEvent = z
  .object({
    id: z.string(),
    occurredAt: Timestamp,
    actor: PersonRef.nullable(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** The parts of an initiative its activity can be narrowed to. */
export const ActivityPillar = z.enum(['goals', 'handoffs', 'demos', 'metrics', 'initiative']);
export type ActivityPillar = z.infer<typeof ActivityPillar>;

export const ActivityQuery = z.object({
  /** Return events older than this event id (paging). */
  before: z.string().optional(),
  /** Only this pillar's events; `initiative` is the initiative itself and its team. */
  pillar: ActivityPillar.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
