import { pruneOutboxJob } from './events/prune.js';
import { schedule, subscribe } from './events/registry.js';
import { liveRelay } from './modules/live/live.service.js';

let registered = false;
let removeLive: (() => void) | undefined;

/**
 * THE list of how modules react to one another: every subscriber to domain events and
 * every periodic job, registered once per process before anything is written (buildApp
 * and the CLI call this). A module exports its subscriber or job; it is wired here, so
 * this file reads as the map of cross-module reactions. See docs/ARCHITECTURE.md,
 * "Events and the scheduler".
 *
 * `live: false` (one-shot CLI commands such as `demo seed`): no "initiative changed"
 * messages for open tabs, so a large seed does not store a live delivery per event.
 */
export function registerReactions(options: { live?: boolean } = {}): void {
  if (!registered) {
    registered = true;
    schedule(pruneOutboxJob);
  }
  // Committed changes of an initiative → "initiative X changed" to open tabs (GET /api/live).
  if (options.live !== false) removeLive ??= subscribe(liveRelay);
}

/**
 * Removes the modules' subscribers (not the kernel's jobs): for the kernel's own tests,
 * which count every delivery and must see only their test subscribers.
 */
export function withoutModuleSubscribers(): () => void {
  removeLive?.();
  removeLive = undefined;
  return () => {
    if (registered) removeLive ??= subscribe(liveRelay);
  };
}
