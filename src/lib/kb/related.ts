import type { Db } from '../../../db/client';
import type { SearchIndex } from '../../../search/index';
import { suggestionsForDraft } from '../search/suggest';
import { listPublishedArticles, publishedArticlesByIds, splitTags } from './articles';

type Locale = 'es' | 'en';

export interface RelatedArticle {
  id: number;
  slug: string;
  locale: Locale;
  title: string;
}

interface Source {
  id: number;
  locale: Locale;
  title: string;
  summary: string;
  tags: string;
  categorySlug: string;
  updatedAt: number;
}

/**
 * Pure: tag overlap first (most shared tags, then newest), then the search engine's similar articles in its order,
 * then the same category; the article itself and duplicates left out.
 */
export function combineRelated<T extends { id: number; tags: string; categorySlug: string; updatedAt: number }>(
  article: { id: number; tags: string; categorySlug: string },
  candidates: T[],
  similarIds: number[],
  limit: number,
): T[] {
  const mine = new Set(splitTags(article.tags));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const others = candidates.filter((c) => c.id !== article.id);
  const tagged = others
    .map((c) => ({ c, shared: splitTags(c.tags).filter((t) => mine.has(t)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || b.c.updatedAt - a.c.updatedAt || a.c.id - b.c.id)
    .map((x) => x.c);
  const similar = similarIds.map((id) => byId.get(id)).filter((c): c is T => c !== undefined && c.id !== article.id);
  const sameCategory = others.filter((c) => c.categorySlug === article.categorySlug).sort((a, b) => b.updatedAt - a.updatedAt || a.id - b.id);
  const out: T[] = [];
  const seen = new Set<number>();
  for (const c of [...tagged, ...similar, ...sameCategory]) {
    if (out.length >= limit) break;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out;
}

/** How long a computed list is reused: edits to the article itself change the key at once. */
export const RELATED_TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 2000;
/** The search engine gets this long; without an answer the list is built from tags and category only. */
const SIMILAR_TIMEOUT_MS = 300;

export type RelatedCache = Map<string, { at: number; items: RelatedArticle[] }>;

/** The process-wide cache the article page uses (keyed by article id and its updatedAt). */
export const relatedCache: RelatedCache = new Map();

/**
 * Related articles for the article page: shared tags, then search similarity (same locale, published only), then the
 * same category; at most `limit`. Cached per article and updatedAt for RELATED_TTL_MS, so a page view costs a map
 * lookup; the search engine failing or being slow only drops the similarity part.
 */
export async function relatedArticlesFor(db: Db, search: SearchIndex, article: Source, now: number, cache: RelatedCache = relatedCache, limit = 5): Promise<RelatedArticle[]> {
  const key = `${article.id}:${article.updatedAt}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < RELATED_TTL_MS) return hit.items;

  let similarIds: number[] = [];
  try {
    const hits = await Promise.race([
      suggestionsForDraft(search, { title: article.title, body: article.summary, locale: article.locale, type: 'article', exclude: { type: 'article', id: article.id }, limit: limit * 2 }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('similar timed out')), SIMILAR_TIMEOUT_MS).unref?.()),
    ]);
    similarIds = hits.filter((h) => h.type === 'article').map((h) => h.id);
  } catch {
    // Tags and category still give a list.
  }
  const candidates = listPublishedArticles(db, article.locale, 500);
  // The index may name articles beyond the newest 500.
  const known = new Set(candidates.map((c) => c.id));
  candidates.push(...publishedArticlesByIds(db, article.locale, similarIds.filter((id) => !known.has(id))));
  const items = combineRelated(article, candidates, similarIds, limit).map(({ id, slug, locale, title }) => ({ id, slug, locale, title }));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, items });
  return items;
}
