import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  escapeCardMarkdown,
  escapeSlack,
  oneLine,
  slackPayload,
  teamsPayload,
  type ChannelMessage,
} from './channels.js';

const md = new MarkdownIt('commonmark');

/** What a CommonMark reader makes of a TextBlock's text: plain text only, or the markup. */
function readCard(text: string): { plain: boolean; text: string } {
  const tokens = md.parseInline(text, {})[0]?.children ?? [];
  return {
    plain: tokens.every((t) => t.type === 'text'),
    text: tokens.map((t) => t.content).join(''),
  };
}

/** Slack's reading of mrkdwn text: the three entities back to characters. */
const readSlack = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));

const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'*_[]()<>&#`~\\!{}|-+.=:/ \n\tabcÄ€😀'.split('')),
    fc.constantFrom(
      '**',
      '[x](javascript:alert(1))',
      '<!channel>',
      '&amp;',
      '{{DATE(2026-01-01T00:00:00Z)}}',
      '# ',
      '1. ',
    ),
  ),
  maxLength: 60,
});

describe('text in chat messages', () => {
  it('reads back from an Adaptive Card TextBlock as exactly the text, with no markup', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const read = readCard(escapeCardMarkdown(s));
        expect(read.plain).toBe(true);
        expect(read.text).toBe(oneLine(s));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back from Slack mrkdwn as exactly the text, with no control sequence left', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const escaped = escapeSlack(s);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(readSlack(escaped)).toBe(oneLine(s));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every field on one line', () => {
    expect(oneLine('  a\r\n\tb\u0085c  ')).toBe('a b c');
  });
});

const message: ChannelMessage = {
  headline: 'Goal agreed',
  initiative: 'Lead <generator> & *friends*',
  item: 'Close [more](javascript:x) leads',
  actor: 'by Anna',
  url: 'https://tandem.example.com/goals/g1',
  linkLabel: 'Open in Tandem',
};

describe('message shapes', () => {
  it('Teams: a message with one Adaptive Card 1.5 attachment, TextBlocks and a link back', () => {
    const p = teamsPayload(message);
    expect(p.type).toBe('message');
    expect(p.attachments).toHaveLength(1);
    const a = p.attachments[0]!;
    expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(a.content.type).toBe('AdaptiveCard');
    expect(a.content.version).toBe('1.5');
    expect(a.content.body.every((b) => b.type === 'TextBlock')).toBe(true);
    expect(a.content.body.map((b) => readCard(b.text).text)).toEqual([
      'Goal agreed',
      'Lead <generator> & *friends*',
      'Close [more](javascript:x) leads',
      'by Anna',
    ]);
    expect(a.content.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in Tandem',
        url: 'https://tandem.example.com/goals/g1',
      },
    ]);
  });

  it('Teams: no link without PUBLIC_URL', () => {
    expect(teamsPayload({ ...message, url: null }).attachments[0]!.content).not.toHaveProperty(
      'actions',
    );
  });

  it('Slack: fallback text, a mrkdwn section, context and a button, all escaped', () => {
    const p = slackPayload(message);
    expect(p.text).toBe(
      'Goal agreed: Lead &lt;generator&gt; &amp; *friends* — Close [more](javascript:x) leads',
    );
    expect(p.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Goal agreed*\nLead &lt;generator&gt; &amp; *friends*' },
    });
    expect(p.blocks[1]).toMatchObject({ type: 'context' });
    expect(p.blocks[2]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in Tandem' },
          url: 'https://tandem.example.com/goals/g1',
        },
      ],
    });
  });
});
