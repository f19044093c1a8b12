import { visitorFor } from '../../../web/cookies';
import { SearchTimeoutError, SearchUnavailableError } from '../../../lib/search/search-site';
import { suggestQuerySchema } from '../../../lib/search/schemas';
import { answerSuggest } from '../../../lib/search/suggest';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';
import { problem } from '../../../web/problem';

export const GET = apiRoute(async (context) => {
  const { locals, url } = context;
  const input = parseInput(suggestQuerySchema, Object.fromEntries(url.searchParams));
  const visitor = visitorFor(context, false);
  try {
    const answer = await answerSuggest(locals.ctx.db, locals.ctx.search, input, { userId: visitor.userId, visitorId: visitor.visitorId }, locals.ctx.now());
    return json(answer, 200, { 'cache-control': 'no-store' });
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Suggestions took too long. Try more specific words.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Suggestions are temporarily unavailable.');
    throw error;
  }
});
