import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { categories } from './community';

export const DEFLECTION_EVENT_TYPES = ['suggestion_shown', 'suggestion_opened', 'confirmed', 'form_reached', 'form_abandoned', 'form_submitted'] as const;
export type DeflectionEventType = (typeof DEFLECTION_EVENT_TYPES)[number];

/** Where a deflection event happened (the channel of the reports). */
export const DEFLECTION_SURFACES = ['site', 'widget', 'ask_form', 'contact_form', 'search', 'article', 'not_found'] as const;
export type DeflectionSurface = (typeof DEFLECTION_SURFACES)[number];

/**
 * The facts of deflection: what a visitor was shown, opened and confirmed, and which forms they reached, left or sent.
 * One row per suggestion shown (its rank and the query), per opening, per confirmation, per form reached, abandoned or
 * submitted. No personal data: a random visitor id (cookie, or the widget's) and the member id of signed-in members.
 * `session_id` groups a visitor's events until 30 minutes of inactivity (src/lib/deflection/sessions.ts).
 */
export const deflectionEvents = sqliteTable(
  'deflection_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    occurredAt: integer('occurred_at').notNull(),
    type: text('type', { enum: DEFLECTION_EVENT_TYPES }).notNull(),
    visitorId: text('visitor_id'),
    memberId: integer('member_id').references(() => users.id),
    sessionId: text('session_id'),
    surface: text('surface', { enum: DEFLECTION_SURFACES }).notNull(),
    locale: text('locale'),
    categoryId: integer('category_id').references(() => categories.id),
    /** The article or thread shown, opened or confirmed (confirmations are credited to it). */
    subjectType: text('subject_type', { enum: ['article', 'question'] }),
    subjectId: integer('subject_id'),
    /** What the visitor had typed, as the reports group it (lowercase, accents folded, at most 200 characters). */
    query: text('query'),
    /** 1-based position of the subject in the suggestions shown. */
    rank: integer('rank'),
    data: text('data', { mode: 'json' }),
    /** The id a browser gave the event: a batch sent again is recorded once. */
    clientEventId: text('client_event_id'),
  },
  (t) => [
    index('deflection_events_time_idx').on(t.occurredAt),
    index('deflection_events_type_time_idx').on(t.type, t.occurredAt),
    index('deflection_events_visitor_idx').on(t.visitorId, t.occurredAt),
    index('deflection_events_member_idx').on(t.memberId, t.occurredAt),
    index('deflection_events_session_idx').on(t.sessionId),
    index('deflection_events_subject_idx').on(t.subjectType, t.subjectId, t.type),
    uniqueIndex('deflection_events_client_id_idx').on(t.clientEventId),
    check('deflection_events_type_check', sql`${t.type} in ('suggestion_shown','suggestion_opened','confirmed','form_reached','form_abandoned','form_submitted')`),
  ],
);

/** The admin's deflection settings: one row (id 1); missing means the defaults of src/lib/deflection/settings.ts. */
export const deflectionSettings = sqliteTable(
  'deflection_settings',
  {
    id: integer('id').primaryKey(),
    /** JSON array of origins (`https://shop.example.com`) allowed to embed the widget and call the API from a browser. */
    widgetOrigins: text('widget_origins', { mode: 'json' }).$type<string[]>().notNull(),
    /** JSON array of the surfaces switched off. */
    disabledSurfaces: text('disabled_surfaces', { mode: 'json' }).$type<string[]>().notNull(),
    suggestionCount: integer('suggestion_count').notNull(),
    /** What one case costs the support team, in cents of `currency` (the reports' cost avoided). */
    costPerCaseCents: integer('cost_per_case_cents').notNull(),
    currency: text('currency').notNull(),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [check('deflection_settings_single_row', sql`${t.id} = 1`)],
);
