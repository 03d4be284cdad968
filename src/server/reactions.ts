import { pruneOutboxJob } from './events/prune.js';
import { schedule, subscribe } from './events/registry.js';
import { channelsSubscriber } from './modules/channels/delivery.service.js';
import { dailyRemindersJob } from './modules/conversation/notifications.daily.js';
import {
  weeklyDigestJob,
  weeklyUpdateMissingJob,
} from './modules/conversation/notifications.weekly.js';
import { emailSubscriber } from './modules/conversation/notifications.email.js';
import { notificationsSubscriber } from './modules/conversation/notifications.subscriber.js';
import { ensureOccurrencesJob } from './modules/demos/schedule.service.js';
import { healthSnapshotJob } from './modules/health/history.service.js';
import {
  healthBasisSubscriber,
  healthRefreshJob,
  healthSubscriber,
} from './modules/health/stored-health.service.js';
import { liveRelay } from './modules/live/live.service.js';
import {
  outboxRetentionDays,
  personalDataCleanUpJob,
} from './modules/privacy/retention.service.js';

let registered = false;
let removers: (() => void)[] = [];
let removeLive: (() => void) | undefined;

/** The modules' subscribers to domain events (besides live), in the order they run. */
function subscribeModules(): (() => void)[] {
  return [
    // Stored current health: any event of an initiative recomputes that initiative.
    subscribe(healthSubscriber),
    // …and the thresholds or stages changed: all of them, outside any transaction.
    subscribe(healthBasisSubscriber),
    // Notifications: domain events → the inbox of the people concerned → their email.
    subscribe(notificationsSubscriber),
    subscribe(emailSubscriber),
    // Chat channels: domain events → Teams, Slack and signed webhooks.
    subscribe(channelsSubscriber),
  ];
}

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
    // The outbox keeps handled deliveries as long as the privacy settings say.
    schedule(pruneOutboxJob(outboxRetentionDays));
    schedule(dailyRemindersJob);
    schedule(weeklyDigestJob);
    schedule(weeklyUpdateMissingJob);
    schedule(ensureOccurrencesJob);
    schedule(personalDataCleanUpJob);
    schedule(healthSnapshotJob);
    // Stored current health: expired rows (a new day, a demo that started) recomputed.
    schedule(healthRefreshJob);
    removers = subscribeModules();
  }
  // Committed changes of an initiative → "initiative X changed" to open tabs (GET /api/live).
  if (options.live !== false) removeLive ??= subscribe(liveRelay);
}

/**
 * Removes the modules' subscribers (not the kernel's jobs): for the kernel's own tests,
 * which count every delivery and must see only their test subscribers.
 */
export function withoutModuleSubscribers(): () => void {
  const hadLive = removeLive !== undefined;
  removeLive?.();
  removeLive = undefined;
  for (const remove of removers) remove();
  removers = [];
  return () => {
    if (!registered) return;
    removers = subscribeModules();
    if (hadLive) removeLive ??= subscribe(liveRelay);
  };
}
