import { suggestQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(async ({ locals, url }) => {
  const query = parseInput(suggestQuerySchema, Object.fromEntries(url.searchParams));
  const hits = await locals.ctx.search.suggest(query);
  return json(
    { suggestions: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, snippet: h.snippet, locale: h.locale, solved: h.solved })) },
    200,
    { 'cache-control': 'no-store' },
  );
});
