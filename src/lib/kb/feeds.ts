import type { Db } from '../../../db/client';
import { escapeXml } from '../xml';
import { LOCALES, type Locale } from '../i18n/index';
import { articlePath, categoryPath, listCategoriesWithCounts, listForFeed } from './articles';
import type { Flow } from './flows';


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
 * Sitemap of the knowledge base: both KB homes and flow lists, category pages with articles, every published article
 * with `lastmod`, and the guided flows; each entry lists its `hreflang` alternates when it exists in both locales.
 */
export function kbSitemap(db: Db, site: string, flows: readonly Pick<Flow, 'locale' | 'slug' | 'translationKey'>[] = []): string {
  const articles = listForFeed(db, null, SITEMAP_MAX_URLS - 20 - flows.length);
  type Entry = { loc: string; lastmod: number | null; group: string | null; locale: Locale };
  const entries: Entry[] = [];
  for (const locale of LOCALES) {
    const latest = articles.find((a) => a.locale === locale)?.updatedAt ?? null;
    entries.push({ loc: `${site}/${locale}/kb`, lastmod: latest, group: 'kb', locale });
    entries.push({ loc: `${site}/${locale}/flows`, lastmod: null, group: 'flows', locale });
    for (const c of listCategoriesWithCounts(db, locale)) {
      if (c.articles === 0) continue;
      const newest = articles.find((a) => a.locale === locale && a.categorySlug === c.slug)?.updatedAt ?? null;
      entries.push({ loc: site + categoryPath(locale, c.slug), lastmod: newest, group: `category:${c.slug}`, locale });
    }
  }
  for (const a of articles) entries.push({ loc: site + articlePath(a), lastmod: a.updatedAt, group: `article:${a.translationKey}`, locale: a.locale });
  for (const f of flows) entries.push({ loc: `${site}/${f.locale}/flows/${f.slug}`, lastmod: null, group: f.translationKey ? `flow:${f.translationKey}` : null, locale: f.locale });

  const groups = new Map<string, Entry[]>();
  for (const e of entries) if (e.group) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  const lines = entries.map((e) => {
    const siblings = e.group ? (groups.get(e.group) ?? []) : [];
    const alternates = siblings.length > 1 ? [...siblings].sort((x, y) => x.locale.localeCompare(y.locale)) : [];
    return `  <url>
    <loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `\n    <lastmod>${iso(e.lastmod)}</lastmod>` : ''}${alternates.map((x) => `\n    <xhtml:link rel="alternate" hreflang="${x.locale}" href="${escapeXml(x.loc)}"/>`).join('')}
  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${lines.join('\n')}
</urlset>
`;
}
