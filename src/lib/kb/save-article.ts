import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articleRevisions, articles, categories, LOCALES, ARTICLE_STATUSES, type ArticleStatus } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { HAS_LETTER, lineText, multilineText, parseInput } from '../validation';
import { renderArticleBody } from './render';

export const articleInputSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'field.invalid' }).max(100, { error: 'field.tooLong' }),
  locale: z.enum(LOCALES),
  translationKey: z.string().min(1).max(100),
  title: lineText().trim().min(3, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }).regex(HAS_LETTER, { error: 'field.titleNeedsLetters' }),
  summary: lineText().trim().max(300, { error: 'field.tooLong' }).default(''),
  body: multilineText().trim().min(1, { error: 'field.required' }).max(100_000, { error: 'field.tooLong' }),
  category: z.string().min(1).max(64),
  tags: z.array(z.string().max(30)).max(10).default([]),
  status: z.enum(ARTICLE_STATUSES).default('published'),
  note: lineText().max(200).default(''),
});

/** Everything an article write sets; the category is already resolved to its id. */
export interface ArticleWrite {
  slug: string;
  locale: 'es' | 'en';
  translationKey: string;
  title: string;
  summary: string;
  body: string;
  categoryId: number;
  tags: string[];
  status: ArticleStatus;
  reviewBy?: number | null;
  /** Author of a new article; kept on updates. */
  authorId?: number | null;
  sourceQuestionId?: number | null;
}

export interface WriteResult {
  id: number;
  created: boolean;
  changed: boolean;
  revision: number | null;
}

/**
 * Creates or updates the article with this (locale, slug) inside the caller's transaction: renders the body once,
 * adds a revision (by `actorId`, with `note`) when something changed, and enqueues `article.changed`.
 */
export function writeArticle(tx: Db, w: ArticleWrite, actorId: number | null, note: string, now: number): WriteResult {
  const existing = tx.select().from(articles).where(and(eq(articles.locale, w.locale), eq(articles.slug, w.slug))).get();
  const tags = [...new Set(w.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].join(' ');
  const reviewBy = w.reviewBy === undefined ? (existing?.reviewBy ?? null) : w.reviewBy;
  if (existing) {
    const changed =
      existing.title !== w.title ||
      existing.summary !== w.summary ||
      existing.bodyMd !== w.body ||
      existing.status !== w.status ||
      existing.tags !== tags ||
      existing.categoryId !== w.categoryId ||
      existing.translationKey !== w.translationKey ||
      existing.reviewBy !== reviewBy;
    if (!changed) return { id: existing.id, created: false, changed: false, revision: null };
  }
  const rendered = existing?.bodyMd === w.body ? { html: existing.bodyHtml, text: existing.bodyText } : renderArticleBody(w.body);
  const values = {
    translationKey: w.translationKey,
    title: w.title,
    summary: w.summary,
    bodyMd: w.body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    tags,
    categoryId: w.categoryId,
    status: w.status,
    reviewBy,
    updatedAt: now,
  };
  let id: number;
  if (existing) {
    id = existing.id;
    tx.update(articles)
      .set({ ...values, publishedAt: w.status === 'published' ? (existing.publishedAt ?? now) : existing.publishedAt })
      .where(eq(articles.id, id))
      .run();
  } else {
    id = tx
      .insert(articles)
      .values({
        ...values,
        slug: w.slug,
        locale: w.locale,
        authorId: w.authorId ?? actorId,
        sourceQuestionId: w.sourceQuestionId ?? null,
        createdAt: now,
        publishedAt: w.status === 'published' ? now : null,
      })
      .returning({ id: articles.id })
      .get().id;
  }
  const revision = addRevision(tx, id, { title: w.title, summary: w.summary, bodyMd: w.body }, actorId, note, now);
  enqueue(tx, 'article.changed', { articleId: id }, now);
  return { id, created: !existing, changed: true, revision };
}

/** Appends the next revision of an article; returns its number. */
export function addRevision(tx: Db, articleId: number, content: { title: string; summary: string; bodyMd: string }, actorId: number | null, note: string, now: number): number {
  const last = tx.select({ n: max(articleRevisions.revision) }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).get();
  const revision = (last?.n ?? 0) + 1;
  tx.insert(articleRevisions).values({ articleId, revision, ...content, authorId: actorId, note: note.slice(0, 200), createdAt: now }).run();
  return revision;
}

export function categoryIdBySlug(db: Db, slug: string): number | null {
  return db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get()?.id ?? null;
}

/** Creates or updates the article with this (locale, slug); every change adds a revision. */
export function saveArticle(db: Db, authorId: number | null, input: unknown, now: number): { id: number; created: boolean; changed: boolean } {
  const data = parseInput(articleInputSchema, input);
  return db.transaction((tx) => {
    const categoryId = categoryIdBySlug(tx, data.category);
    if (categoryId === null) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    const { id, created, changed } = writeArticle(tx, { ...data, categoryId, authorId }, authorId, data.note, now);
    return { id, created, changed };
  });
}
