import type { ApiRoute } from '../api/route';
import { articlePageShape, articleShape, feedbackResultShape, listArticlesQuerySchema } from './api-shapes';
import { feedbackSchema } from './feedback';

export const KB_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/articles',
    summary: 'List published KB articles (oldest change first; filter by locale, category, tag, updatedSince; cursor pagination)',
    auth: 'anyone',
    query: listArticlesQuerySchema,
    responses: { 200: { description: 'A page of articles', schema: articlePageShape } },
    errors: [400],
  },
  {
    method: 'get',
    path: '/articles/{id}',
    summary: 'A published KB article with its Markdown, HTML, translations and helpfulness',
    auth: 'anyone',
    responses: { 200: { description: 'The article', schema: articleShape } },
    errors: [400, 404, 410],
  },
  {
    method: 'post',
    path: '/articles/{id}/feedback',
    summary: '"Was this helpful?" vote: one per member or visitor id per article (a second vote replaces the first); rate-limited',
    auth: 'anyone',
    body: { schema: feedbackSchema },
    responses: { 200: { description: 'Recorded', schema: feedbackResultShape } },
    errors: [400, 404, 413, 415, 429],
  },
];
