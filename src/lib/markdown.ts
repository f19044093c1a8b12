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

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if ((env as Partial<RenderEnv> | undefined)?.ugc && /^https?:/i.test(href)) token.attrSet('rel', 'nofollow ugc noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

interface RenderEnv {
  ugc: boolean;
}

/** Renders Markdown to safe HTML. `ugc` marks user-generated content (links get rel="nofollow ugc noopener"). */
export function renderMarkdown(source: string, options: { ugc: boolean }): string {
  return md.render(source, { ugc: options.ugc } satisfies RenderEnv);
}

/** Plain text of a Markdown document, for search and descriptions. */
export function markdownToText(source: string): string {
  const html = md.render(source, { ugc: false } satisfies RenderEnv);
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
