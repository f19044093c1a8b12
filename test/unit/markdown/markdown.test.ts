import { describe, expect, it } from 'vitest';
import { countExternalLinks, excerpt, markdownToText, renderMarkdown } from '../../../src/lib/markdown';

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
  it('treats protocol-relative links (//host, ///host, /\\/host) as links to other sites', () => {
    for (const source of ['[a](//evil.example/x)', '[a](///evil.example/x)', '[a](/\\/evil.example/x)', '<//evil.example/x>', '[a](HTTPS://evil.example)']) {
      const html = renderMarkdown(source, { ugc: true });
      if (html.includes('<a')) expect(html, source).toContain('rel="nofollow ugc noopener"');
    }
    expect(renderMarkdown('[a](//evil.example/x)', { ugc: true })).toBe('<p><a href="//evil.example/x" rel="nofollow ugc noopener">a</a></p>\n');
  });
  it('escapes attribute-breaking quotes in link titles', () => {
    const html = renderMarkdown('[x](https://e.com "a\\" onmouseover=\\"alert(1)")', { ugc: true });
    expect(html).not.toMatch(/" onmouseover="/);
  });
});

describe('countExternalLinks', () => {
  it('counts the links to other sites the text renders: written, autolinked, bare and protocol-relative', () => {
    expect(countExternalLinks('see https://a.example and https://b.example/x, not ftp://c.example or www.d.com (not links)')).toBe(2);
    expect(countExternalLinks('[a](//evil.example/x) [b](///evil.example) <https://c.example> [d](/\\/evil.example) <//e.example>')).toBe(5);
    expect(countExternalLinks('[ours](/es/kb/a) [mail](mailto:a@b.example) `https://in.code` and\n\n    https://in.block')).toBe(0);
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

describe('code blocks', () => {
  it('are keyboard-focusable so a wide block can be scrolled without a mouse', () => {
    expect(renderMarkdown('```sh\nping 192.168.1.1\n```', { ugc: true })).toBe('<pre tabindex="0"><code class="language-sh">ping 192.168.1.1\n</code></pre>\n');
    expect(renderMarkdown('    indented code', { ugc: false })).toBe('<pre tabindex="0"><code>indented code\n</code></pre>\n');
  });
});
