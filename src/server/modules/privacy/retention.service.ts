import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { pruneOutbox } from '../../events/outbox.repository.js';
import type { Job } from '../../events/registry.js';
import { redactAuditEvent } from '../audit/audit.service.js';
import { deleteExpiredSsoFlows } from '../people/sso.service.js';
import { PERSONAL_DATA } from './personal-data.js';
import { retentionDays } from './settings.service.js';

/** Audit events redacted per run at most (the rest follow the next day). */
const AUDIT_BATCH = 2000;

export interface CleanUpResult {
  deleted: Record<string, number>;
  redactedAuditEvents: number;
}

/**
 * Removes personal data past its retention period, as the registry says (personal-data.ts):
 * rows deleted by age, the outbox pruned, details of old audit events redacted (recorded
 * redactions, so the chain still verifies). Periods come from the privacy settings.
 * Housekeeping that is no personal data rides along: expired single sign-on flows.
 */
export async function cleanUpPersonalData(ctx: AppContext, now: Date): Promise<CleanUpResult> {
  const db = ctx.db.kysely;
  const days = await retentionDays(db);
  const result: CleanUpResult = { deleted: {}, redactedAuditEvents: 0 };
  const cutoffOf = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  let outboxDone = false;
  for (const entry of PERSONAL_DATA) {
    const r = entry.retention;
    const d = r ? days[r.kind] : null;
    if (!r || d === null) continue;
    const cutoff = cutoffOf(d);
    if (r.action === 'delete') {
      const res = await sql`delete from ${sql.table(entry.table)}
        where ${sql.ref(r.column)} < ${cutoff}`.execute(db);
      result.deleted[entry.table] = Number(res.numAffectedRows ?? 0);
    } else if (r.action === 'prune-outbox' && !outboxDone) {
      outboxDone = true;
      result.deleted.event_deliveries = await pruneOutbox(db, new Date(cutoff));
    } else if (r.action === 'redact-audit-detail') {
      result.redactedAuditEvents += await redactOldAuditDetail(ctx, cutoff, now);
    }
  }
  result.deleted.oidc_flows = await deleteExpiredSsoFlows(db, now);
  return result;
}

/**
 * Days handled event deliveries are kept, as configured (null: as long as the workspace).
 * The outbox's own daily prune (events/prune.ts) uses it, so it never deletes earlier.
 */
export async function outboxRetentionDays(ctx: AppContext): Promise<number | null> {
  return (await retentionDays(ctx.db.kysely)).event_deliveries;
}

async function redactOldAuditDetail(ctx: AppContext, cutoff: string, now: Date) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('audit_events')
      .select('id')
      .where('occurred_at', '<', cutoff)
      .where('action', '!=', 'audit.redacted')
      .where((eb) => eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]))
      .orderBy('occurred_at')
      .limit(AUDIT_BATCH)
      .execute();
    for (const e of old)
      await redactAuditEvent(
        trx,
        e.id,
        { before: null, after: null },
        { actorId: null, at: now, reason: 'retention' },
      );
    return old.length;
  });
}

/** Daily: the clean-up above. */
export const personalDataCleanUpJob: Job = {
  name: 'privacy.clean_up',
  schedule: { daily: { at: '03:45', timeZone: 'UTC' } },
  run: async (ctx, { now }) => {
    await cleanUpPersonalData(ctx, now);
  },
};
