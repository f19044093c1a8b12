import { z } from 'zod';
import { answerSchema, askQuestionSchema, listQuestionsSchema } from '../community/schemas';
import { searchQuerySchema, suggestQuerySchema } from '../search/schemas';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

/** Query parameters of an object schema as OpenAPI parameter objects. */
function queryParameters(schema: z.ZodObject) {
  const js = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: s,
  }));
}

const problem = { $ref: '#/components/responses/Problem' };
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));

const Author = { type: 'object', properties: { id: { type: 'integer' }, displayName: { type: 'string' } } };
const Thread = {
  type: 'object',
  required: ['id', 'title', 'locale', 'url', 'body', 'answers', 'solved'],
  properties: {
    id: { type: 'integer' },
    sourceId: { type: ['string', 'null'] },
    title: { type: 'string' },
    locale: { enum: ['es', 'en'] },
    url: { type: 'string', format: 'uri' },
    body: { type: 'string', description: 'Markdown source' },
    bodyHtml: { type: 'string', description: 'Rendered, sanitized HTML' },
    score: { type: 'integer' },
    category: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    author: Author,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    solved: { type: 'boolean' },
    acceptedAnswerId: { type: ['integer', 'null'] },
    answers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          sourceId: { type: ['string', 'null'] },
          body: { type: 'string' },
          bodyHtml: { type: 'string' },
          score: { type: 'integer' },
          accepted: { type: 'boolean' },
          author: Author,
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
const Hit = {
  type: 'object',
  properties: {
    type: { enum: ['question', 'article'] },
    id: { type: 'integer' },
    title: { type: 'string' },
    url: { type: 'string' },
    snippet: { type: 'string', description: 'HTML-escaped text with matches in <mark>' },
    score: { type: 'number' },
    locale: { enum: ['es', 'en'] },
    solved: { type: 'boolean' },
  },
};

/** The OpenAPI 3.1 description of /api/v1; request schemas come from the same zod schemas that validate them. */
export function openApiDocument(siteUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Resuelve API',
      version: '1.0.0',
      description:
        'Public JSON API of Resuelve. Authenticate with the session cookie (same origin) or a personal access token: `Authorization: Bearer rsv_…`. Errors are RFC 9457 `application/problem+json`.',
    },
    servers: [{ url: `${siteUrl.replace(/\/$/, '')}/api/v1` }],
    security: [{}, { bearer: [] }, { cookie: [] }],
    paths: {
      '/questions': {
        get: {
          summary: 'List questions (newest first, cursor pagination)',
          parameters: queryParameters(listQuestionsSchema),
          responses: {
            '200': {
              description: 'A page of questions',
              content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } } } } },
            },
            ...errors(400),
          },
        },
        post: {
          summary: 'Ask a question',
          security: [{ bearer: [] }, { cookie: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(askQuestionSchema.partial({ locale: true })) } } },
          responses: {
            '201': { description: 'Created', content: { 'application/json': { schema: Thread } } },
            '200': { description: 'The same question submitted again within a minute: the first one', content: { 'application/json': { schema: Thread } } },
            ...errors(400, 401, 403, 413, 415, 429),
          },
        },
      },
      '/questions/{id}': {
        get: {
          summary: 'A question with its answers and accepted answer',
          parameters: [idParam('id')],
          responses: { '200': { description: 'The thread', content: { 'application/json': { schema: Thread } } }, ...errors(400, 404, 410) },
        },
      },
      '/questions/{id}/answers': {
        post: {
          summary: 'Answer a question',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(answerSchema) } } },
          responses: {
            '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' }, questionId: { type: 'integer' } } } } } },
            ...errors(400, 401, 403, 404, 413, 415),
          },
        },
      },
      '/answers/{id}/accept': {
        post: {
          summary: 'Accept an answer (the asker; staff, moderators and superusers after a delay)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          responses: {
            '200': { description: 'Accepted', content: { 'application/json': { schema: { type: 'object', properties: { questionId: { type: 'integer' }, acceptedAnswerId: { type: 'integer' } } } } } },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      '/search': {
        get: {
          summary: 'Full search over articles and questions, with facets and highlights',
          parameters: queryParameters(searchQuerySchema),
          responses: {
            '200': {
              description: 'Results',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      hits: { type: 'array', items: Hit },
                      facets: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } },
                      total: { type: 'integer' },
                      page: { type: 'integer' },
                      tookMs: { type: 'number' },
                    },
                  },
                },
              },
            },
            ...errors(400),
          },
        },
      },
      '/suggest': {
        get: {
          summary: 'As-you-type suggestions: similar threads and articles',
          parameters: queryParameters(suggestQuerySchema),
          responses: {
            '200': { description: 'Suggestions', content: { 'application/json': { schema: { type: 'object', properties: { suggestions: { type: 'array', items: Hit } } } } } },
            ...errors(400),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal access token created at /{locale}/account or with `npm run token`.' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
      },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                properties: {
                  type: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  detail: { type: 'string' },
                  errors: { type: 'object', additionalProperties: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
                },
              },
            },
          },
        },
      },
    },
  };
}
