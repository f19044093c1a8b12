import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { articleFeedback, articles, categories, events, users } from '../../../db/schema/index';
import { insertViewEvents, jsonIds, ViewCounter, viewEvent, type CountedView } from '../community/record-view';
import { buildCategoryTree } from './sections';

export { ARTICLE_STATUSES } from '../../../db/schema/kb';

type Locale = 'es' | 'en';

export function articlePath(article: { locale: string; slug: string }): string {
  return `/${article.locale}/kb/${article.slug}`;
}

export function categoryPath(locale: string, categorySlug: string): string {
  return `/${locale}/kb/categories/${categorySlug}`;
}

/** A section has no page of its own: it is a part of its category's page. */
export function sectionPath(locale: string, categorySlug: string, sectionSlug: string): string {
  return `${categoryPath(locale, categorySlug)}#section-${sectionSlug}`;
}

// An article points at a top-level category or at a section (a child category). These columns always give the
// top-level category as `category*` and the section, if any, as `section*`; queries join `parent` for them.
const parent = alias(categories, 'parent_category');
const categoryColumns = {
  categorySlug: sql<string>`coalesce(${parent.slug}, ${categories.slug})`,
  categoryEs: sql<string>`coalesce(${parent.nameEs}, ${categories.nameEs})`,
  categoryEn: sql<string>`coalesce(${parent.nameEn}, ${categories.nameEn})`,
  sectionSlug: sql<string | null>`case when ${parent.id} is null then null else ${categories.slug} end`,
  sectionEs: sql<string | null>`case when ${parent.id} is null then null else ${categories.nameEs} end`,
  sectionEn: sql<string | null>`case when ${parent.id} is null then null else ${categories.nameEn} end`,
};
const inCategory = (slug: string) => or(eq(categories.slug, slug), eq(parent.slug, slug))!;

const listColumns = {
  id: articles.id,
  slug: articles.slug,
  locale: articles.locale,
  title: articles.title,
  summary: articles.summary,
  tags: articles.tags,
  updatedAt: articles.updatedAt,
  ...categoryColumns,
};

export function listPublishedArticles(db: Db, locale: Locale, limit = 50) {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export type ArticleListItem = ReturnType<typeof listPublishedArticles>[number];

/** Published articles of a category and of its sections, by title. */
export function listCategoryArticles(db: Db, locale: Locale, categorySlug: string) {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published'), inCategory(categorySlug)))
    .orderBy(articles.title)
    .all();
}

/**
 * The KB home: top-level categories with their sections, each with its number of published articles in the locale
 * (a category counts its own articles plus its sections'). One query.
 */
export function listCategoriesWithCounts(db: Db, locale: Locale) {
  const rows = db
    .select({
      id: categories.id,
      slug: categories.slug,
      parentId: categories.parentId,
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
  return buildCategoryTree(rows).map((c) => ({ ...c, articles: c.articles + c.sections.reduce((n, s) => n + s.articles, 0) }));
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
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .leftJoin(views, eq(views.id, articles.id))
    .leftJoin(helpful, eq(helpful.id, articles.id))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .orderBy(desc(sql`coalesce(${views.n}, 0)`), desc(sql`coalesce(${helpful.n}, 0)`), desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}

/** An article with its topic, section and author, as the reading and editing pages show it. */
function findArticle(db: Db, where: SQL) {
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
      categoryId: articles.categoryId,
      ...categoryColumns,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(where)
    .get();
}

export function getArticleBySlug(db: Db, locale: Locale, slug: string) {
  const article = findArticle(db, and(eq(articles.locale, locale), eq(articles.slug, slug))!);
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

/** Published articles of a locale among `ids` (any order). */
export function publishedArticlesByIds(db: Db, locale: Locale, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .where(and(inArray(articles.id, ids), eq(articles.locale, locale), eq(articles.status, 'published')))
    .all();
}

/** Writes article views as `article.viewed` events: the popularity and self-service figures aggregate them. */
export function writeArticleViews(tx: Db, views: CountedView[]): void {
  const ids = [...new Set(views.map((v) => v.subjectId))];
  const locales = new Map(tx.select({ id: articles.id, locale: articles.locale }).from(articles).where(sql`${articles.id} in ${jsonIds(ids)}`).all().map((a) => [a.id, a.locale]));
  insertViewEvents(
    tx,
    views.filter((v) => locales.has(v.subjectId)).map((v) => viewEvent('article.viewed', v, locales.get(v.subjectId)!)),
  );
}

/** The server's one counter for article pages: the rules of thread views (people, not bots; once a day each). */
export const articleViews = new ViewCounter({ write: writeArticleViews });

/** The published article a KB page path names, for counting its view. */
export function publishedArticleId(db: Db, locale: Locale, slug: string): number | null {
  return db.select({ id: articles.id }).from(articles).where(and(eq(articles.locale, locale), eq(articles.slug, slug), eq(articles.status, 'published'))).get()?.id ?? null;
}

/** Keyset page of published articles for the API: oldest change first so `updatedSince` syncs incrementally. */
export function listArticlesPage(
  db: Db,
  q: { locale?: Locale; category?: string; tag?: string; updatedSince?: number; cursor?: { updatedAt: number; id: number }; limit: number },
) {
  const conditions = [eq(articles.status, 'published')];
  if (q.locale) conditions.push(eq(articles.locale, q.locale));
  if (q.category) conditions.push(inCategory(q.category));
  if (q.tag) conditions.push(sql`(' ' || ${articles.tags} || ' ') like ${`% ${q.tag} %`}`);
  if (q.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, q.updatedSince));
  if (q.cursor) conditions.push(or(sql`${articles.updatedAt} > ${q.cursor.updatedAt}`, and(eq(articles.updatedAt, q.cursor.updatedAt), sql`${articles.id} > ${q.cursor.id}`))!);
  const rows = db
    .select({ ...listColumns, translationKey: articles.translationKey, publishedAt: articles.publishedAt })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .where(and(...conditions))
    .orderBy(articles.updatedAt, articles.id)
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, next: rows.length > q.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

export function getArticleById(db: Db, id: number) {
  return findArticle(db, eq(articles.id, id));
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
    .leftJoin(parent, eq(parent.id, categories.parentId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(...conditions))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}
