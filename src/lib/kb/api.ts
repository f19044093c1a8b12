import { z } from 'zod';
import type { Db } from '../../../db/client';
import { LOCALES } from '../../../db/schema/index';
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

export const apiFeedbackSchema = z.object({
  helpful: z.boolean(),
  comment: z.string().max(1000).optional(),
  /** Anonymous callers (the widget) send their own stable visitor id; members vote as themselves. */
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
});

function encodeCursor(c: { updatedAt: number; id: number }): string {
  return Buffer.from(`${c.updatedAt}:${c.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: number; id: number } {
  const m = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new DomainError('INVALID', 'Malformed cursor.', { cursor: 'field.invalid' });
  return { updatedAt: Number(m[1]), id: Number(m[2]) };
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** GET /api/v1/articles: published articles, oldest change first (sync with `updatedSince`), keyset pagination. */
export function listArticlesJson(db: Db, query: unknown, site: string) {
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
      publishedAt: iso(a.publishedAt),
      updatedAt: iso(a.updatedAt),
    })),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

/** GET /api/v1/articles/{id}: a published article (404 unknown or unpublished, 410 archived). */
export function articleJson(db: Db, id: number, site: string) {
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
      publishedAt: iso(a.publishedAt),
      updatedAt: iso(a.updatedAt),
    },
  };
}
