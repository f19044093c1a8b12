import { SearchTimeoutError, SearchUnavailableError } from '../../../../../lib/search/search-site';
import { idSchema } from '../../../../../lib/community/schemas';
import { similarJson } from '../../../../../lib/search/api-shapes';
import { similarQuerySchema } from '../../../../../lib/search/schemas';
import { findSimilarToQuestion } from '../../../../../lib/search/similar-questions';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';
import { problem } from '../../../../../web/problem';

export const GET = apiRoute(async ({ locals, params, url }) => {
  const id = parseInput(idSchema, params.id);
  const options = parseInput(similarQuerySchema, Object.fromEntries(url.searchParams));
  try {
    const hits = await findSimilarToQuestion(locals.ctx.db, locals.ctx.search, locals.actor, id, options, locals.ctx.now());
    return json(similarJson(hits));
  } catch (error) {
    if (error instanceof SearchTimeoutError) return problem(503, 'Finding similar questions took too long. Please try again.', {}, { 'retry-after': '1' });
    if (error instanceof SearchUnavailableError) return problem(503, 'Similar questions are temporarily unavailable.');
    throw error;
  }
});
