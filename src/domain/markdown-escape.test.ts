import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown-escape.js';

// With `linkify`, as GitHub, GitLab and Teams link bare addresses.
const md = new MarkdownIt({ linkify: true });

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** The inline tokens of a document: every one must be plain text for the text to be safe. */
function inlines(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.type === 'inline');
}

function plain(inline: Token): string | null {
  const children = inline.children ?? [];
  if (children.some((c) => c.type !== 'text')) return null;
  return children.map((c) => c.content).join('');
}

const expected = (s: string) =>
  s
    .replace(/\0/g, '\uFFFD')
    .replace(/\r\n|\r|\n/g, ' ')
    .trim();

// Markdown-heavy alphabet, so the generator tries the dangerous things often.
const nasty = fc.constantFrom(
  ...'\\`*_[]()#|<>!~&{}"\'$^-+=:.1 \t\n\r'.split(''),
  '](javascript:z)',
  '<script>',
  '&amp;',
  '---',
  '1. ',
  '- ',
  '> ',
  '    ',
  'http://x.y',
  'https://evil.com/a?b=c',
  'www.evil.de',
  'mailto:a@b.de',
  'a@b.com',
  '//evil.com',
  'evil.com',
);
const text = fc.oneof(
  fc.string({ unit: fc.oneof(nasty, fc.string({ maxLength: 1 })), maxLength: 40 }),
  fc.string(),
);

describe('escapeMarkdown', () => {
  it('keeps the example title plain text in a table cell', () => {
    const s = '*x* | [y](javascript:z)';
    const tokens = md.parse(`| A | B |\n|---|---|\n| ${escapeMarkdown(s)} | z |\n`, {});
    const cells = inlines(tokens);
    expect(cells).toHaveLength(4);
    expect(plain(cells[2]!)).toBe(s);
    expect(md.render(escapeMarkdown(s))).not.toContain('<a');
  });

  it('never lets a renderer link a bare address, and leaves numbers readable', () => {
    for (const s of [
      'see http://evil.com/x now',
      'www.evil.com',
      'write to a@b.com',
      'mailto:a@b.de',
      'HTTPS://EVIL.COM',
      '//evil.com/x',
      'evil.com',
      'http://localhost:3000',
      'info@büro-müllé.de',
      'www.münchen.de',
    ]) {
      const e = escapeMarkdown(s);
      expect(md.renderInline(e), s).not.toContain('<a');
      expect(plain(inlines(md.parse(e, {}))[0]!), s).toBe(s);
    }
    expect(escapeMarkdown('Budget 5.000 € (3.5 %)')).toBe('Budget 5.000 € (3.5 %)');
    expect(escapeMarkdown('z.B. gut, d.h. fertig, u.a. heute')).toBe(
      'z.B. gut, d.h. fertig, u.a. heute',
    );
  });

  it('leaves parentheses, quotes and ! readable: without a bracket they are text', () => {
    expect(escapeMarkdown('✖ Red (40) "late" it’s done!')).toBe('✖ Red (40) "late" it’s done!');
    expect(escapeMarkdown('![x](javascript:y "t")')).toBe('!\\[x\\](javascript:y "t")');
    expect(md.render(escapeMarkdown('![x](javascript:y "t")'))).not.toMatch(/<(a|img)\b/);
  });

  it('renders back as the same plain text in a table cell, a heading, a list item and a paragraph', () => {
    fc.assert(
      fc.property(text, (s) => {
        const e = escapeMarkdown(s);
        const want = expected(s);
        // Table: header, separator and one body row of two cells: the text may not break it.
        const table = inlines(md.parse(`| A | B |\n|---|---|\n| ${e} | end |\n`, {}));
        expect(table).toHaveLength(4);
        expect(plain(table[2]!)).toBe(want);
        expect(plain(table[3]!)).toBe('end');
        for (const doc of [`## ${e}`, `- ${e}`, `Reason: ${e}`]) {
          const tokens = md.parse(doc, {});
          const ins = inlines(tokens);
          if (want === '') continue;
          expect(ins).toHaveLength(1);
          const got = plain(ins[0]!);
          expect(got === null ? null : got.replace(/^Reason: /, '')).toBe(want);
          // Exactly one block: the heading, the one list item or the paragraph.
          expect(tokens.filter((t) => t.nesting === 1).map((t) => t.type)).toEqual(
            doc.startsWith('##')
              ? ['heading_open']
              : doc.startsWith('-')
                ? ['bullet_list_open', 'list_item_open', 'paragraph_open']
                : ['paragraph_open'],
          );
        }
        const html = md.render(`- ${e}`);
        expect(html).not.toMatch(/<(a|em|strong|code|script|img)\b/);
      }),
      { numRuns: 2000 },
    );
  });
});
