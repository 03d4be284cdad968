/**
 * The email of one notification, in the recipient's language: subject, plain text and HTML
 * (every value escaped), a link back to the item and `List-Unsubscribe` to the preferences.
 * Pure: sending is notifications.email.ts.
 */
import { type NotificationKind, oneLine } from '../../../domain/conversation.js';
import type { Language } from '../../../domain/people.js';

interface Words {
  subject: Record<NotificationKind, string>;
  intro: Record<NotificationKind, string>;
  open: string;
  why: string;
  preferences: string;
}

const EN: Words = {
  subject: {
    mention: '{{actor}} mentioned you: {{title}}',
    signature_awaited: 'Your signature is awaited: {{title}}',
    handoff_to_receive: 'A handoff waits for you: {{title}}',
    handoff_to_resubmit: 'Your handoff came back: {{title}}',
    question_to_you: 'A question for you: {{title}}',
    goal_achieved: 'Goal achieved: {{title}}',
    goal_behind: 'Goal behind plan: {{title}}',
    demo_tomorrow: 'Demo tomorrow: {{title}}',
    action_item_due: 'Action item due: {{title}}',
    metric_stale: 'No new values: {{title}}',
    weekly_digest: 'Your week in Tandem: {{title}}',
    weekly_update_missing: 'Weekly update missing: {{title}}',
  },
  intro: {
    mention: '{{actor}} mentioned you in a comment on “{{title}}”.',
    signature_awaited: '“{{title}}” waits for your side’s signature.',
    handoff_to_receive:
      '{{actor}} handed over “{{title}}” to you. Please accept it or send it back.',
    handoff_to_resubmit: '{{actor}} sent “{{title}}” back to you. Please revise and resubmit it.',
    question_to_you: '{{actor}} asked a question about “{{title}}”.',
    goal_achieved: 'The goal “{{title}}” has been achieved. Time to celebrate!',
    goal_behind: 'The goal “{{title}}” has fallen behind its plan.',
    demo_tomorrow: 'The demo “{{title}}” takes place tomorrow.',
    action_item_due: 'The action item “{{title}}” is due.',
    metric_stale: 'The metric “{{title}}” has had no new values for a while.',
    weekly_digest: 'Your week in Tandem: {{title}}.',
    weekly_update_missing:
      'Your side’s weekly update for “{{title}}” is still missing this week. Please write it before the weekend.',
  },
  open: 'Open in Tandem',
  why: 'You receive this email because of your notification settings.',
  preferences: 'Change your notification settings',
};

const DE: Words = {
  subject: {
    mention: '{{actor}} hat Sie erwähnt: {{title}}',
    signature_awaited: 'Ihre Unterschrift wird erwartet: {{title}}',
    handoff_to_receive: 'Eine Übergabe wartet auf Sie: {{title}}',
    handoff_to_resubmit: 'Ihre Übergabe kam zurück: {{title}}',
    question_to_you: 'Eine Frage an Sie: {{title}}',
    goal_achieved: 'Ziel erreicht: {{title}}',
    goal_behind: 'Ziel hinter Plan: {{title}}',
    demo_tomorrow: 'Demo morgen: {{title}}',
    action_item_due: 'Maßnahme fällig: {{title}}',
    metric_stale: 'Keine neuen Werte: {{title}}',
    weekly_digest: 'Ihre Woche in Tandem: {{title}}',
    weekly_update_missing: 'Wochenupdate fehlt: {{title}}',
  },
  intro: {
    mention: '{{actor}} hat Sie in einem Kommentar zu „{{title}}“ erwähnt.',
    signature_awaited: '„{{title}}“ wartet auf die Unterschrift Ihrer Seite.',
    handoff_to_receive:
      '{{actor}} hat Ihnen „{{title}}“ übergeben. Bitte nehmen Sie sie an oder geben Sie sie zurück.',
    handoff_to_resubmit:
      '{{actor}} hat Ihnen „{{title}}“ zurückgegeben. Bitte überarbeiten und erneut einreichen.',
    question_to_you: '{{actor}} hat eine Frage zu „{{title}}“ gestellt.',
    goal_achieved: 'Das Ziel „{{title}}“ ist erreicht. Zeit zu feiern!',
    goal_behind: 'Das Ziel „{{title}}“ liegt hinter seinem Plan.',
    demo_tomorrow: 'Die Demo „{{title}}“ findet morgen statt.',
    action_item_due: 'Die Maßnahme „{{title}}“ ist fällig.',
    metric_stale: 'Die Kennzahl „{{title}}“ hat seit einiger Zeit keine neuen Werte.',
    weekly_digest: 'Ihre Woche in Tandem: {{title}}.',
    weekly_update_missing:
      'Das Wochenupdate Ihrer Seite zu „{{title}}“ fehlt diese Woche noch. Bitte schreiben Sie es vor dem Wochenende.',
  },
  open: 'In Tandem öffnen',
  why: 'Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen.',
  preferences: 'Benachrichtigungseinstellungen ändern',
};

const WORDS: Record<Language, Words> = { en: EN, de: DE };

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** Escapes text for HTML element content and double-quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface EmailInput {
  kind: NotificationKind;
  language: Language;
  title: string;
  excerpt: string | null;
  actorName: string | null;
  /** Absolute URL of the item. */
  itemUrl: string;
  /** Absolute URL of the notification preferences. */
  preferencesUrl: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Subject lines stay readable: titles are shortened to this many characters. */
const TITLE_MAX = 150;

export function composeEmail(input: EmailInput): ComposedEmail {
  const words = WORDS[input.language];
  let title = oneLine(input.title);
  if (title.length > TITLE_MAX) title = `${title.slice(0, TITLE_MAX - 1)}…`;
  const actor = oneLine(input.actorName ?? 'Tandem');
  const subject = oneLine(fill(words.subject[input.kind], { actor, title }));
  const intro = fill(words.intro[input.kind], { actor, title });
  const excerpt = input.excerpt?.trim() ? input.excerpt.trim() : null;
  const text = [
    intro,
    ...(excerpt ? ['', excerpt.replace(/^/gm, '> ')] : []),
    '',
    `${words.open}: ${input.itemUrl}`,
    '',
    '-- ',
    words.why,
    `${words.preferences}: ${input.preferencesUrl}`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${input.language}"><body style="font-family: sans-serif">`,
    `<p>${escapeHtml(intro)}</p>`,
    ...(excerpt
      ? [
          `<blockquote style="border-left: 3px solid #ccc; margin: 0; padding-left: 12px; white-space: pre-wrap">${escapeHtml(excerpt)}</blockquote>`,
        ]
      : []),
    `<p><a href="${escapeHtml(input.itemUrl)}">${escapeHtml(words.open)}</a></p>`,
    `<hr><p style="color: #666; font-size: 12px">${escapeHtml(words.why)} <a href="${escapeHtml(input.preferencesUrl)}">${escapeHtml(words.preferences)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return {
    subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${input.preferencesUrl}>`,
      'Auto-Submitted': 'auto-generated',
    },
  };
}
