import { searchSite, SearchTimeoutError, SearchUnavailableError, sourceIdsOf } from '../../../lib/search/search-site';
import { searchResultJson } from '../../../lib/search/api-shapes';
import { searchQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async ({ locals, url }) => {
  const { surface, ...query } = parseInput(searchQuerySchema, Object.fromEntries(url.searchParams));
  try {
    const result = await searchSite(locals.ctx.db, locals.ctx.search, query, { surface, userId: locals.actor?.id }, locals.ctx.now());
    return json(searchResultJson(result, sourceIdsOf(locals.ctx.db, result.hits), query.page, locals.ctx.config.SITE_URL));
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Search took too long. Try more specific words.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Search is temporarily unavailable. Please try again in a moment.');
    throw error;
  }
});
