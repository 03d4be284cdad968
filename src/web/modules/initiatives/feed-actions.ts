import { AUDIT_ACTIONS, type AuditAction } from '../../../contracts/audit.js';

/**
 * The audit actions an initiative's activity feed can show: every action the server writes
 * except those about people, stages, company settings and the trail's own bookkeeping, which
 * carry no initiative. Each one needs a sentence in `activity.action` (checked by the compiler).
 */
export type FeedAction = Exclude<
  AuditAction,
  | `user.${string}`
  | `stage.${string}`
  | `setting.${string}`
  | 'audit.redacted'
  | 'event_delivery.retried'
>;

const NOT_IN_FEEDS = /^(user|stage|setting)\.|^audit\.redacted$|^event_delivery\.retried$/;

/** The same list at run time (for the check that every sentence belongs to an action). */
export const FEED_ACTIONS = AUDIT_ACTIONS.filter((a) => !NOT_IN_FEEDS.test(a)) as FeedAction[];
