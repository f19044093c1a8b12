import { z } from 'zod';
import { answerSchema, askQuestionSchema, listQuestionsSchema } from '../community/schemas';
import { commentSchema } from '../community/comment-post';
import { voteSchema } from '../community/vote-post';
import { flagSchema } from '../moderation/flags';
import { auditQuerySchema } from '../moderation/audit';
import { contentCommandSchema } from '../moderation/commands';
import { suspendSchema } from '../moderation/moderate';
import { categoriesQuerySchema, categoryModeratorSchema, categoryPatchSchema, categorySchema } from '../community/categories';
import { listTagsSchema, updateTagSchema } from '../community/tags';
import { searchQuerySchema, similarQuerySchema, suggestQuerySchema } from '../search/schemas';
import { incidentsQuerySchema } from '../incidents/incidents';
import { apiFeedbackSchema, listArticlesQuerySchema } from '../kb/api';
import { contactRequestSchema, listContactRequestsSchema } from '../support/contact-requests';

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
// community
const Category: Record<string, unknown> = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    parentId: { type: ['integer', 'null'] },
    name: { type: 'object', properties: { es: { type: 'string' }, en: { type: 'string' } } },
    description: { type: 'object', properties: { es: { type: 'string' }, en: { type: 'string' } } },
    locale: { enum: ['es', 'en', null], description: 'null: both languages' },
    position: { type: 'integer' },
    moderatorIds: { type: 'array', items: { type: 'integer' }, description: 'GET /categories/{id}, admins only' },
    children: { type: 'array', items: { type: 'object' }, description: 'Subcategories (same shape)' },
  },
};
const Moderators = { type: 'object', properties: { items: { type: 'array', items: Author } } };
const Tag = {
  type: 'object',
  properties: { name: { type: 'string' }, description: { type: 'string' }, questionCount: { type: 'integer' }, synonyms: { type: 'array', items: { type: 'string' } } },
};
const CommentRef = { type: 'object', properties: { id: { type: 'integer' }, postId: { type: 'integer' }, questionId: { type: 'integer' } } };
const FlagRef = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    target: { type: 'object', properties: { type: { enum: ['question', 'answer', 'comment'] }, id: { type: 'integer' } } },
    hidden: { type: 'boolean', description: 'Whether the target is hidden now (automatic hiding at enough flags from trusted members)' },
  },
};

const Hit = {
  type: 'object',
  properties: {
    type: { enum: ['question', 'article'] },
    id: { type: 'integer' },
    sourceId: { type: ['string', 'null'], description: 'the id an imported question had on its old platform (search only)' },
    title: { type: 'string' },
    url: { type: 'string', description: 'absolute in search, relative to the site in suggestions' },
    snippet: { type: 'string', description: 'HTML-escaped text with matches in <mark>' },
    score: { type: 'number' },
    locale: { enum: ['es', 'en'] },
    solved: { type: 'boolean' },
    category: { type: 'string', description: 'Category slug (search only)' },
    tags: { type: 'array', items: { type: 'string' }, description: 'search only' },
  },
};

