import { describe, expect, it } from 'vitest';
import { excerpt, markdownToText, renderMarkdown } from '../../../src/lib/markdown';

describe('renderMarkdown', () => {
  it('renders basic Markdown', () => {
    expect(renderMarkdown('**hola** `x`', { ugc: true })).toBe('<p><strong>hola</strong> <code>x</code></p>\n');
  });
  it('leaves raw HTML, scripts and event handlers inert', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>', { ugc: true });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('drops javascript:, vbscript: and data: links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'data:text/html;base64,PHNjcmlwdD4=']) {
      const html = renderMarkdown(`[click](${href})`, { ugc: true });
      expect(html, href).not.toContain('<a');
    }
  });
  it('marks user links nofollow ugc noopener, not site links', () => {
    expect(renderMarkdown('[x](https://example.com)', { ugc: true })).toContain('rel="nofollow ugc noopener"');
    expect(renderMarkdown('[x](https://example.com)', { ugc: false })).not.toContain('rel=');
    expect(renderMarkdown('[x](/es/kb/a)', { ugc: true })).toContain('href="/es/kb/a"');
  });
  it('escapes attribute-breaking quotes in link titles', () => {
    const html = renderMarkdown('[x](https://e.com "a\\" onmouseover=\\"alert(1)")', { ugc: true });
    expect(html).not.toMatch(/" onmouseover="/);
  });
});

describe('markdownToText / excerpt', () => {
  it('strips markup and decodes entities', () => {
    expect(markdownToText('# Title\n\nSome *text* & <b>more</b>')).toBe('Title Some text & <b>more</b>');
  });
  it('keeps inline markup attached to its punctuation, and separates blocks', () => {
    expect(markdownToText('Type `ya`. Then **save**, and [go back](https://example.com)!\n\n- one\n- two')).toBe('Type ya. Then save, and go back! one two');
  });
  it('cuts at a word boundary with an ellipsis', () => {
    expect(excerpt('one two three four five', 12)).toBe('one two…');
    expect(excerpt('short', 12)).toBe('short');
  });
});
