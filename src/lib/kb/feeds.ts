import type { Db } from '../../../db/client';
import { escapeXml } from '../xml';
import { articlePath, categoryPath, listCategoriesWithCounts, listForFeed } from './articles';


const iso = (t: number) => new Date(t).toISOString();

/** Atom feed of new and updated published articles in a locale (newest change first). */
export function articlesAtomFeed(db: Db, locale: 'es' | 'en', site: string, title: string, limit = 50): string {
  const items = listForFeed(db, locale, limit);
  const self = `${site}/${locale}/kb/feed.xml`;
  const updated = items[0]?.updatedAt ?? 0;
  const entries = items
    .map(
      (a) => `  <entry>
    <id>${escapeXml(site + articlePath(a))}</id>
    <title>${escapeXml(a.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(site + articlePath(a))}"/>
    <published>${iso(a.publishedAt ?? a.createdAt)}</published>
    <updated>${iso(a.updatedAt)}</updated>
    <author><name>${escapeXml(a.author ?? 'Resuelve')}</name></author>
    <category term="${escapeXml(a.categorySlug)}"/>
    <summary>${escapeXml(a.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${escapeXml(self)}</id>
  <title>${escapeXml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${site}/${locale}/kb`)}"/>
  <updated>${iso(updated)}</updated>
${entries}
</feed>
`;
}

export const SITEMAP_MAX_URLS = 50_000;

/**
 * Sitemap of the knowledge base: both KB homes, category pages with articles, and every published article with
 * `lastmod` and `hreflang` alternates between translations.
 */
export function kbSitemap(db: Db, site: string): string {
  const articles = listForFeed(db, null, SITEMAP_MAX_URLS - 20);
  const byKey = new Map<string, typeof articles>();
  for (const a of articles) byKey.set(a.translationKey, [...(byKey.get(a.translationKey) ?? []), a]);
  const url = (loc: string, lastmod: number | null, alternates: { locale: string; href: string }[] = []) =>
    `  <url>
    <loc>${escapeXml(loc)}</loc>${lastmod ? `\n    <lastmod>${iso(lastmod)}</lastmod>` : ''}${alternates.map((x) => `\n    <xhtml:link rel="alternate" hreflang="${x.locale}" href="${escapeXml(x.href)}"/>`).join('')}
  </url>`;
  const lines: string[] = [];
  for (const locale of ['es', 'en'] as const) {
    const latest = articles.find((a) => a.locale === locale)?.updatedAt ?? null;
    lines.push(url(`${site}/${locale}/kb`, latest));
    lines.push(url(`${site}/${locale}/flows`, null));
    for (const c of listCategoriesWithCounts(db, locale)) {
      if (c.articles === 0) continue;
      const newest = articles.find((a) => a.locale === locale && a.categorySlug === c.slug)?.updatedAt ?? null;
      lines.push(url(site + categoryPath(locale, c.slug), newest));
    }
  }
  for (const a of articles) {
    const siblings = byKey.get(a.translationKey) ?? [];
    const alternates = siblings.length > 1 ? siblings.map((s) => ({ locale: s.locale, href: site + articlePath(s) })).sort((x, y) => x.locale.localeCompare(y.locale)) : [];
    lines.push(url(site + articlePath(a), a.updatedAt, alternates));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${lines.join('\n')}
</urlset>
`;
}
