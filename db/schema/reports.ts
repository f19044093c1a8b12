import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Rollups of the KPI reports: derived from the fact tables, never edited by hand, rebuilt from scratch by
 * `npm run kpis -- rebuild` (src/lib/reports/rollups.ts). A report reads these instead of scanning the facts.
 */

/**
 * One row per published question: when it was asked and first answered (by someone other than the asker) and
 * accepted, and by whom (responder type). Kept by the outbox on every `question.changed`.
 */
export const kpiQuestionFacts = sqliteTable(
  'kpi_question_facts',
  {
    questionId: integer('question_id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    locale: text('locale').notNull(),
    categoryId: integer('category_id').notNull(),
    firstAnswerAt: integer('first_answer_at'),
    firstAnswerBy: text('first_answer_by'),
    acceptedAt: integer('accepted_at'),
    acceptedBy: text('accepted_by'),
  },
  // Covers every column the reports read of a range's questions: one pass over the index, no lookup per question.
  (t) => [index('kpi_question_facts_time_idx').on(t.createdAt, t.locale, t.categoryId, t.firstAnswerAt, t.firstAnswerBy, t.acceptedAt, t.acceptedBy)],
);

/**
 * Daily counters per dimension: `metric` on the UTC day starting at `day`, for one locale (or ''), category (or 0)
 * and channel (or ''). Additive, so a range is the sum of its days.
 */
export const kpiDaily = sqliteTable(
  'kpi_daily',
  {
    metric: text('metric').notNull(),
    day: integer('day').notNull(),
    locale: text('locale').notNull().default(''),
    categoryId: integer('category_id').notNull().default(0),
    channel: text('channel').notNull().default(''),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.day, t.locale, t.categoryId, t.channel] })],
);

/** Who viewed an article or thread on a day (a visitor id, member or hashed address key): unique visitors of a range. */
export const kpiVisitorDays = sqliteTable(
  'kpi_visitor_days',
  {
    day: integer('day').notNull(),
    visitorKey: text('visitor_key').notNull(),
    locale: text('locale').notNull().default(''),
    categoryId: integer('category_id').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.visitorKey, t.locale, t.categoryId] })],
);

/** How far the incremental rollup has read each append-only fact table (the last id taken in). */
export const kpiProgress = sqliteTable('kpi_progress', {
  source: text('source').primaryKey(),
  lastId: integer('last_id').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Visitor keys of kpi_visitor_days as small integers, so a day's visitors pack into a set (kpi_visitor_sets). */
export const kpiVisitors = sqliteTable('kpi_visitors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  visitorKey: text('visitor_key').notNull().unique(),
});

/**
 * The visitors of a closed UTC day per locale and category, packed: `members` holds their kpi_visitors ids, sorted,
 * as 32-bit little-endian integers. Unique visitors of a range are the union of its days' sets (exact: a union is
 * not a sum of daily counts), read instead of a `count(distinct)` over kpi_visitor_days. Days from `sealed_until`
 * (kpi_progress 'visitor_sets') on are read from kpi_visitor_days.
 */
export const kpiVisitorSets = sqliteTable(
  'kpi_visitor_sets',
  {
    day: integer('day').notNull(),
    locale: text('locale').notNull(),
    categoryId: integer('category_id').notNull(),
    size: integer('size').notNull(),
    members: blob('members', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.locale, t.categoryId] })],
);

/**
 * Deflection days not final yet whose sessions have all ended (deflection-kpis.ts refreshDeflectionPartial): their
 * counts per group, which no later event can change. Whether their confirmations failed is still open (a question or
 * case within 7 days): each confirmation is kept in kpi_deflection_confirmations and judged when a report is read.
 */
export const kpiDeflectionPartial = sqliteTable(
  'kpi_deflection_partial',
  {
    day: integer('day').notNull(),
    locale: text('locale').notNull(),
    categoryId: integer('category_id').notNull(),
    channel: text('channel').notNull(),
    formSessions: integer('form_sessions').notNull(),
    confirmations: integer('confirmations').notNull(),
    confirmationsOnForms: integer('confirmations_on_forms').notNull(),
    implicitDeflections: integer('implicit_deflections').notNull(),
    /** The funnel's stages past reaching a form (content-kpis.ts sessionFunnel). */
    funnelSaw: integer('funnel_saw').notNull(),
    funnelOpened: integer('funnel_opened').notNull(),
    funnelConfirmed: integer('funnel_confirmed').notNull(),
    funnelSubmitted: integer('funnel_submitted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.locale, t.categoryId, t.channel] })],
);

/** The confirmations of the sessions counted in kpi_deflection_partial: when, by whom, in which group. */
export const kpiDeflectionConfirmations = sqliteTable(
  'kpi_deflection_confirmations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    day: integer('day').notNull(),
    locale: text('locale').notNull(),
    categoryId: integer('category_id').notNull(),
    channel: text('channel').notNull(),
    at: integer('at').notNull(),
    visitorId: text('visitor_id'),
    memberId: integer('member_id'),
  },
  (t) => [index('kpi_deflection_confirmations_day_idx').on(t.day)],
);
