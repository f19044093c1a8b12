import type { ApiRoute } from '../api/route';
import { searchResultShape, similarShape, suggestionsShape } from './api-shapes';
import { searchQuerySchema, similarQuerySchema, suggestQuerySchema } from './schemas';

export const SEARCH_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/search',
    summary: 'Full search over articles and questions, with facets and highlights',
    auth: 'anyone',
    query: searchQuerySchema,
    responses: { 200: { description: 'Results', schema: searchResultShape } },
    errors: [400, 503],
  },
  {
    method: 'get',
    path: '/suggest',
    summary: 'As-you-type suggestions: similar threads and articles',
    description:
      'With `context=ask|contact|widget` the suggestions count as a search of that form, one per typing session (requests of one member or visitor less than 5 s apart; without a member or visitor id, only the request with `final=1`). 503 when the engine is down or the query ran past the time budget.',
    auth: 'anyone',
    query: suggestQuerySchema,
    responses: { 200: { description: 'Suggestions', schema: suggestionsShape } },
    errors: [400, 503],
  },
  {
    method: 'get',
    path: '/questions/{id}/similar',
    summary: 'Threads and articles similar to a question (its title and body), best first',
    auth: 'anyone',
    query: similarQuerySchema,
    responses: { 200: { description: 'Similar content', schema: similarShape } },
    errors: [400, 404, 503],
  },
];
