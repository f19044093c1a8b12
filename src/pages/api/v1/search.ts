import { searchSite, SearchTimeoutError, SearchUnavailableError, sourceIdsOf } from '../../../lib/search/search-site';
import { searchQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async ({ locals, url }) => {
  const { surface, ...query } = parseInput(searchQuerySchema, Object.fromEntries(url.searchParams));
  try {
    const result = await searchSite(locals.ctx.db, locals.ctx.search, query, { surface, userId: locals.actor?.id }, locals.ctx.now());
    const sourceIds = sourceIdsOf(locals.ctx.db, result.hits);
    const site = locals.ctx.config.SITE_URL.replace(/\/$/, '');
    return json({
      hits: result.hits.map((h) => ({
        type: h.type,
        id: h.id,
        sourceId: (h.type === 'question' ? sourceIds.get(h.id) : undefined) ?? null,
        title: h.title,
        url: site + h.url,
        snippet: h.snippet,
        score: h.score,
        locale: h.locale,
        solved: h.solved,
        category: h.category,
        tags: h.tags,
      })),
      facets: result.facets,
      total: result.total,
      exhaustive: result.exhaustive,
      didYouMean: result.didYouMean,
      page: query.page,
      tookMs: result.tookMs,
      searchEventId: result.searchEventId,
    });
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Search took too long. Try more specific words.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Search is temporarily unavailable. Please try again in a moment.');
    throw error;
  }
});
