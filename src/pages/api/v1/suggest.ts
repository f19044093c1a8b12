import { visitorFor } from '../../../web/cookies';
import { answerSuggestOnSurface } from '../../../lib/deflection/widget';
import { SearchTimeoutError, SearchUnavailableError } from '../../../lib/search/search-site';
import { suggestQuerySchema } from '../../../lib/search/schemas';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async (context) => {
  const { locals, url } = context;
  const { ctx } = locals;
  const input = parseInput(suggestQuerySchema, Object.fromEntries(url.searchParams));
  const visitor = visitorFor(context, false);
  try {
    const settings = ctx.deflection.settings.get(ctx.db, ctx.now());
    const answer = await answerSuggestOnSurface(ctx.db, ctx.search, settings, input, { ...visitor, locale: locals.locale }, ctx.config.SITE_URL, ctx.now());
    return json(answer, 200, { 'cache-control': 'no-store' });
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Suggestions took too long. Try more specific words.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Suggestions are temporarily unavailable.');
    throw error;
  }
});
