import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/** Every search: the fact behind zero-result and search-success KPIs. */
export const searchEvents = sqliteTable(
  'search_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    occurredAt: integer('occurred_at').notNull(),
    /** Lowercased, accent-folded, whitespace-collapsed query. */
    query: text('query').notNull(),
    resultCount: integer('result_count').notNull(),
    locale: text('locale'),
    /** site | ask_form | contact_form | widget | api */
    surface: text('surface').notNull(),
    visitorId: text('visitor_id'),
    userId: integer('user_id').references(() => users.id),
    tookMs: integer('took_ms'),
  },
  (t) => [index('search_events_time_idx').on(t.occurredAt), index('search_events_query_idx').on(t.query, t.occurredAt)],
);

export const searchClicks = sqliteTable(
  'search_clicks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    searchEventId: integer('search_event_id')
      .notNull()
      .references(() => searchEvents.id),
    occurredAt: integer('occurred_at').notNull(),
    docType: text('doc_type').notNull(),
    docId: integer('doc_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('search_clicks_event_idx').on(t.searchEventId)],
);
