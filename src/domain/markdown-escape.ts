/**
 * Text put into a Markdown document stays text: no emphasis, no link, no HTML, no heading,
 * list or table break, whatever a person typed. Every Markdown-active ASCII character is
 * backslash-escaped (CommonMark escapes any ASCII punctuation). Parentheses, quotes and `!`
 * are left as they are, so the file stays readable as text ("Rot (40)", not "Rot \(40\)"):
 * they act only after a `[` or `]` (a link, an image, a link title), and those are escaped.
 * A list or heading marker at the start is escaped too, and line breaks become spaces so a
 * table cell or a list item stays one line.
 */
const ACTIVE = /[\\`*_[\]#|<>~&{}$^]/g;

export function escapeMarkdown(value: string): string {
  let s = value
    .replace(/\0/g, '\uFFFD')
    .replace(/\r\n|\r|\n/g, ' ')
    .trim()
    .replace(ACTIVE, (c) => `\\${c}`);
  // A marker at the start would open a list, a quote, a thematic break or a setext heading.
  s = s.replace(/^[-+=:.]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
  return s;
}
