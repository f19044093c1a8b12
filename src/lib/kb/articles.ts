import { and, count, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articleFeedback, articles, categories, events, users } from '../../../db/schema/index';

type Locale = 'es' | 'en';

export function articlePath(article: { locale: string; slug: string }): string {
  return `/${article.locale}/kb/${article.slug}`;
}

export function categoryPath(locale: string, categorySlug: string): string {
  return `/${locale}/kb/categories/${categorySlug}`;
}

const listColumns = {
  id: articles.id,
  slug: articles.slug,
  locale: articles.locale,
  title: articles.title,
  summary: articles.summary,
  tags: articles.tags,
  updatedAt: articles.updatedAt,
  categorySlug: categories.slug,
  categoryEs: categories.nameEs,
  categoryEn: categories.nameEn,
};

export function listPublishedArticles(db: Db, locale: Locale, limit = 50) {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export type ArticleListItem = ReturnType<typeof listPublishedArticles>[number];

/** Published articles of a category, by title. */
export function listCategoryArticles(db: Db, locale: Locale, categorySlug: string) {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published'), eq(categories.slug, categorySlug)))
    .orderBy(articles.title)
    .all();
}

/** Every category with its number of published articles in the locale (categories without articles included). */
export function listCategoriesWithCounts(db: Db, locale: Locale) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      nameEs: categories.nameEs,
      nameEn: categories.nameEn,
      descriptionEs: categories.descriptionEs,
      descriptionEn: categories.descriptionEn,
      articles: sql<number>`count(${articles.id})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(articles, and(eq(articles.categoryId, categories.id), eq(articles.locale, locale), eq(articles.status, 'published')))
    .groupBy(categories.id)
    .orderBy(categories.position, categories.id)
    .all();
}

export const POPULAR_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Most viewed published articles over the last 30 days (helpful votes break ties, then recency). */
export function popularArticles(db: Db, locale: Locale, now: number, limit = 5) {
  const views = db
    .select({ id: events.subjectId, n: count().as('views') })
    .from(events)
    .where(and(eq(events.type, 'article.viewed'), gte(events.occurredAt, now - POPULAR_WINDOW_MS)))
    .groupBy(events.subjectId)
    .as('v');
  const helpful = db
    .select({ id: articleFeedback.articleId, n: count().as('helpful') })
    .from(articleFeedback)
    .where(eq(articleFeedback.helpful, true))
    .groupBy(articleFeedback.articleId)
    .as('h');
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(views, eq(views.id, articles.id))
    .leftJoin(helpful, eq(helpful.id, articles.id))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .orderBy(desc(sql`coalesce(${views.n}, 0)`), desc(sql`coalesce(${helpful.n}, 0)`), desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export function getArticleBySlug(db: Db, locale: Locale, slug: string) {
  const article = db
    .select({
      id: articles.id,
      slug: articles.slug,
      locale: articles.locale,
      translationKey: articles.translationKey,
      title: articles.title,
      summary: articles.summary,
      bodyHtml: articles.bodyHtml,
      status: articles.status,
      tags: articles.tags,
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      sourceQuestionId: articles.sourceQuestionId,
      author: users.displayName,
      categoryId: articles.categoryId,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.locale, locale), eq(articles.slug, slug)))
    .get();
  if (!article) return null;
  const translations = db
    .select({ locale: articles.locale, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(eq(articles.translationKey, article.translationKey), eq(articles.status, 'published')))
    .all()
    .filter((t) => t.locale !== article.locale);
  return { ...article, translations };
}

export function splitTags(tags: string): string[] {
  return tags ? tags.split(' ').filter(Boolean) : [];
}

/** Pure: ranks candidates by shared tags (then same category, then recency); only articles sharing something. */
export function rankRelated<T extends { id: number; tags: string; categorySlug: string; updatedAt: number }>(
  article: { id: number; tags: string; categorySlug: string },
  candidates: T[],
  limit: number,
): T[] {
  const mine = new Set(splitTags(article.tags));
  return candidates
    .filter((c) => c.id !== article.id)
    .map((c) => ({ c, shared: splitTags(c.tags).filter((t) => mine.has(t)).length, sameCategory: c.categorySlug === article.categorySlug ? 1 : 0 }))
    .filter((x) => x.shared > 0 || x.sameCategory)
    .sort((a, b) => b.shared - a.shared || b.sameCategory - a.sameCategory || b.c.updatedAt - a.c.updatedAt || a.c.id - b.c.id)
    .slice(0, limit)
    .map((x) => x.c);
}

export function relatedArticles(db: Db, article: { id: number; locale: Locale; tags: string; categorySlug: string }, limit = 5) {
  return rankRelated(article, listPublishedArticles(db, article.locale, 500), limit);
}

/** Records that an article was read (the self-service and popularity figures aggregate these). */
export function recordArticleView(db: Db, articleId: number, locale: Locale, visitor: { visitorId: string | null; userId: number | null }, now: number): void {
  db.insert(events)
    .values({ type: 'article.viewed', occurredAt: now, visitorId: visitor.visitorId, userId: visitor.userId, locale, surface: 'kb', subjectType: 'article', subjectId: articleId })
    .run();
}

/** Keyset page of published articles for the API: oldest change first so `updatedSince` syncs incrementally. */
export function listArticlesPage(
  db: Db,
  q: { locale?: Locale; category?: string; tag?: string; updatedSince?: number; cursor?: { updatedAt: number; id: number }; limit: number },
) {
  const conditions = [eq(articles.status, 'published')];
  if (q.locale) conditions.push(eq(articles.locale, q.locale));
  if (q.category) conditions.push(eq(categories.slug, q.category));
  if (q.tag) conditions.push(sql`(' ' || ${articles.tags} || ' ') like ${`% ${q.tag} %`}`);
  if (q.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, q.updatedSince));
  if (q.cursor) conditions.push(or(sql`${articles.updatedAt} > ${q.cursor.updatedAt}`, and(eq(articles.updatedAt, q.cursor.updatedAt), sql`${articles.id} > ${q.cursor.id}`))!);
  const rows = db
    .select({ ...listColumns, translationKey: articles.translationKey, publishedAt: articles.publishedAt })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(...conditions))
    .orderBy(articles.updatedAt, articles.id)
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, next: rows.length > q.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

export function getArticleById(db: Db, id: number) {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      locale: articles.locale,
      translationKey: articles.translationKey,
      title: articles.title,
      summary: articles.summary,
      bodyMd: articles.bodyMd,
      bodyHtml: articles.bodyHtml,
      status: articles.status,
      tags: articles.tags,
      reviewBy: articles.reviewBy,
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      sourceQuestionId: articles.sourceQuestionId,
      authorId: articles.authorId,
      author: users.displayName,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(eq(articles.id, id))
    .get();
}

/** Articles promoted from a thread (to link the thread to its KB article). */
export function articlesFromQuestion(db: Db, questionId: number) {
  return db
    .select({ id: articles.id, slug: articles.slug, locale: articles.locale, title: articles.title, status: articles.status })
    .from(articles)
    .where(eq(articles.sourceQuestionId, questionId))
    .all();
}

export function translationsOf(db: Db, translationKeys: string[]) {
  if (!translationKeys.length) return [];
  return db
    .select({ locale: articles.locale, slug: articles.slug, translationKey: articles.translationKey, updatedAt: articles.updatedAt })
    .from(articles)
    .where(and(inArray(articles.translationKey, translationKeys), eq(articles.status, 'published')))
    .all();
}

/** Published articles for the sitemap and feeds, newest change first. */
export function listForFeed(db: Db, locale: Locale | null, limit: number, before?: number) {
  const conditions = [eq(articles.status, 'published')];
  if (locale) conditions.push(eq(articles.locale, locale));
  if (before !== undefined) conditions.push(lt(articles.updatedAt, before));
  return db
    .select({ ...listColumns, translationKey: articles.translationKey, publishedAt: articles.publishedAt, createdAt: articles.createdAt, author: users.displayName })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(...conditions))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}
