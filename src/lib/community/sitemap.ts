import { and, asc, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';
import { escapeXml } from '../xml';
import { questionPath } from './slug';
import { UNANSWERED_NOINDEX_AFTER_MS } from './structured-data';
import { PUBLIC_QUESTION } from './visibility';

/** URLs per sitemap file (the protocol's limit). */
export const SITEMAP_PAGE_SIZE = 50_000;

/**
 * The indexable threads (published, not deleted, not closed as duplicates; unanswered ones only while younger than
 * 30 days) with their lastmod, keyset-paged on id: page `n` of the sitemap starts after the last id of page n-1.
 */
export function sitemapThreads(db: Db, now: number, afterId = 0, limit = SITEMAP_PAGE_SIZE) {
  return db
    .select({ id: questions.id, slug: questions.slug, locale: questions.locale, lastmod: sql<number>`max(${questions.updatedAt}, ${questions.lastActivityAt})` })
    .from(questions)
    .where(
      and(
        gt(questions.id, afterId),
        PUBLIC_QUESTION,
        isNull(questions.duplicateOfId),
        or(gt(questions.answerCount, 0), gt(questions.createdAt, now - UNANSWERED_NOINDEX_AFTER_MS)),
      ),
    )
    .orderBy(asc(questions.id))
    .limit(limit)
    .all();
}

/** A sitemap XML document of threads (see sitemapThreads). */
export function threadsSitemap(db: Db, site: string, now: number, afterId = 0): string {
  const urls = sitemapThreads(db, now, afterId)
    .map((q) => `<url><loc>${escapeXml(site + questionPath(q.locale, q))}</loc><lastmod>${new Date(q.lastmod).toISOString()}</lastmod></url>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`;
}

/** How many sitemap files the indexable threads need, and the id each one starts after (page 1 starts after 0). */
export function threadSitemapPages(db: Db, now: number): number[] {
  const starts = [0];
  for (;;) {
    const page = sitemapThreads(db, now, starts.at(-1)!, SITEMAP_PAGE_SIZE);
    if (page.length < SITEMAP_PAGE_SIZE) break;
    starts.push(page.at(-1)!.id);
  }
  return starts;
}
