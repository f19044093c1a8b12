import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['member', 'superuser', 'moderator', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('member'),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    createdAt: integer('created_at').notNull(),
    suspendedUntil: integer('suspended_until'),
    suspendedReason: text('suspended_reason'),
    /** 0 new … 4 leader; derived from activity by community/trust.ts, raised by hand by moderators. */
    trustLevel: integer('trust_level').notNull().default(0),
    /** Published questions and answers, kept by the use cases that publish or remove them. */
    postCount: integer('post_count').notNull().default(0),
    /** Set for members created by the JSONL import (they cannot sign in until they reset a password). */
    sourceId: text('source_id'),
    /** A support lead: reads the KPI reports and gets the weekly digest, whatever the role (admins always can). */
    lead: integer('lead', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    uniqueIndex('users_source_unique').on(t.sourceId),
    // The staff list (agents and admins) on every agent page.
    index('users_role_idx').on(t.role),
    check('users_role_check', sql`${t.role} in ('member','superuser','moderator','agent','admin')`),
  ],
);

/** Session id is the SHA-256 of the token the browser holds; the token itself is never stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    absoluteExpiresAt: integer('absolute_expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const personalAccessTokens = sqliteTable(
  'personal_access_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('pat_hash_unique').on(t.tokenHash), index('pat_user_idx').on(t.userId)],
);

export const passwordResets = sqliteTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** One-time sign-in links mailed to the owner of an account; only the token's SHA-256 is kept. */
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('sign_in_links_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Throttling counters, by key: fixed windows (`count` hits since `window_start`) and growing delays (`count` failures,
 * the last at `window_start`; see rate-limits.ts).
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});
