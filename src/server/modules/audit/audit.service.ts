/**
 * The audit trail as other modules use it: appendAudit(trx, …) in the transaction of the
 * change it records, and the activity of one initiative. The storage (and how events are
 * chained) stays behind this file in audit.repository.ts.
 */
import type { ActivityPillar, AuditAction } from '../../../contracts/audit.js';
import type { DbOrTrx } from '../../db/connect.js';
import { appendAudit } from './audit.repository.js';

export { type AuditInput, appendAudit, appendAuditBatch, listAudit } from './audit.repository.js';
export { verifyAuditChain } from './verify.js';

/**
 * The entity types each pillar's events are written with: measurements and pushes belong to
 * their metric or token, action items to their feedback, members to the initiative's team.
 */
export const PILLAR_ENTITIES: Record<ActivityPillar, readonly string[]> = {
  goals: ['goal'],
  handoffs: ['handoff'],
  demos: ['demo', 'demo_cadence', 'demo_feedback', 'calendar_feed'],
  metrics: ['metric', 'api_token'],
  initiative: ['initiative', 'member', 'weekly_update'],
};

/** What an event is about: one thing of a kind, and the initiative it belongs to (if any). */
export interface AuditedEntity {
  type: string;
  id: string;
  initiativeId: string | null;
}

/**
 * What an event is about, said short: `entity('goal', row)` for a row of an initiative, or
 * `entity('stage', id, null)`.
 */
export function entity(type: string, row: { id: string; initiative_id: string }): AuditedEntity;
export function entity(type: string, id: string, initiativeId: string | null): AuditedEntity;
export function entity(
  type: string,
  of: string | { id: string; initiative_id: string },
  initiativeId: string | null = null,
): AuditedEntity {
  return typeof of === 'string'
    ? { type, id: of, initiativeId }
    : { type, id: of.id, initiativeId: of.initiative_id };
}

/**
 * Appends one event about `entity`, by `actorId` (null: the system) at `at`, in the caller's
 * transaction: appendAudit said in one line, with what changed last.
 */
export const record = (
  trx: DbOrTrx,
  actorId: string | null,
  at: Date,
  about: AuditedEntity,
  action: AuditAction,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> =>
  appendAudit(trx, {
    actorId,
    entityType: about.type,
    entityId: about.id,
    initiativeId: about.initiativeId,
    action,
    ...change,
    at,
  });
