import { pruneOutboxJob } from './events/prune.js';
import { schedule } from './events/registry.js';
import { healthSnapshotJob } from './modules/health/health.service.js';

let registered = false;

/**
 * THE list of how modules react to one another: every subscriber to domain events and
 * every periodic job, registered once per process before anything is written (buildApp
 * and the CLI call this). A module exports its subscriber or job; it is wired here, so
 * this file reads as the map of cross-module reactions. See docs/ARCHITECTURE.md,
 * "Events and the scheduler".
 */
export function registerReactions(): void {
  if (registered) return;
  registered = true;
  schedule(pruneOutboxJob);
  schedule(healthSnapshotJob);
}
