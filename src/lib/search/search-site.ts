import type { SearchIndex, SearchQuery, SearchResult } from '../../../search/index';

/** Site search: results in the reader's language first; falls back to every language when that finds nothing. */
export async function searchSite(index: SearchIndex, query: SearchQuery): Promise<SearchResult> {
  const result = await index.search(query);
  if (result.total > 0 || !query.locale) return result;
  return index.search({ ...query, locale: undefined });
}
