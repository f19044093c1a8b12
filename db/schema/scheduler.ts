import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who runs the periodic jobs now: one row per lease name; a runner holds it until `expires_at` unless it renews. */
export const schedulerLeases = sqliteTable('scheduler_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: integer('acquired_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** The state of each named periodic job: when it runs next, how its last run went, and a cursor it may keep. */
export const scheduledJobs = sqliteTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: integer('next_run_at').notNull().default(0),
  lastStartedAt: integer('last_started_at'),
  lastFinishedAt: integer('last_finished_at'),
  lastOkAt: integer('last_ok_at'),
  lastError: text('last_error'),
  lastResult: text('last_result', { mode: 'json' }).$type<Record<string, number>>(),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  /** A job's own memory between runs (e.g. the last question id a scan reached). */
  state: text('state', { mode: 'json' }).$type<Record<string, unknown>>(),
});
