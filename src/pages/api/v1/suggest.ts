import { visitorFor } from '../../../actions/kb';
import { SearchTimeoutError, SearchUnavailableError } from '../../../lib/search/search-site';
import { suggestionsJson } from '../../../lib/search/api-shapes';
import { suggestQuerySchema } from '../../../lib/search/schemas';
import { suggestAsYouType } from '../../../lib/search/suggest';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async (context) => {
  const { locals, url } = context;
  const { q, locale, limit, context: where, surface, final, visitorId } = parseInput(suggestQuerySchema, Object.fromEntries(url.searchParams));
  const visitor = visitorFor(context, false);
  try {
    const { hits, searchEventId } = await suggestAsYouType(
      locals.ctx.db,
      locals.ctx.search,
      { q, locale, limit },
      { context: where, surface, final, userId: visitor.userId, visitorId: visitor.visitorId ?? visitorId ?? null },
      locals.ctx.now(),
    );
    return json(suggestionsJson(hits, searchEventId), 200, { 'cache-control': 'no-store' });
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Suggestions took too long. Try more specific words.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Suggestions are temporarily unavailable.');
    throw error;
  }
});
