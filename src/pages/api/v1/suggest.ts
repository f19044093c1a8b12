import { SearchUnavailableError } from '../../../lib/search/search-site';
import { suggestQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async ({ locals, url }) => {
  const query = parseInput(suggestQuerySchema, Object.fromEntries(url.searchParams));
  try {
    const hits = await locals.ctx.search.suggest(query);
    return json(
      { suggestions: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, snippet: h.snippet, locale: h.locale, solved: h.solved })) },
      200,
      { 'cache-control': 'no-store' },
    );
  } catch (error) {
    if (error instanceof SearchUnavailableError) return problem(503, 'Suggestions are temporarily unavailable.');
    throw error;
  }
});
