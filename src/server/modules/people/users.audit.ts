import type { AuditAction } from '../../../contracts/audit.js';
import type { DbOrTrx } from '../../db/connect.js';
import { appendAudit } from '../audit/audit.service.js';

/**
 * Records a change to a person's account in the audit trail: entity `user`, no initiative.
 * `by` is who did it (null: the system, e.g. single sign-on creating the account).
 */
export function auditUser(
  trx: DbOrTrx,
  event: {
    by: string | null;
    userId: string;
    action: AuditAction;
    before?: unknown;
    after?: unknown;
    at: Date;
  },
): Promise<void> {
  return appendAudit(trx, {
    actorId: event.by,
    entityType: 'user',
    entityId: event.userId,
    initiativeId: null,
    action: event.action,
    before: event.before,
    after: event.after,
    at: event.at,
  });
}
