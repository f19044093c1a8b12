import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { questions } from './community';

/** Members following a thread: they hear about its answers, acceptance and status changes. */
export const follows = sqliteTable(
  'follows',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] }), index('follows_user_idx').on(t.userId)],
);

/** In-app notifications (the bell); mail delivery goes through the mail outbox according to the member's preference. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** e.g. answer.created, answer.accepted, mention, comment.created, moderation.outcome, incident.resolved */
    type: text('type').notNull(),
    questionId: integer('question_id').references(() => questions.id),
    actorId: integer('actor_id').references(() => users.id),
    data: text('data', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
    emailedAt: integer('emailed_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.id),
    // What the mail job still has to look at: rows leave the index once mailed or read.
    index('notifications_unmailed_idx')
      .on(t.id)
      .where(sql`${t.emailedAt} is null and ${t.readAt} is null`),
  ],
);

export const EMAIL_FREQUENCIES = ['instant', 'daily', 'weekly', 'never'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** A member's notification settings; no row = the defaults (instant mail, every type). */
export const notificationPreferences = sqliteTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailFrequency: text('email_frequency', { enum: EMAIL_FREQUENCIES }).notNull().default('instant'),
  /** Notification types the member does not want at all, e.g. ["comment.created"]. */
  mutedTypes: text('muted_types', { mode: 'json' }).$type<string[]>().notNull().default([]),
  lastDigestAt: integer('last_digest_at'),
});
