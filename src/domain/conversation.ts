/**
 * Comments and notifications: the things one can comment on, the kinds of notification and
 * where each kind goes. Pure: no I/O.
 */

/** What a comment can be about; each belongs to one initiative. */
export const COMMENT_SUBJECTS = [
  'initiative',
  'goal',
  'metric',
  'handoff',
  'demo',
  'action_item',
] as const;
export type CommentSubject = (typeof COMMENT_SUBJECTS)[number];

/** What a notification tells a person. */
export const NOTIFICATION_KINDS = [
  'mention',
  'signature_awaited',
  'handoff_to_receive',
  'handoff_to_resubmit',
  'question_to_you',
  'goal_achieved',
  'goal_behind',
  'demo_tomorrow',
  'action_item_due',
  'metric_stale',
  'weekly_digest',
  'weekly_update_missing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a kind of notification goes for one person. */
export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Email delivery of one notification. */
export const EMAIL_STATES = ['none', 'pending', 'sent', 'failed'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** Where each kind goes unless the person chose otherwise. */
export const DEFAULT_CHANNEL: Record<NotificationKind, NotificationChannel> = {
  mention: 'email',
  signature_awaited: 'email',
  handoff_to_receive: 'email',
  handoff_to_resubmit: 'email',
  question_to_you: 'email',
  goal_achieved: 'inbox',
  goal_behind: 'inbox',
  demo_tomorrow: 'inbox',
  action_item_due: 'inbox',
  metric_stale: 'inbox',
  weekly_digest: 'email',
  weekly_update_missing: 'inbox',
};

/** The longest comment, in characters. */
export const COMMENT_MAX = 10_000;

/** Web path of a subject (the link of a notification or an email). */
export function subjectPath(
  subject: CommentSubject,
  subjectId: string,
  initiativeId: string,
): string {
  switch (subject) {
    case 'initiative':
      return `/initiatives/${initiativeId}`;
    case 'goal':
      return `/goals/${subjectId}`;
    case 'metric':
      return `/metrics/${subjectId}`;
    case 'handoff':
      return `/handoffs/${subjectId}`;
    case 'demo':
    case 'action_item':
      return `/initiatives/${initiativeId}?tab=demos`;
  }
}

/** Removes CR, LF and other line breaks: text that goes into a mail header or a subject. */
export const oneLine = (text: string): string =>
  text
    .replace(/[\r\n\u0085\u2028\u2029\t\v\f]+/g, ' ')
    // oxlint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
