import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles } from '../../../db/schema/index';
import { indexTerms, isStopWord, lightStem } from '../../../search/query-text';

export interface FallbackArticle {
  locale: 'es' | 'en';
  slug: string;
  title: string;
  summary: string;
}

/**
 * The articles whose title, tags or summary share words with a query: what the search page offers when the search
 * itself ran out of time (the engine is busy). It reads a locale's published articles — a few hundred short rows — in
 * this thread, without the search engine, so it stays cheap whatever the engine's load.
 */
export function articlesSharingWords(db: Db, q: string, locale: 'es' | 'en', limit = 5): FallbackArticle[] {
  const wanted = new Set(indexTerms(q).filter((t) => !isStopWord(t)).map(lightStem));
  if (wanted.size === 0) return [];
  const shared = (text: string) => new Set(indexTerms(text).map(lightStem).filter((t) => wanted.has(t))).size;
  return db
    .select({ locale: articles.locale, slug: articles.slug, title: articles.title, summary: articles.summary, tags: articles.tags })
    .from(articles)
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .all()
    .map((a) => ({ article: { locale: a.locale, slug: a.slug, title: a.title, summary: a.summary }, score: 3 * shared(a.title) + 2 * shared(a.tags) + shared(a.summary) }))
    .filter((a) => a.score > 0)
    .sort((a, b) => b.score - a.score || a.article.title.localeCompare(b.article.title))
    .slice(0, limit)
    .map((a) => a.article);
}
