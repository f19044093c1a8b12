import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';
import { categories } from './community';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    translationKey: text('translation_key').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    tags: text('tags').notNull().default(''),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    authorId: integer('author_id').references(() => users.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    reviewBy: integer('review_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    publishedAt: integer('published_at'),
  },
  (t) => [
    uniqueIndex('articles_locale_slug_unique').on(t.locale, t.slug),
    uniqueIndex('articles_translation_unique').on(t.translationKey, t.locale),
    index('articles_status_idx').on(t.status, t.locale, t.updatedAt),
    check('articles_status_check', sql`${t.status} in ('draft','in_review','published','archived')`),
  ],
);

export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMd: text('body_md').notNull(),
    authorId: integer('author_id').references(() => users.id),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('article_revisions_unique').on(t.articleId, t.revision)],
);
