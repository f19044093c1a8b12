import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';
import { categories, questions } from './community';

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
    /** The thread this article was promoted from (accepted answer → KB draft). */
    sourceQuestionId: integer('source_question_id').references(() => questions.id),
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

/** "Was this helpful?" votes: one per visitor (anonymous visitor id or member) per article. */
export const articleFeedback = sqliteTable(
  'article_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id),
    /** `u:<userId>` for members, `v:<visitorId>` for anonymous visitors. */
    voterKey: text('voter_key').notNull(),
    userId: integer('user_id').references(() => users.id),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('article_feedback_voter_unique').on(t.articleId, t.voterKey), index('article_feedback_time_idx').on(t.articleId, t.createdAt)],
);

export const INCIDENT_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** Known issues / service status posted by admins (proactive service). */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    titleEs: text('title_es').notNull(),
    titleEn: text('title_en').notNull(),
    bodyEsMd: text('body_es_md').notNull().default(''),
    bodyEnMd: text('body_en_md').notNull().default(''),
    bodyEsHtml: text('body_es_html').notNull().default(''),
    bodyEnHtml: text('body_en_html').notNull().default(''),
    severity: text('severity', { enum: INCIDENT_SEVERITIES }).notNull(),
    startsAt: integer('starts_at').notNull(),
    resolvedAt: integer('resolved_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('incidents_active_idx').on(t.resolvedAt, t.startsAt)],
);

export const incidentCategories = sqliteTable(
  'incident_categories',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.categoryId] })],
);

export const questionIncidents = sqliteTable(
  'question_incidents',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    linkedBy: integer('linked_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.incidentId] }), index('question_incidents_incident_idx').on(t.incidentId)],
);
