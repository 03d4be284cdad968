import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Comments are Markdown. markdown-it renders it with raw HTML switched off (tags come out as
 * text), links only to http(s) and mailto; DOMPurify then sanitises the result (a second,
 * well-kept line of defence: no script, no event attributes, no other URL schemes). Links
 * open in a new tab without access to this one. (Unit tests run in happy-dom, where DOMPurify
 * does not walk the tree; the browser test in e2e/conversation.test.ts checks the real thing.)
 */
const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
// No images: a comment never makes the reader's browser fetch something.
md.disable(['image']);

// Links open in a new tab, without access to this one and without passing on credit.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer nofollow');
  return self.renderToken(tokens, idx, options);
};

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

/** Comment Markdown → HTML safe to put into the page. */
export function renderMarkdown(source: string): string {
  const html = md.render(source);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'target', 'rel', 'start'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
}
