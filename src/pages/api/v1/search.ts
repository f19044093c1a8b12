import { searchQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(async ({ locals, url }) => {
  const query = parseInput(searchQuerySchema, Object.fromEntries(url.searchParams));
  const result = await locals.ctx.search.search(query);
  return json({
    hits: result.hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, snippet: h.snippet, score: h.score, locale: h.locale, solved: h.solved })),
    facets: result.facets,
    total: result.total,
    page: query.page,
    tookMs: result.tookMs,
  });
});