// kb
const Helpfulness = {
  type: 'object',
  properties: { votes: { type: 'integer' }, helpful: { type: 'integer' }, score: { type: ['integer', 'null'], description: 'Percent helpful; null under 5 votes' } },
};
const ArticleSummary = {
  type: 'object',
  required: ['id', 'slug', 'locale', 'title', 'url', 'updatedAt'],
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    locale: { enum: ['es', 'en'] },
    title: { type: 'string' },
    summary: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    category: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    translations: { type: 'array', items: { type: 'object', properties: { locale: { enum: ['es', 'en'] }, url: { type: 'string', format: 'uri' } } } },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const Article = {
  ...ArticleSummary,
  properties: {
    ...ArticleSummary.properties,
    body: { type: 'string', description: 'Markdown source' },
    bodyHtml: { type: 'string', description: 'Rendered, sanitized HTML (headings carry ids)' },
    author: { type: ['string', 'null'] },
    helpfulness: Helpfulness,
    sourceQuestionId: { type: ['integer', 'null'], description: 'The thread it was promoted from' },
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
        // community
        delete: {
          summary: 'Un-accept the answer (same permission as accepting); idempotent',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          responses: {
            '200': { description: 'No accepted answer now', content: { 'application/json': { schema: { type: 'object', properties: { questionId: { type: 'integer' }, acceptedAnswerId: { type: 'null' } } } } } },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      // community
      '/questions/{id}/comments': {
        post: {
          summary: 'Comment on a question (@mentions notify members); an identical submit within a minute returns the first',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(commentSchema) } } },
          responses: {
            '201': { description: 'Created', content: { 'application/json': { schema: CommentRef } } },
            '200': { description: 'Double submit: the first comment', content: { 'application/json': { schema: CommentRef } } },
            ...errors(400, 401, 403, 404, 429),
          },
        },
      },
      '/posts/{id}/votes': {
        post: {
          summary: 'Vote on a question or an answer: 1 up, -1 down, 0 retracts (one vote per member, never on your own post)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(voteSchema) } } },
          responses: {
            '200': {
              description: 'The post score and your vote now',
              content: { 'application/json': { schema: { type: 'object', properties: { postId: { type: 'integer' }, score: { type: 'integer' }, vote: { enum: [-1, 0, 1] } } } } },
            },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      '/posts/{id}/flags': {
        post: {
          summary: 'Flag a question or an answer (or one of its comments with commentId) for moderators; one flag per member',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(flagSchema.extend({ commentId: z.number().int().positive().optional() })) } } },
          responses: {
            '201': { description: 'Flagged', content: { 'application/json': { schema: FlagRef } } },
            '200': { description: 'Already flagged by you', content: { 'application/json': { schema: FlagRef } } },
            ...errors(400, 401, 403, 404, 429),
          },
        },
      },
      // community: categories and tags
      '/categories': {
        get: {
          summary: 'The category tree: top-level categories with their subcategories (one level), ordered by position',
          parameters: queryParameters(categoriesQuerySchema),
          responses: { '200': { description: 'Categories', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: Category } } } } } }, ...errors(400) },
        },
        post: {
          summary: 'Create a category (admins); `parentId` must be a top-level category',
          security: [{ bearer: [] }, { cookie: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(categorySchema) } } },
          responses: { '201': { description: 'Created', content: { 'application/json': { schema: Category } } }, ...errors(400, 401, 403, 409, 415) },
        },
      },
      '/categories/{id}': {
        get: {
          summary: 'One category with its subcategories; admins also get the ids of its category moderators (`moderatorIds`)',
          parameters: [idParam('id')],
          responses: { '200': { description: 'The category', content: { 'application/json': { schema: Category } } }, ...errors(400, 404) },
        },
        patch: {
          summary: 'Edit a category (admins): fields left out stay; no self-parent, one level of subcategories',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(categoryPatchSchema) } } },
          responses: { '200': { description: 'The category', content: { 'application/json': { schema: Category } } }, ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/categories/{id}/moderators': {
        post: {
          summary: 'Make a member (by `userId` or `email`) a moderator of the category and its subcategories (admins)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(categoryModeratorSchema) } } },
          responses: { '201': { description: 'Added; the category moderators', content: { 'application/json': { schema: Moderators } } }, '200': { description: 'Already a moderator', content: { 'application/json': { schema: Moderators } } }, ...errors(400, 401, 403, 404, 409, 415) },
        },
        delete: {
          summary: 'Remove a category moderator (admins)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id'), { name: 'userId', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': { description: 'Removed; the remaining category moderators', content: { 'application/json': { schema: Moderators } } }, ...errors(400, 401, 403, 404) },
        },
      },
      '/tags': {
        get: {
          summary: 'Tags in name order with question counts and synonyms; pass `next` as `after` for the following page',
          parameters: queryParameters(listTagsSchema),
          responses: { '200': { description: 'A page of tags', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: Tag }, nextCursor: { type: ['string', 'null'], description: 'pass as `after` for the next page' } } } } } }, ...errors(400) },
        },
      },
      '/tags/{name}': {
        get: {
          summary: 'One tag, by its name or one of its synonyms',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', maxLength: 30 } }],
          responses: { '200': { description: 'The tag', content: { 'application/json': { schema: Tag } } }, ...errors(404) },
        },
        patch: {
          summary:
            'Edit a tag (moderators): description, and the complete list of synonyms. An existing tag given as a synonym is merged into this one (its questions move here) only with `confirmMerge: true`; without it the answer is 409 with `errors.synonyms` naming those tags and their question counts',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', maxLength: 30 } }],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(updateTagSchema) } } },
          responses: { '200': { description: 'The tag; `moved` counts questions moved from merged tags', content: { 'application/json': { schema: Tag } } }, ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/moderation/queue': {
        get: {
          summary: 'Open flags (most flagged first) with counts per reason, and posts waiting for pre-moderation; category moderators see their categories only',
          security: [{ bearer: [] }, { cookie: [] }],
          responses: { '200': { description: 'The queue', content: { 'application/json': { schema: { type: 'object', properties: { flagged: { type: 'array', items: { type: 'object' } }, counts: { type: 'object' }, pending: { type: 'array', items: { type: 'object' } } } } } } }, ...errors(401, 403) },
        },
      },
      '/moderation/hidden': {
        get: {
          summary: 'Hidden questions, answers and comments with who hid them, when and why (moderators; category moderators: their categories)',
          security: [{ bearer: [] }, { cookie: [] }],
          responses: { '200': { description: 'Hidden content', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } } } } }, ...errors(401, 403) },
        },
      },
      '/moderation/audit': {
        get: {
          summary: 'The audit log of every moderator and automatic action, newest first (site moderators); cursor pagination',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: queryParameters(auditQuerySchema),
          responses: { '200': { description: 'A page of actions', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } } } } } }, ...errors(400, 401, 403) },
        },
      },
      '/moderation/content': {
        post: {
          summary: 'Hide, restore, approve or reject a question, answer or comment; uphold or dismiss its flags (moderators of its category)',
          security: [{ bearer: [] }, { cookie: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(contentCommandSchema) } } },
          responses: { '200': { description: 'The new status', content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string' } } } } } }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/questions/{id}/moderation': {
        post: {
          summary: 'Lock, unlock, pin, unpin, reopen, move (category), retag (tags) or close as a duplicate (duplicateOf, merge) the thread (moderators of its category)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['action'],
                  properties: {
                    action: { enum: ['lock', 'unlock', 'pin', 'unpin', 'reopen', 'move', 'retag', 'close'] },
                    category: { type: 'string', description: 'move: the new category slug' },
                    tags: { type: 'array', items: { type: 'string' }, description: 'retag: the new tags' },
                    duplicateOf: { type: 'integer', description: 'close: the question this one duplicates' },
                    merge: { type: 'boolean', description: 'close: move the answers to the original' },
                    reason: { type: 'string', maxLength: 500 },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'Done', content: { 'application/json': { schema: { type: 'object', properties: { questionId: { type: 'integer' } } } } } }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/members/{id}/suspension': {
        post: {
          summary: 'Suspend a member for a number of days, with a reason (moderators)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(suspendSchema) } } },
          responses: { '200': { description: 'Suspended', content: { 'application/json': { schema: { type: 'object', properties: { userId: { type: 'integer' }, suspendedUntil: { type: 'string', format: 'date-time' } } } } } }, ...errors(400, 401, 403, 404) },
        },
        delete: {
          summary: 'Lift a suspension (moderators); an optional JSON body {reason} goes to the audit log',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [idParam('id')],
          responses: { '200': { description: 'Lifted', content: { 'application/json': { schema: { type: 'object', properties: { userId: { type: 'integer' } } } } } }, ...errors(401, 403, 404) },
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
                      facets: {
                        type: 'object',
                        description: 'Counts per value of type, category, tag, solved and locale; each facet counted with every filter but its own',
                        additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
                      },
                      total: { type: 'integer', description: 'Matches, counted up to 1000' },
                      exhaustive: { type: 'boolean', description: 'false when total stopped at 1000' },
                      didYouMean: { type: ['string', 'null'], description: 'The query with unknown words corrected' },
                      page: { type: 'integer' },
                      tookMs: { type: 'number' },
                      searchEventId: { type: ['integer', 'null'], description: 'The recorded search (null for an empty query)' },
                    },
                  },
                },
              },
            },
            ...errors(400, 503),
          },
        },
      },
      // kb
      '/articles': {
        get: {
          summary: 'List published KB articles (oldest change first; filter by locale, category, tag, updatedSince; cursor pagination)',
          parameters: queryParameters(listArticlesQuerySchema),
          responses: {
            '200': {
              description: 'A page of articles',
              content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ArticleSummary }, nextCursor: { type: ['string', 'null'] } } } } },
            },
            ...errors(400),
          },
        },
      },
      '/articles/{id}': {
        get: {
          summary: 'A published KB article with its Markdown, HTML, translations and helpfulness',
          parameters: [idParam('id')],
          responses: { '200': { description: 'The article', content: { 'application/json': { schema: Article } } }, ...errors(400, 404, 410) },
        },
      },
      '/articles/{id}/feedback': {
        post: {
          summary: '"Was this helpful?" vote: one per member or visitor id per article (a second vote replaces the first); rate-limited',
          parameters: [idParam('id')],
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(apiFeedbackSchema) } } },
          responses: {
            '200': {
              description: 'Recorded',
              content: { 'application/json': { schema: { type: 'object', properties: { articleId: { type: 'integer' }, helpful: { type: 'boolean' }, helpfulness: Helpfulness } } } },
            },
            ...errors(400, 404, 413, 415, 429),
          },
        },
      },
      '/incidents': {
        get: {
          summary: 'Known issues (service status): active incidents by default',
          parameters: queryParameters(incidentsQuerySchema),
          responses: {
            '200': {
              description: 'Incidents',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'integer' },
                            title: { type: 'string' },
                            bodyHtml: { type: 'string' },
                            severity: { enum: ['minor', 'major', 'critical'] },
                            categories: { type: 'array', items: { type: 'string' } },
                            startsAt: { type: 'string', format: 'date-time' },
                            resolvedAt: { type: ['string', 'null'], format: 'date-time' },
                            active: { type: 'boolean' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...errors(400),
          },
        },
      },
      // support
      '/contact-requests': {
        post: {
          summary: 'Write to support (the contact form): anyone; members may omit name and email. Returns the reference (R-000042); an acknowledgement mail is queued. Rate-limited per address and visitor id',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { allOf: [jsonSchema(contactRequestSchema), { type: 'object', properties: { visitorId: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' } } }] },
              },
            },
          },
          responses: {
            '201': {
              description: 'Received',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { id: { type: 'integer' }, reference: { type: 'string', examples: ['R-000042'] }, status: { enum: ['open'] }, expectedResponseHours: { type: 'integer' } } },
                },
              },
            },
            ...errors(400, 413, 415, 429),
          },
        },
        get: {
          summary: 'Contact requests, newest first (agents, moderators, admins); filter by status; cursor pagination',
          parameters: queryParameters(listContactRequestsSchema),
          responses: {
            '200': {
              description: 'A page of requests',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'integer' },
                            reference: { type: 'string' },
                            status: { enum: ['open', 'closed'] },
                            locale: { enum: ['es', 'en'] },
                            name: { type: 'string' },
                            email: { type: 'string' },
                            memberId: { type: ['integer', 'null'] },
                            subject: { type: 'string' },
                            message: { type: 'string' },
                            category: { type: ['string', 'null'] },
                            article: { type: ['object', 'null'], properties: { slug: { type: 'string' }, locale: { enum: ['es', 'en'] } } },
                            createdAt: { type: 'string', format: 'date-time' },
                          },
                        },
                      },
                      nextCursor: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            ...errors(400, 401, 403),
          },
        },
      },
      '/questions/{id}/similar': {
        get: {
          summary: 'Threads and articles similar to a question (its title and body), best first',
          parameters: [idParam('id'), ...queryParameters(similarQuerySchema)],
          responses: {
            '200': { description: 'Similar content', content: { 'application/json': { schema: { type: 'object', properties: { similar: { type: 'array', items: Hit } } } } } },
            ...errors(400, 404, 503),
          },
        },
      },
      '/suggest': {
        get: {
          summary: 'As-you-type suggestions: similar threads and articles',
          description:
            'With `context=ask|contact|widget` the suggestions count as a search of that form, one per typing session (requests of one member or visitor less than 5 s apart; without a member or visitor id, only the request with `final=1`). 503 when the engine is down or the query ran past the time budget.',
          parameters: queryParameters(suggestQuerySchema),
          responses: {
            '200': {
              description: 'Suggestions',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { suggestions: { type: 'array', items: Hit }, searchEventId: { type: ['integer', 'null'], description: 'The recorded search, for click tracking' } } },
                },
              },
            },
            ...errors(400, 503),
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
