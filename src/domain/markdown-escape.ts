/**
 * Text put into a Markdown document stays text: no emphasis, no link, no HTML, no heading,
 * list or table break, whatever a person typed. Every Markdown-active ASCII character is
 * backslash-escaped (CommonMark escapes any ASCII punctuation). Parentheses, quotes and `!`
 * are left as they are, so the file stays readable as text ("Rot (40)", not "Rot \(40\)"):
 * they act only after a `[` or `]` (a link, an image, a link title), and those are escaped.
 * A list or heading marker at the start is escaped too, and line breaks become spaces so a
 * table cell or a list item stays one line.
 *
 * Bare addresses do not become links either, where a renderer links them by itself (GitHub,
 * GitLab and Teams do; markdown-it with `linkify`): the colon of `http://`, `//` and `mailto:`
 * and every dot inside a word before a label of two or more with a letter (`evil\.com`, `www\.x\.de`) are escaped, so no
 * renderer sees an address or a domain (a number such as 5.000 stays as it is).
 */
const ACTIVE = /[\\`*_[\]#|<>~&{}$^]/g;
const SCHEME_COLON = /:(?=\/\/)|(?<=\bmailto):/gi;
// A dot inside a word, before a label of two or more characters with a letter (a domain's
// labels are, in any script): z.B. and d.h. stay as they are.
const DOMAIN_DOT = /(?<=[\p{L}\p{N}_-])\.(?=[\p{L}\p{N}-]{2})(?=[\p{L}\p{N}-]*\p{L})/gu;

export function escapeMarkdown(value: string): string {
  let s = value
    .replace(/\0/g, '\uFFFD')
    .replace(/\r\n|\r|\n/g, ' ')
    .trim()
    .replace(ACTIVE, (c) => `\\${c}`)
    .replace(SCHEME_COLON, '\\:')
    .replace(DOMAIN_DOT, '\\.');
  // A marker at the start would open a list, a quote, a thematic break or a setext heading.
  s = s.replace(/^[-+=:.]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
  return s;
}
