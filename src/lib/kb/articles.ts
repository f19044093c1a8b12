import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, categories, users } from '../../../db/schema/index';

export function articlePath(article: { locale: string; slug: string }): string {
  return `/${article.locale}/kb/${article.slug}`;
}

export function listPublishedArticles(db: Db, locale: 'es' | 'en', limit = 50) {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      locale: articles.locale,
      title: articles.title,
      summary: articles.summary,
      updatedAt: articles.updatedAt,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articles.locale, locale), eq(articles.status, 'published')))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export function getArticleBySlug(db: Db, locale: 'es' | 'en', slug: string) {
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
      author: users.displayName,
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
    .select({ locale: articles.locale, slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.translationKey, article.translationKey), eq(articles.status, 'published')))
    .all()
    .filter((t) => t.locale !== article.locale);
  return { ...article, translations };
}
