import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('comment Markdown', () => {
  it('renders the usual formatting', () => {
    const html = renderMarkdown('**bold** and _em_\n\n- one\n- two\n\n[site](https://example.com)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
  });

  it('shows raw HTML as text: no script, no attributes', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick="x()">b</b>',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops links that are not http(s) or mailto', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox',
      'file:///etc/passwd',
    ]) {
      const html = renderMarkdown(`[click](${href}) <${href}>`);
      expect(html, href).not.toMatch(/href="(?!https?:|mailto:)/i);
      expect(html.toLowerCase(), href).not.toContain('href="javascript');
    }
    expect(renderMarkdown('[mail](mailto:a@example.com)')).toContain('href="mailto:a@example.com"');
  });

  it('never fetches images and keeps no attributes it does not know', () => {
    const html = renderMarkdown('![x](https://tracker.example/p.gif) {style="color:red"}');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[^>]*style=/);
  });
});
