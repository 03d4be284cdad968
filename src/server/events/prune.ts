import type { Job } from './registry.js';
import { pruneOutbox } from './outbox.repository.js';

/** How long handled deliveries stay visible (admin view, debugging) before they are removed. */
export const OUTBOX_RETENTION_DAYS = 7;

/** Daily: removes deliveries handled more than a week ago and their events. */
export const pruneOutboxJob: Job = {
  name: 'events.prune',
  schedule: { daily: { at: '03:30', timeZone: 'UTC' } },
  run: async (ctx, { now }) => {
    await pruneOutbox(ctx.db.kysely, new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000));
  },
};
