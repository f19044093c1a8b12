import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const FLAG_REASONS = ['spam', 'offensive', 'off-topic', 'urgent', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_TARGETS = ['question', 'answer', 'comment'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

/** A member's report on a question, answer or comment; one per member and target. */
export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    targetType: text('target_type', { enum: FLAG_TARGETS }).notNull(),
    targetId: integer('target_id').notNull(),
    /** The thread the target belongs to, for the queue's links. */
    questionId: integer('question_id').notNull(),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: FLAG_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    /** upheld (the content was hidden or removed) or dismissed */
    resolution: text('resolution', { enum: ['upheld', 'dismissed'] }),
  },
  (t) => [
    uniqueIndex('flags_target_reporter_unique').on(t.targetType, t.targetId, t.reporterId),
    index('flags_open_idx').on(t.resolvedAt, t.createdAt),
    check('flags_reason_check', sql`${t.reason} in ('spam','offensive','off-topic','urgent','other')`),
  ],
);

/** The audit log: every moderator action, who, what, when and why. */
export const moderationActions = sqliteTable(
  'moderation_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** null when the system acted (auto-hide at N flags). */
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type', { enum: ['question', 'answer', 'comment', 'user', 'category', 'tag'] }).notNull(),
    targetId: integer('target_id').notNull(),
    reason: text('reason').notNull().default(''),
    data: text('data', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('moderation_actions_time_idx').on(t.createdAt), index('moderation_actions_target_idx').on(t.targetType, t.targetId)],
);
