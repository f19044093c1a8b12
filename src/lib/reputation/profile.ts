import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { equalsBound, inOneRead, preparedPerConnection } from '../../../db/prepared';
import { pointsLedger, reputationSettings, superuserNominations, users } from '../../../db/schema/index';
import { canManageReputation, canManageSuperusers, canUsePrivilege, canViewLedger } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { readMemberLists, readMemberSummary, type MemberLists, type MemberSummary } from '../community/member-profile';
import { loadStanding, trustLevelOf } from '../community/standing';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { badgesOf, type MemberBadge } from './award-badges';
import { membersOfTheMonthHistory, type MemberOfTheMonth } from './jobs';
import { rankOf } from './leaderboards';
import { loadSettings, memberPoints } from './ledger';
import { storedPageLists, type PageListsHtml } from './page-lists';
import { nextPrivilege, privilegeLadder } from './privileges';
import { listRedemptions, type RedemptionView } from './rewards';
import { settingsSchema, type Privilege, type ReputationSettings } from './settings';

export interface MemberReputation {
  userId: number;
  displayName: string;
  role: string;
  reputation: number;
  /** Points left to spend: only for the member and staff who manage rewards. */
  balance: number | null;
  rank: number | null;
  trustLevel: number;
  badges: MemberBadge[];
  badgeCounts: Record<'gold' | 'silver' | 'bronze', number>;
  privileges: { privilege: Privilege; threshold: number; held: boolean }[];
  next: { privilege: Privilege; threshold: number; missing: number } | null;
  /** The member's own redemptions (and for admins). */
  redemptions: RedemptionView[] | null;
  /** An open nomination the member can answer (only to the member). */
  nomination: { id: number; createdAt: number } | null;
  membersOfTheMonth: MemberOfTheMonth[];
  /** Revoked badges are listed to moderators, with their reasons. */
  canRevokeBadges: boolean;
}

const memberQueries = preparedPerConnection((db: Db) => ({
  member: db
    .select({ id: users.id, displayName: users.displayName, role: users.role, suspendedUntil: users.suspendedUntil, locale: users.locale })
    .from(users)
    .where(equalsBound(users.id, sql.placeholder('userId')))
    .prepare(),
}));

/** The member's row the reputation is read for (the profile's, on the member page). */
type MemberRow = Pick<Actor, 'id' | 'displayName' | 'role' | 'suspendedUntil' | 'locale'>;

/** What the profile and the members API show about a member's reputation, in a handful of queries. */
export function memberReputation(db: Db, viewer: Actor | null, userId: number, locale: 'es' | 'en', now: number): MemberReputation {
  return inOneRead(db, () => {
    const member = memberQueries(db).member.get({ userId });
    if (!member) throw new DomainError('NOT_FOUND', 'No such member.');
    return readMemberReputation(db, viewer, member, locale, now);
  });
}

/** What the member page shows: its header, the reputation, and its lists as stored or, when none hold, as read now. */
export interface MemberPageView {
  profile: MemberSummary;
  rep: MemberReputation;
  /** The lists stored for the reader's language and `fingerprint` at the member's list version (page-lists.ts). */
  stored: PageListsHtml | null;
  /** The lists read now (with the badges `rep` lists) when none are stored, and always for moderators. */
  lists: (MemberLists & { badges: MemberBadge[] }) | null;
}

/**
 * The member page's facts, read in one read transaction; null for no such member. Stored lists serve every reader but
 * moderators (who see revoked badges and revoke forms): `rep.badges` is then empty and its counts are the stored ones.
 */
export function memberPageView(db: Db, viewer: Actor | null, userId: number, locale: 'es' | 'en', now: number, fingerprint: string): MemberPageView | null {
  return inOneRead(db, () => {
    const profile = readMemberSummary(db, userId);
    if (!profile) return null;
    const stored = canManageSuperusers(viewer, now) ? null : storedPageLists(db, userId, locale, profile.listVersion, fingerprint);
    const rep = readMemberReputation(db, viewer, profile, locale, now, stored === null);
    if (stored) return { profile, rep: { ...rep, badgeCounts: stored.badgeCounts }, stored, lists: null };
    return { profile, rep, stored: null, lists: { ...readMemberLists(db, profile), badges: rep.badges } };
  });
}

