import type { AppContext } from '../context.js';
import type { Job } from './registry.js';
import { pruneOutbox } from './outbox.repository.js';

/**
 * How long handled deliveries stay (admin view, debugging) when nothing else is said: the
 * default of the `event_deliveries` retention period (domain/privacy.ts).
 */
export const OUTBOX_RETENTION_DAYS = 7;

/** Days handled deliveries are kept; null: kept as long as the workspace. */
export type OutboxRetention = (ctx: AppContext) => Promise<number | null>;

/**
 * Daily: removes deliveries handled longer ago than the retention period, and their events.
 * The period is the one configured in the privacy settings (wired in reactions.ts), so this
 * prune never deletes earlier than the record of processing says; null prunes nothing.
 */
export function pruneOutboxJob(
  retentionDays: OutboxRetention = () => Promise.resolve(OUTBOX_RETENTION_DAYS),
): Job {
  return {
    name: 'events.prune',
    schedule: { daily: { at: '03:30', timeZone: 'UTC' } },
    run: async (ctx, { now }) => {
      const days = await retentionDays(ctx);
      if (days === null) return;
      await pruneOutbox(ctx.db.kysely, new Date(now.getTime() - days * 86_400_000));
    },
  };
}
