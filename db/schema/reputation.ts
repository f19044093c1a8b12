import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';

/** Weights, caps and privilege thresholds edited by admins (one row, JSON validated by reputation/settings.ts). */
export const reputationSettings = sqliteTable('reputation_settings', {
  id: integer('id').primaryKey(),
  data: text('data', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/**
 * Every change of a member's points is a row (a fact table: UTC ms, locale, category). Undoing writes a reversing row
 * (`reverses_id`) and marks the reversed one (`reversed_by`); nothing is updated in place otherwise.
 */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    source: text('source', { enum: ['post', 'vote', 'acceptance', 'article', 'reward', 'adjustment'] }).notNull(),
    /** The post that earned the points (the answer for an acceptance, the question for the asker's accept). */
    postId: integer('post_id'),
    questionId: integer('question_id'),
    /** Who caused it: the voter, the accepter, the moderator, the admin. */
    actorId: integer('actor_id'),
    redemptionId: integer('redemption_id'),
    locale: text('locale', { enum: LOCALES }),
    categoryId: integer('category_id'),
    /** Why a gain was cut (daily, pair, fingerprint) or a moderator's note. */
    note: text('note').notNull().default(''),
    reversesId: integer('reverses_id'),
    reversedBy: integer('reversed_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('points_ledger_user_idx').on(t.userId, t.createdAt),
    index('points_ledger_post_idx').on(t.postId),
  ],
);

/**
 * Points per member and scope. `all` (reputation) and `balance` (reputation less rewards spent) move in the same
 * transaction as the ledger rows; the ranking scopes `m:YYYY-MM`, `w:YYYY-MM-DD` (each also with `|es` / `|en` for the
 * post's language), `c:<category id>`, `t:<tag id>` follow right after commit, in batches (reputation_progress). Rebuilt from the ledger by `npm run reputation -- recalc`.
 * The migration makes it WITHOUT ROWID (drizzle cannot say so): one b-tree fewer to write per score on every vote.
 */
export const reputationScores = sqliteTable(
  'reputation_scores',
  {
    scope: text('scope').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    points: integer('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.userId] }), index('reputation_scores_rank_idx').on(t.scope, t.points, t.userId)],
);

/**
 * How many members (staff excluded) have an `all` score in each band of 16 points (`band` = points >> 4), kept exact
 * by triggers on reputation_scores and users (hand-written in migration 0016_rank_bands): a member's rank adds the
 * bands above theirs to a count of their own band's scores instead of counting every score above theirs.
 */
export const rankBands = sqliteTable('rank_bands', {
  band: integer('band').primaryKey(),
  members: integer('members').notNull(),
});

/**
 * The version of what a member's page lists (their latest questions, answers and accepted answers, and their badges):
 * triggers (hand-written in migration 0017_member_page_lists) bump it in the transaction of every change to those
 * facts, whatever writes them. No row: version 0.
 */
export const memberListVersions = sqliteTable('member_list_versions', {
  userId: integer('user_id').primaryKey(),
  version: integer('version').notNull(),
});

/**
 * A member page's lists as the page writes them, per language: HTML rendered from the facts at `version` by the
 * markup whose `fingerprint` it records (components/reputation/member-lists.ts). Used only while both still hold.
 */
export const memberPageLists = sqliteTable(
  'member_page_lists',
  {
    userId: integer('user_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    version: integer('version').notNull(),
    fingerprint: text('fingerprint').notNull(),
    gold: integer('gold').notNull(),
    silver: integer('silver').notNull(),
    bronze: integer('bronze').notNull(),
    badges: text('badges').notNull(),
    questions: text('questions').notNull(),
    accepted: text('accepted').notNull(),
    answers: text('answers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.locale] })],
);

/** How far the ranking scopes (everything but `all` and `balance`) have taken the ledger in: one row. */
export const reputationProgress = sqliteTable('reputation_progress', {
  id: integer('id').primaryKey(),
  appliedLedgerId: integer('applied_ledger_id').notNull(),
});

export const BADGE_TIER_VALUES = ['bronze', 'silver', 'gold'] as const;

export const badgeRules = sqliteTable(
  'badge_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionEs: text('description_es').notNull(),
    descriptionEn: text('description_en').notNull(),
    tier: text('tier', { enum: BADGE_TIER_VALUES }).notNull(),
    condition: text('condition').notNull(),
    threshold: integer('threshold').notNull(),
    windowDays: integer('window_days'),
    tag: text('tag'),
    category: text('category'),
    repeatable: integer('repeatable', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('badge_rules_slug_unique').on(t.slug), check('badge_rules_threshold_check', sql`${t.threshold} > 0`)],
);

/** A badge a member holds; `subject_id` tells repeated awards apart (0 once-only, nth time, post or tag id). */
export const memberBadges = sqliteTable(
  'member_badges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => badgeRules.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    subjectId: integer('subject_id').notNull().default(0),
    awardedAt: integer('awarded_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [uniqueIndex('member_badges_unique').on(t.ruleId, t.userId, t.subjectId), index('member_badges_user_idx').on(t.userId, t.awardedAt)],
);

export const rewards = sqliteTable(
  'rewards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionEs: text('description_es').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    /** Points to redeem; null for grant-only rewards. */
    cost: integer('cost'),
    /** Items left; null for unlimited. */
    stock: integer('stock'),
    activeFrom: integer('active_from').notNull(),
    activeUntil: integer('active_until'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [check('rewards_stock_check', sql`${t.stock} is null or ${t.stock} >= 0`), check('rewards_cost_check', sql`${t.cost} is null or ${t.cost} > 0`)],
);

export const REDEMPTION_STATUSES = ['requested', 'fulfilled', 'cancelled'] as const;

export const redemptions = sqliteTable(
  'redemptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    rewardId: integer('reward_id')
      .notNull()
      .references(() => rewards.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['redeemed', 'granted'] }).notNull(),
    cost: integer('cost').notNull().default(0),
    status: text('status', { enum: REDEMPTION_STATUSES }).notNull().default('requested'),
    note: text('note').notNull().default(''),
    grantedBy: integer('granted_by').references(() => users.id),
    handledBy: integer('handled_by').references(() => users.id),
    handledAt: integer('handled_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('redemptions_user_idx').on(t.userId, t.createdAt), index('redemptions_status_idx').on(t.status, t.createdAt)],
);

export const NOMINATION_STATUSES = ['nominated', 'declined', 'probation', 'active', 'revoked'] as const;

export const superuserNominations = sqliteTable(
  'superuser_nominations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    nominatedBy: integer('nominated_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: NOMINATION_STATUSES }).notNull(),
    score: real('score'),
    figures: text('figures', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    respondedAt: integer('responded_at'),
    probationUntil: integer('probation_until'),
    revokedAt: integer('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('superuser_nominations_user_idx').on(t.userId, t.createdAt), index('superuser_nominations_status_idx').on(t.status)],
);

/** The most influential member of each month per locale (history). */
export const membersOfTheMonth = sqliteTable(
  'members_of_the_month',
  {
    month: text('month').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    figures: text('figures', { mode: 'json' }).notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.locale] })],
);

/** Hashed visitor ids and IP addresses a member was seen with (anti-gaming: sock-puppet votes). */
export const memberSightings = sqliteTable(
  'member_sightings',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['visitor', 'ip'] }).notNull(),
    valueHash: text('value_hash').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.valueHash] }), index('member_sightings_value_idx').on(t.kind, t.valueHash, t.seenAt)],
);