function readMemberReputation(db: Db, viewer: Actor | null, member: MemberRow, locale: 'es' | 'en', now: number, withBadges = true): MemberReputation {
  const userId = member.id;
  const settings = loadSettings(db);
  const self = viewer?.id === userId;
  const moderator = canManageSuperusers(viewer, now);
  const admin = canManageReputation(viewer, now);
  const standing = loadStanding(db, userId);
  const reputation = standing.reputation ?? 0;
  const badges = withBadges ? badgesOf(db, userId, locale, { includeRevoked: moderator }) : [];
  const asActor: Actor = { id: member.id, email: '', displayName: member.displayName, role: member.role, locale: member.locale, suspendedUntil: member.suspendedUntil };
  const privileges = privilegeLadder(settings.thresholds).map((s) => ({ ...s, held: canUsePrivilege(asActor, s.privilege, { reputation, thresholds: settings.thresholds }, now) }));
  const badgeCounts = { gold: 0, silver: 0, bronze: 0 };
  for (const b of badges) if (b.revokedAt === null) badgeCounts[b.tier]++;
  const open = self
    ? db
        .select({ id: superuserNominations.id, createdAt: superuserNominations.createdAt })
        .from(superuserNominations)
        .where(and(eq(superuserNominations.userId, userId), eq(superuserNominations.status, 'nominated')))
        .get()
    : undefined;
  return {
    userId,
    displayName: member.displayName,
    role: member.role,
    reputation,
    balance: self || admin ? memberPoints(db, userId).balance : null,
    rank: rankOf(db, userId, reputation),
    trustLevel: trustLevelOf(asActor, standing, now),
    badges,
    badgeCounts,
    privileges,
    next: member.role === 'member' ? nextPrivilege(reputation, settings.thresholds) : null,
    redemptions: self || admin ? listRedemptions(db, locale, { limit: 20 }, { userId }).items : null,
    nomination: open ?? null,
    membersOfTheMonth: membersOfTheMonthHistory(db, { userId }),
    canRevokeBadges: moderator,
  };
}

export const ledgerQuerySchema = z.object({
  cursor: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }).optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1, { error: 'field.invalid' }).max(100, { error: 'field.invalid' }).default(50),
});

/** A member's ledger, newest first, keyset-paged on id (the member and moderators). */
export function ledgerOf(db: Db, viewer: Actor | null, userId: number, input: unknown, now: number) {
  const q = parseInput(ledgerQuerySchema, input);
  if (!viewer) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canViewLedger(viewer, userId, now)) throw new DomainError('FORBIDDEN', 'Only the member and moderators see this ledger.');
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new DomainError('NOT_FOUND', 'No such member.');
  const rows = db
    .select({
      id: pointsLedger.id,
      amount: pointsLedger.amount,
      reason: pointsLedger.reason,
      source: pointsLedger.source,
      postId: pointsLedger.postId,
      questionId: pointsLedger.questionId,
      redemptionId: pointsLedger.redemptionId,
      note: pointsLedger.note,
      reversesId: pointsLedger.reversesId,
      createdAt: pointsLedger.createdAt,
    })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), q.cursor ? lt(pointsLedger.id, q.cursor) : undefined))
    .orderBy(desc(pointsLedger.id))
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { items: rows, nextCursor: more ? (rows.at(-1)?.id ?? null) : null };
}

/** Form fields named `weights.answerUpvoted`, `thresholds.flag`… become the nested settings object. */
function nest(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    const [group, field] = k.split('.');
    if (field && (group === 'weights' || group === 'thresholds')) ((out[group] ??= {}) as Record<string, unknown>)[field] = v;
    else if (!field) out[k] = v;
  }
  return out;
}

/** Admins change weights, caps and privilege thresholds; every field is validated, nothing is saved on an error. */
export function saveReputationSettings(db: Db, actor: Actor | null, input: unknown, now: number): ReputationSettings {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageReputation(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins change reputation settings.');
  const data = parseInput(settingsSchema, nest(input));
  db.insert(reputationSettings)
    .values({ id: 1, data, updatedAt: now, updatedBy: actor.id })
    .onConflictDoUpdate({ target: reputationSettings.id, set: { data, updatedAt: now, updatedBy: actor.id } })
    .run();
  return data;
}

