import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { answers, questions, users } from '../../../db/schema/index';
import { canSkipPremoderation, effectiveTrustLevel } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { consume, type Limit } from '../rate-limits/rate-limits';
import { countExternalLinks } from '../markdown';
import { reputationOf } from '../reputation/ledger';
import { trustLevelFrom } from '../reputation/rules';

/** What the anti-abuse rules know about a member besides their role. */
export interface Standing {
  createdAt: number;
  postCount: number;
  trustLevel: number;
  /** Reputation (points ledger); absent = 0. */
  reputation?: number;
}

const DAY = 24 * 3600 * 1000;
/** The first posts of a new account wait for a moderator. */
export const PREMODERATED_POSTS = 2;

const standingQueries = preparedPerConnection((db) => ({
  byUser: db
    .select({ createdAt: users.createdAt, postCount: users.postCount, trustLevel: users.trustLevel, reputation: reputationOf(users.id) })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare(),
}));

export function loadStanding(db: Db, userId: number): Standing {
  const row = standingQueries(db).byUser.get({ userId });
  if (!row) throw new DomainError('UNAUTHORIZED', 'Your account no longer exists.');
  return row;
}

/** Accounts younger than this have their first PREMODERATED_POSTS posts approved by a moderator. */
export const NEW_ACCOUNT_MS = 7 * DAY;

/**
 * Trust level from age, activity and reputation (reputation/rules.trustLevelFrom). A level set by hand (stored) is a
 * floor; roles raise it (permissions.effectiveTrustLevel).
 */
export function trustLevelOf(actor: Pick<Actor, 'role'>, standing: Standing, now: number): number {
  const derived = trustLevelFrom({ ageMs: now - standing.createdAt, postCount: standing.postCount, reputation: standing.reputation ?? 0 });
  return effectiveTrustLevel(actor, Math.max(derived, standing.trustLevel));
}

export function needsPremoderation(actor: Pick<Actor, 'role'>, standing: Standing, now: number): boolean {
  return (
    !canSkipPremoderation(actor) && standing.trustLevel === 0 && now - standing.createdAt < NEW_ACCOUNT_MS && standing.postCount < PREMODERATED_POSTS
  );
}

export type PostingKind = 'question' | 'answer' | 'comment' | 'flag';

/** Limits per trust level (index 0…4); every limit of the level applies. */
export const POSTING_LIMITS: Record<PostingKind, Limit[][]> = {
  question: [
    [
      { max: 1, windowMs: 2 * 60_000 },
      { max: 3, windowMs: DAY },
    ],
    [
      { max: 5, windowMs: 10 * 60_000 },
      { max: 30, windowMs: DAY },
    ],
    [{ max: 20, windowMs: 3600_000 }],
    [{ max: 60, windowMs: 3600_000 }],
    [],
  ],
  answer: [
    [
      { max: 1, windowMs: 60_000 },
      { max: 10, windowMs: DAY },
    ],
    [{ max: 5, windowMs: 60_000 }],
    [{ max: 30, windowMs: 3600_000 }],
    [{ max: 120, windowMs: 3600_000 }],
    [],
  ],
  comment: [
    [
      { max: 1, windowMs: 20_000 },
      { max: 20, windowMs: DAY },
    ],
    [{ max: 10, windowMs: 60_000 }],
    [{ max: 60, windowMs: 3600_000 }],
    [{ max: 200, windowMs: 3600_000 }],
    [],
  ],
  flag: [[{ max: 5, windowMs: DAY }], [{ max: 20, windowMs: DAY }], [{ max: 50, windowMs: DAY }], [{ max: 100, windowMs: DAY }], []],
};

/** Counts one post against the member's limits; throws RATE_LIMITED (with Retry-After seconds) at a boundary. */
export function consumePostingLimit(db: Db, actor: Actor, kind: PostingKind, trustLevel: number, now: number): void {
  const limits = POSTING_LIMITS[kind][Math.min(4, trustLevel)] ?? [];
  for (const limit of limits) consume(db, `${kind}:${limit.windowMs}:${actor.id}`, limit, now);
}

/** Links a new member may put in one post (spam control). */
export const LINK_LIMITS = [1, 5] as const;

export function checkLinkLimit(markdown: string, trustLevel: number, field = 'body'): void {
  const max = LINK_LIMITS[trustLevel as 0 | 1];
  if (max !== undefined && countExternalLinks(markdown) > max) {
    throw new DomainError('INVALID', 'Too many links for a new member.', { [field]: 'field.tooManyLinks' });
  }
}

/** Text another member posted within this window is refused as a duplicate (copy-paste spam across accounts). */
export const DUPLICATE_CONTENT_WINDOW_MS = DAY;

export function checkDuplicateContent(db: Db, kind: 'question' | 'answer', hash: string, authorId: number, now: number): void {
  const since = now - DUPLICATE_CONTENT_WINDOW_MS;
  const table = kind === 'question' ? questions : answers;
  const found = db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.contentHash, hash), gt(table.createdAt, since), ne(table.authorId, authorId)))
    .get();
  if (found) throw new DomainError('CONFLICT', 'The same text was posted recently.', { body: 'field.duplicateContent' });
}
