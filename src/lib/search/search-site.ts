import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';
import type { SearchIndex, SearchQuery, SearchResult } from '../../../search/index';
import { recordSearch, type SearchSurface } from './analytics';
import { searchCategory } from './documents';
import { unlessStorageFull } from '../errors';

export interface SearchContext {
  surface: SearchSurface;
  userId?: number | null;
  visitorId?: string | null;
}

/**
 * Site search: results in the reader's language first, every language when that finds nothing; the search is
 * recorded for the reports (`searchEventId` ties later clicks to it). Documents carry top-level categories, so a
 * subcategory filter searches its parent.
 */
export async function searchSite(
  db: Db,
  index: SearchIndex,
  query: SearchQuery,
  context: SearchContext,
  now: number,
): Promise<SearchResult & { searchEventId: number | null; otherLanguages: boolean }> {
  if (query.category) query = { ...query, category: searchCategory(db, query.category) };
  let result = await index.search(query);
  let otherLanguages = false;
  if (result.total === 0 && query.locale) {
    const everywhere = await index.search({ ...query, locale: undefined });
    if (everywhere.total > 0) [result, otherLanguages] = [everywhere, true];
  }
  const searchEventId = unlessStorageFull(
    () =>
      recordSearch(
        db,
        { query: query.q, resultCount: result.total, locale: query.locale ?? null, surface: context.surface, userId: context.userId, visitorId: context.visitorId, tookMs: result.tookMs },
        now,
      ),
    null,
  );
  return { ...result, searchEventId, otherLanguages };
}

/** The ids imported questions had on the platform they came from, for the hits that are questions (one query). */
export function sourceIdsOf(db: Db, hits: { type: string; id: number }[]): Map<number, string> {
  const ids = hits.filter((h) => h.type === 'question').map((h) => h.id);
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: questions.id, sourceId: questions.sourceId }).from(questions).where(inArray(questions.id, ids)).all();
  return new Map(rows.filter((r) => r.sourceId !== null).map((r) => [r.id, r.sourceId!]));
}

export { SearchTimeoutError, SearchUnavailableError } from '../../../search/errors';
export { MAX_TOTAL_HITS, type FacetName } from '../../../search/index';
