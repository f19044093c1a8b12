import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articleRevisions, articles, categories, LOCALES, ARTICLE_STATUSES } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { markdownToText, renderMarkdown } from '../markdown';
import { parseInput } from '../validation';

export const articleInputSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'field.invalid' }).max(100, { error: 'field.tooLong' }),
  locale: z.enum(LOCALES),
  translationKey: z.string().min(1).max(100),
  title: z.string().trim().min(3, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }),
  summary: z.string().trim().max(300, { error: 'field.tooLong' }).default(''),
  body: z.string().trim().min(1, { error: 'field.required' }).max(100_000, { error: 'field.tooLong' }),
  category: z.string().min(1).max(64),
  tags: z.array(z.string().max(30)).max(10).default([]),
  status: z.enum(ARTICLE_STATUSES).default('published'),
  note: z.string().max(200).default(''),
});

/** Creates or updates the article with this (locale, slug); every change adds a revision. */
export function saveArticle(db: Db, authorId: number | null, input: unknown, now: number): { id: number; created: boolean; changed: boolean } {
  const data = parseInput(articleInputSchema, input);
  const bodyHtml = renderMarkdown(data.body, { ugc: false });
  const bodyText = markdownToText(data.body);
  return db.transaction((tx) => {
    const category = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category)).get();
    if (!category) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    const existing = tx.select().from(articles).where(and(eq(articles.locale, data.locale), eq(articles.slug, data.slug))).get();
    const values = {
      translationKey: data.translationKey,
      title: data.title,
      summary: data.summary,
      bodyMd: data.body,
      bodyHtml,
      bodyText,
      tags: data.tags.join(' '),
      categoryId: category.id,
      status: data.status,
      updatedAt: now,
    };
    let id: number;
    if (existing) {
      const changed =
        existing.title !== data.title ||
        existing.summary !== data.summary ||
        existing.bodyMd !== data.body ||
        existing.status !== data.status ||
        existing.tags !== values.tags ||
        existing.categoryId !== category.id;
      if (!changed) return { id: existing.id, created: false, changed: false };
      id = existing.id;
      tx.update(articles)
        .set({ ...values, publishedAt: data.status === 'published' ? (existing.publishedAt ?? now) : existing.publishedAt })
        .where(eq(articles.id, id))
        .run();
    } else {
      id = tx
        .insert(articles)
        .values({
          ...values,
          slug: data.slug,
          locale: data.locale,
          authorId,
          createdAt: now,
          publishedAt: data.status === 'published' ? now : null,
        })
        .returning({ id: articles.id })
        .get().id;
    }
    const last = tx.select({ n: max(articleRevisions.revision) }).from(articleRevisions).where(eq(articleRevisions.articleId, id)).get();
    tx.insert(articleRevisions)
      .values({ articleId: id, revision: (last?.n ?? 0) + 1, title: data.title, summary: data.summary, bodyMd: data.body, authorId, note: data.note, createdAt: now })
      .run();
    enqueue(tx, 'article.changed', { articleId: id }, now);
    return { id, created: !existing, changed: true };
  });
}
