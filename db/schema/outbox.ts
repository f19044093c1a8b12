import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/** Side effects to run after commit (search indexing, mail, webhooks), written in the same transaction as the change. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topic: text('topic').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    availableAt: integer('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    processedAt: integer('processed_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.processedAt, t.availableAt, t.id)],
);

/** Behavioural facts (page views, suggestion shown/clicked, searches…) that the KPI reports aggregate. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    visitorId: text('visitor_id'),
    userId: integer('user_id').references(() => users.id),
    locale: text('locale'),
    surface: text('surface'),
    subjectType: text('subject_type'),
    subjectId: integer('subject_id'),
    data: text('data', { mode: 'json' }),
  },
  (t) => [index('events_type_time_idx').on(t.type, t.occurredAt)],
);

/** Outgoing mail. Sent through SMTP when configured, otherwise kept here and shown to admins. */
export const mails = sqliteTable(
  'mails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    transport: text('transport'),
  },
  (t) => [index('mails_created_idx').on(t.createdAt)],
);
