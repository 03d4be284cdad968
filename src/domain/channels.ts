/**
 * Chat channels: where an initiative's (or the whole workspace's) news goes out — a Microsoft
 * Teams channel through a Workflows webhook (Adaptive Card), a Slack incoming webhook (Block
 * Kit) or any JSON endpoint signed the Standard Webhooks way. Pure: the messages are built
 * here, sending them is the server's business (src/server/modules/channels).
 */
import type { Language } from './people.js';

export const CHANNEL_KINDS = ['teams', 'slack', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The domain events a channel may pass on, in the order the choice lists them. */
export const CHANNEL_EVENTS = [
  'goal.agreed',
  'goal.achieved',
  'goal.missed',
  'handoff.submitted',
  'handoff.resubmitted',
  'handoff.returned',
  'handoff.accepted',
  'demo.held',
  'initiative.stage_changed',
] as const;
export type ChannelEvent = (typeof CHANNEL_EVENTS)[number];

/** The message a "send test" button sends; not selectable, always delivered. */
export const CHANNEL_TEST_EVENT = 'channel.test_requested' as const;

/** One attempt to deliver a message: delivered, failed (retried later) or failed for good. */
export const CHANNEL_DELIVERY_STATUSES = ['delivered', 'retrying', 'failed'] as const;
export type ChannelDeliveryStatus = (typeof CHANNEL_DELIVERY_STATUSES)[number];

/** What a message says, before it is dressed for a format. */
export interface ChannelMessage {
  /** One line, e.g. "Goal agreed". */
  headline: string;
  /** The initiative the news is about (or the workspace's name for a test). */
  initiative: string;
  /** The item: a goal's statement, a handoff's title; may be empty. */
  item: string;
  /** Who did it; empty when the system did (a goal achieved by measurements). */
  actor: string;
  /** Absolute link back to the item, when PUBLIC_URL is configured. */
  url: string | null;
  /** The label of that link. */
  linkLabel: string;
}

const HEADLINES: Record<Language, Record<ChannelEvent | typeof CHANNEL_TEST_EVENT, string>> = {
  en: {
    'goal.agreed': 'Goal agreed',
    'goal.achieved': 'Goal achieved 🎉',
    'goal.missed': 'Goal missed',
    'handoff.submitted': 'Handoff submitted',
    'handoff.resubmitted': 'Handoff submitted again',
    'handoff.returned': 'Handoff returned',
    'handoff.accepted': 'Handoff accepted',
    'demo.held': 'Demo held',
    'initiative.stage_changed': 'Stage changed',
    'channel.test_requested': 'Test message from Tandem',
  },
  de: {
    'goal.agreed': 'Ziel vereinbart',
    'goal.achieved': 'Ziel erreicht 🎉',
    'goal.missed': 'Ziel verfehlt',
    'handoff.submitted': 'Übergabe eingereicht',
    'handoff.resubmitted': 'Übergabe erneut eingereicht',
    'handoff.returned': 'Übergabe zurückgegeben',
    'handoff.accepted': 'Übergabe angenommen',
    'demo.held': 'Demo gehalten',
    'initiative.stage_changed': 'Phase gewechselt',
    'channel.test_requested': 'Testnachricht von Tandem',
  },
};

const WORDS: Record<Language, { by: string; open: string; workspace: string }> = {
  en: { by: 'by', open: 'Open in Tandem', workspace: 'All initiatives' },
  de: { by: 'von', open: 'In Tandem öffnen', workspace: 'Alle Initiativen' },
};

export const isChannelEvent = (type: string): type is ChannelEvent =>
  (CHANNEL_EVENTS as readonly string[]).includes(type);

export function headline(type: string, language: Language): string {
  const table = HEADLINES[language];
  return type in table ? table[type as keyof typeof table] : type;
}

export const channelWords = (language: Language) => WORDS[language];

/** Line breaks, tabs and runs of blanks become one space: every field is one line. */
export const oneLine = (text: string): string =>
  text
    // oxlint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 500);

/**
 * Text for an Adaptive Card TextBlock, whose text is a Markdown subset (and `{{DATE(…)}}`
 * functions): every ASCII punctuation character is backslash-escaped, which CommonMark
 * reads back as the character itself, so nothing in a title becomes a link, emphasis, list,
 * heading, entity or template function.
 */
export const escapeCardMarkdown = (text: string): string =>
  oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);

/** Slack mrkdwn: `&`, `<` and `>` are control characters and must be entities. */
export const escapeSlack = (text: string): string =>
  oneLine(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/** Teams Workflows: one message whose attachment is an Adaptive Card 1.5. */
export function teamsPayload(m: ChannelMessage) {
  const facts = [m.item, m.actor].filter(Boolean);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            {
              type: 'TextBlock',
              text: escapeCardMarkdown(m.headline),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
            },
            {
              type: 'TextBlock',
              text: escapeCardMarkdown(m.initiative),
              isSubtle: true,
              wrap: true,
            },
            ...facts.map((f) => ({ type: 'TextBlock', text: escapeCardMarkdown(f), wrap: true })),
          ],
          ...(m.url
            ? {
                actions: [
                  { type: 'Action.OpenUrl', title: escapeCardMarkdown(m.linkLabel), url: m.url },
                ],
              }
            : {}),
        },
      },
    ],
  };
}

/** Slack incoming webhook: Block Kit blocks plus the fallback `text` notifications show. */
export function slackPayload(m: ChannelMessage) {
  const lines = [`*${escapeSlack(m.headline)}*`, escapeSlack(m.initiative)];
  const context = [m.item, m.actor].filter(Boolean).map(escapeSlack);
  return {
    text: `${escapeSlack(m.headline)}: ${escapeSlack(m.initiative)}${m.item ? ` — ${escapeSlack(m.item)}` : ''}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      ...(context.length
        ? [{ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn', text })) }]
        : []),
      ...(m.url
        ? [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  text: { type: 'plain_text', text: oneLine(m.linkLabel) },
                  url: m.url,
                },
              ],
            },
          ]
        : []),
    ],
  };
}
