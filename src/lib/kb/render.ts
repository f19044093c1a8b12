import { slugify } from '../community/slug';
import { markdownToText, renderMarkdown } from '../markdown';

export interface TocEntry {
  id: string;
  level: 2 | 3;
  text: string;
}

/** URL fragment for a heading: accents folded, lowercase, words joined by dashes. */
export function headingId(text: string): string {
  return slugify(text.replace(/&[a-z]+;|&#\d+;/gi, ' '), 'section').slice(0, 60).replace(/-+$/, '');
}

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

/**
 * Renders article Markdown once, at write time, through the site's one safe renderer; `h2`/`h3` get stable, unique
 * ids so the table of contents can link to them.
 */
export function renderArticleBody(markdown: string): { html: string; text: string } {
  const seen = new Map<string, number>();
  const html = renderMarkdown(markdown, { ugc: false }).replace(/<h([23])>([\s\S]*?)<\/h\1>/g, (_, level: string, inner: string) => {
    const base = headingId(stripTags(inner));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    return `<h${level} id="${id}">${inner}</h${level}>`;
  });
  return { html, text: markdownToText(markdown) };
}

/** The table of contents of rendered article HTML (its h2 and h3 with ids). */
export function tableOfContents(html: string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const m of html.matchAll(/<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
    const text = stripTags(m[3]!)
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim();
    out.push({ id: m[2]!, level: Number(m[1]) as 2 | 3, text });
  }
  return out;
}
