/**
 * The audit trail as other modules use it: appendAudit(trx, …) in the transaction of the
 * change it records, and the activity of one initiative. The storage (and how events are
 * chained) stays behind this file in audit.repository.ts.
 */
export { type AuditInput, appendAudit, listAudit } from './audit.repository.js';
