import MarkdownIt from 'markdown-it';

/** The one Markdown renderer. Raw HTML is off, links are validated by markdown-it, and user links get nofollow. */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SAFE_PROTOCOL = /^(https?:|mailto:)/i;
const defaultValidate = md.validateLink.bind(md);
// Only http(s), mailto and relative links; markdown-it's own check already drops javascript:, vbscript: and data:.
md.validateLink = (url) => {
  const trimmed = String(url).trim();
  return defaultValidate(trimmed) && (SAFE_PROTOCOL.test(trimmed) || !/^[a-z][a-z0-9+.-]*:/i.test(trimmed));
};

/**
 * A link that leaves the site: an absolute http(s) URL, or a protocol-relative one (`//host/…`, which the browser
 * completes with the page's scheme). Links are counted and marked by this (hrefs as markdown-it normalized them).
 */
export function isExternalHref(href: string): boolean {
  return /^(?:https?:|\/\/)/i.test(href.trim());
}

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if ((env as Partial<RenderEnv> | undefined)?.ugc && isExternalHref(href)) token.attrSet('rel', 'nofollow ugc noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// A code block wider than the page scrolls; tabindex lets keyboard users scroll it (axe scrollable-region-focusable).
for (const rule of ['fence', 'code_block'] as const) {
  const render = md.renderer.rules[rule]!;
  md.renderer.rules[rule] = (tokens, idx, options, env, self) => render(tokens, idx, options, env, self).replace(/^<pre>/, '<pre tabindex="0">');
}

interface RenderEnv {
  ugc: boolean;
}

/** Renders Markdown to safe HTML. `ugc` marks user-generated content (links get rel="nofollow ugc noopener"). */
export function renderMarkdown(source: string, options: { ugc: boolean }): string {
  return md.render(source, { ugc: options.ugc } satisfies RenderEnv);
}

/** The links to other sites a Markdown document renders (written as links, autolinks or bare `www.`/`https://` text). */
export function countExternalLinks(source: string): number {
  let n = 0;
  for (const block of md.parse(source, { ugc: true } satisfies RenderEnv)) {
    for (const token of block.children ?? []) if (token.type === 'link_open' && isExternalHref(String(token.attrGet('href') ?? ''))) n += 1;
  }
  return n;
}

/** Plain text of a Markdown document, for search and descriptions. */
export function markdownToText(source: string): string {
  return htmlToText(md.render(source, { ugc: false } satisfies RenderEnv));
}

/** Plain text of HTML rendered by `renderMarkdown` (what a reader sees, without the markup). */
export function htmlToText(html: string): string {
  return html
    // Inline tags join their text to what surrounds it ("`ya`." stays "ya."); block tags separate words.
    .replace(/<\/?(?:a|code|em|strong|s|del|mark|span|sub|sup)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** First `max` characters of a text, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
