import { z } from 'zod';
import type { Db } from '../../../db/client';
import { LOCALES } from '../../../db/schema/index';
import { dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { articlePath, getArticleById, listArticlesPage, splitTags, translationsOf } from './articles';
import { getHelpfulness } from './feedback';

export const listArticlesQuerySchema = z.object({
  locale: z.enum(LOCALES).optional(),
  /** A category slug (its sections' articles included) or a section slug. */
  category: z.string().max(64).optional(),
  tag: z.string().max(30).optional(),
  /** ISO 8601 date-time: only articles changed at or after it. */
  updatedSince: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

function encodeCursor(c: { updatedAt: number; id: number }): string {
  return Buffer.from(`${c.updatedAt}:${c.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: number; id: number } {
  const m = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new DomainError('INVALID', 'Malformed cursor.', { cursor: 'field.invalid' });
  return { updatedAt: Number(m[1]), id: Number(m[2]) };
}

const isoOrNull = (t: number | null) => (t === null ? null : iso(t));

const translationShape = z.object({ locale: localeShape, url: z.url() });
const articleFields = {
  id: z.int(),
  slug: z.string(),
  locale: localeShape,
  title: z.string(),
  summary: z.string(),
  url: z.url(),
  category: z.string().meta({ description: 'Category slug' }),
  section: z.string().nullable().meta({ description: 'Section (subcategory) slug; null when the article is directly in its category' }),
  tags: z.array(z.string()),
  translations: z.array(translationShape).meta({ description: 'The same article in the other languages' }),
  publishedAt: dateTime.nullable(),
  updatedAt: dateTime,
};

export const articleSummaryShape = z.object(articleFields).meta({ id: 'ArticleSummary' });
export const articlePageShape = pageOf(articleSummaryShape);

export const helpfulnessShape = z
  .object({ votes: z.int(), helpful: z.int(), score: z.int().nullable().meta({ description: 'Percent helpful; null under 5 votes' }) })
  .meta({ id: 'Helpfulness' });

export const articleShape = z
  .object({
    ...articleFields,
    body: z.string().meta({ description: 'Markdown source' }),
    bodyHtml: z.string().meta({ description: 'Rendered, sanitized HTML (headings carry ids)' }),
    author: z.string().nullable(),
    helpfulness: helpfulnessShape,
    sourceQuestionId: z.int().nullable().meta({ description: 'The thread it was promoted from' }),
  })
  .meta({ id: 'Article' });

export const feedbackResultShape = z.object({ articleId: z.int(), helpful: z.boolean(), helpfulness: helpfulnessShape });

/** GET /api/v1/articles: published articles, oldest change first (sync with `updatedSince`), keyset pagination. */
export function listArticlesJson(db: Db, query: unknown, site: string): z.output<typeof articlePageShape> {
  const q = parseInput(listArticlesQuerySchema, query);
  const page = listArticlesPage(db, {
    locale: q.locale,
    category: q.category,
    tag: q.tag,
    updatedSince: q.updatedSince ? Date.parse(q.updatedSince) : undefined,
    cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const translations = translationsOf(db, [...new Set(page.items.map((a) => a.translationKey))]);
  return {
    items: page.items.map((a) => ({
      id: a.id,
      slug: a.slug,
      locale: a.locale,
      title: a.title,
      summary: a.summary,
      url: site + articlePath(a),
      category: a.categorySlug,
      section: a.sectionSlug,
      tags: splitTags(a.tags),
      translations: translations.filter((t) => t.translationKey === a.translationKey && t.locale !== a.locale).map((t) => ({ locale: t.locale, url: site + articlePath(t) })),
      publishedAt: isoOrNull(a.publishedAt),
      updatedAt: iso(a.updatedAt),
    })),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

/** GET /api/v1/articles/{id}: a published article (404 unknown or unpublished, 410 archived). */
export function articleJson(db: Db, id: number, site: string): { gone: true } | { gone: false; article: z.output<typeof articleShape> } {
  const a = getArticleById(db, id);
  if (!a || a.status === 'draft' || a.status === 'in_review') throw new DomainError('NOT_FOUND', 'No such article.');
  if (a.status === 'archived') return { gone: true as const };
  const translations = translationsOf(db, [a.translationKey]).filter((t) => t.locale !== a.locale);
  const h = getHelpfulness(db, a.id);
  return {
    gone: false as const,
    article: {
      id: a.id,
      slug: a.slug,
      locale: a.locale,
      title: a.title,
      summary: a.summary,
      url: site + articlePath(a),
      body: a.bodyMd,
      bodyHtml: a.bodyHtml,
      category: a.categorySlug,
      section: a.sectionSlug,
      tags: splitTags(a.tags),
      author: a.author,
      translations: translations.map((t) => ({ locale: t.locale, url: site + articlePath(t) })),
      helpfulness: { votes: h.votes, helpful: h.helpful, score: h.score },
      sourceQuestionId: a.sourceQuestionId,
      publishedAt: isoOrNull(a.publishedAt),
      updatedAt: iso(a.updatedAt),
    },
  };
}
