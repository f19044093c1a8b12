import { eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { articles, categories } from '../../../db/schema/index';
import type { SearchDocument } from '../../../search/index';
import { getThread } from '../community/get-thread';
import { questionPath } from '../community/slug';
import { articlePath } from '../kb/articles';
import { getHelpfulness } from '../kb/feedback';
import { markdownToText } from '../markdown';
import { isPublicPost } from '../auth/permissions';

const parents = alias(categories, 'parent');

/** Facets and filters work on top-level categories: a subcategory (or KB section) counts as its parent. */
function topLevelSlugOf(db: Db, category: SQL): string | undefined {
  return db
    .select({ slug: sql<string>`coalesce(${parents.slug}, ${categories.slug})` })
    .from(categories)
    .leftJoin(parents, eq(parents.id, categories.parentId))
    .where(category)
    .get()?.slug;
}

/** The category a search filter means: a subcategory (or KB section) filters by its top-level category. */
export function searchCategory(db: Db, slug: string): string {
  return topLevelSlugOf(db, eq(categories.slug, slug)) ?? slug;
}

/** The search document of a thread, or null when it must not be searchable (missing, deleted, awaiting moderation,
 *  hidden, or closed as a duplicate: the canonical thread is the one to find). */
export function questionDocument(db: Db, questionId: number): SearchDocument | null {
  const thread = getThread(db, questionId);
  if (!thread) return null;
  const q = thread.question;
  if (!isPublicPost({ authorId: q.author.id, deletedAt: q.deletedAt, status: q.status }) || q.duplicateOfId !== null) return null;
  return {
    type: 'question',
    id: q.id,
    locale: q.locale,
    title: q.title,
    body: [q.bodyText, ...thread.answers.map((a) => markdownToText(a.bodyMd))].join('\n'),
    tags: q.tags,
    category: topLevelSlugOf(db, eq(categories.id, q.category.id)) ?? '',
    solved: thread.acceptedAnswerId !== null,
    votes: q.score,
    helpfulness: null,
    url: questionPath(q.locale, q),
    updatedAt: q.updatedAt,
  };
}

/** Share of "yes" votes on an article, once it has enough votes to be shown to readers (see helpfulnessScore). */
function articleHelpfulness(db: Db, articleId: number): number | null {
  const { votes, helpful, score } = getHelpfulness(db, articleId);
  return score === null ? null : helpful / votes;
}

export function articleDocument(db: Db, articleId: number): SearchDocument | null {
  const a = db
    .select({
      id: articles.id,
      slug: articles.slug,
      locale: articles.locale,
      title: articles.title,
      summary: articles.summary,
      bodyText: articles.bodyText,
      tags: articles.tags,
      status: articles.status,
      updatedAt: articles.updatedAt,
      category: sql<string>`coalesce(${parents.slug}, ${categories.slug})`,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parents, eq(parents.id, categories.parentId))
    .where(eq(articles.id, articleId))
    .get();
  if (!a || a.status !== 'published') return null;
  return {
    type: 'article',
    id: a.id,
    locale: a.locale,
    title: a.title,
    body: `${a.summary}\n${a.bodyText}`,
    tags: a.tags ? a.tags.split(' ') : [],
    category: a.category,
    solved: true,
    votes: 0,
    helpfulness: articleHelpfulness(db, a.id),
    url: articlePath(a),
    updatedAt: a.updatedAt,
  };
}
