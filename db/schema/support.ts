import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';
import { articles } from './kb';
import { categories } from './community';

export const CONTACT_REQUEST_STATUSES = ['open', 'closed'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

/**
 * A message to support from the contact form: what the customer sends when self-service did not help.
 * The case workflow (SLAs, assignment) builds on these rows; the reference shown to the customer derives from the id.
 */
export const contactRequests = sqliteTable(
  'contact_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    locale: text('locale', { enum: LOCALES }).notNull(),
    userId: integer('user_id').references(() => users.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    /** The article whose "no, this did not help" led here, if any. */
    articleId: integer('article_id').references(() => articles.id),
    visitorId: text('visitor_id'),
    status: text('status', { enum: CONTACT_REQUEST_STATUSES }).notNull().default('open'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('contact_requests_status_idx').on(t.status, t.id),
    check('contact_requests_status_check', sql`${t.status} in ('open','closed')`),
  ],
);
