import { z } from 'zod';
import { dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import type { Db } from '../../../db/client';
import type { Actor } from '../auth/sessions';
import { listBadges } from './award-badges';
import { BADGE_CONDITIONS, BADGE_TIERS } from './badges';
import type { LeaderboardEntry } from './leaderboards';
import { memberReputation } from './profile';
import type { RedemptionView, RewardView } from './rewards';
import { LEDGER_REASONS, LEDGER_SOURCES } from './rules';
import { PRIVILEGES } from './settings';
import type { CandidateFigures } from './scoring';

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const localized = z.object({ es: z.string(), en: z.string() });
const tier = z.enum(BADGE_TIERS, { error: 'field.invalid' });
const privilege = z.enum(PRIVILEGES);

export const redemptionShape = z
  .object({
    id: z.int(),
    rewardId: z.int(),
    userId: z.int(),
    kind: z.enum(['redeemed', 'granted']),
    cost: z.int(),
    status: z.enum(['requested', 'fulfilled', 'cancelled']),
    note: z.string(),
    createdAt: dateTime,
    handledAt: dateTime.nullable(),
  })
  .meta({ id: 'Redemption' });

export function redemptionJson(r: RedemptionView): z.output<typeof redemptionShape> {
  return { id: r.id, rewardId: r.rewardId, userId: r.userId, kind: r.kind, cost: r.cost, status: r.status, note: r.note, createdAt: iso(r.createdAt), handledAt: isoOrNull(r.handledAt) };
}

export const memberShape = z
  .object({
    id: z.int(),
    displayName: z.string(),
    role: z.string(),
    superuser: z.boolean(),
    reputation: z.int(),
    rank: z.int().nullable().meta({ description: 'On the all-time leaderboard (staff excluded); null without points' }),
    trustLevel: z.int(),
    balance: z.int().nullable().meta({ description: 'Points left to spend: only to the member and admins' }),
    badges: z.array(
      z.object({ id: z.int(), slug: z.string(), name: localized, tier, subjectId: z.int(), awardedAt: dateTime, revokedAt: dateTime.nullable(), revokeReason: z.string().nullable() }),
    ),
    nextPrivilege: z.object({ privilege, threshold: z.int(), missing: z.int() }).nullable(),
    privileges: z.array(z.object({ privilege, threshold: z.int(), held: z.boolean() })),
    membersOfTheMonth: z.array(z.object({ month: z.string(), locale: localeShape, score: z.int(), figures: z.object({ accepted: z.int(), helpfulVotes: z.int(), rescued: z.int() }) })),
    redemptions: z.array(redemptionShape).nullable().meta({ description: 'Only to the member and admins' }),
  })
  .meta({ id: 'Member' });

export function memberJson(db: Db, viewer: Actor | null, userId: number, now: number): z.output<typeof memberShape> {
  const r = memberReputation(db, viewer, userId, 'en', now);
  const es = new Map(memberReputation(db, viewer, userId, 'es', now).badges.map((b) => [b.id, b.name]));
  return {
    id: r.userId,
    displayName: r.displayName,
    role: r.role,
    superuser: r.role === 'superuser',
    reputation: r.reputation,
    rank: r.rank,
    trustLevel: r.trustLevel,
    balance: r.balance,
    badges: r.badges.map((b) => ({ id: b.id, slug: b.slug, name: { es: es.get(b.id) ?? b.name, en: b.name }, tier: b.tier, subjectId: b.subjectId, awardedAt: iso(b.awardedAt), revokedAt: isoOrNull(b.revokedAt), revokeReason: b.revokeReason })),
    nextPrivilege: r.next,
    privileges: r.privileges,
    membersOfTheMonth: r.membersOfTheMonth.map((m) => ({ month: m.month, locale: m.locale, score: m.score, figures: m.figures })),
    redemptions: r.redemptions?.map(redemptionJson) ?? null,
  };
}

export const ledgerPageShape = pageOf(
  z.object({
    id: z.int(),
    amount: z.int(),
    reason: z.enum(LEDGER_REASONS),
    source: z.enum(LEDGER_SOURCES),
    postId: z.int().nullable(),
    questionId: z.int().nullable(),
    redemptionId: z.int().nullable(),
    note: z.string().meta({ description: '`capped:daily|pair|fingerprint` when an anti-gaming rule cut the gain' }),
    reversesId: z.int().nullable(),
    createdAt: dateTime,
  }),
  z.int().nullable(),
);

type LedgerItem = Omit<z.output<typeof ledgerPageShape>['items'][number], 'createdAt' | 'reason' | 'source'> & { reason: string; source: string; createdAt: number };
export function ledgerPageJson(page: { items: LedgerItem[]; nextCursor: number | null }): z.output<typeof ledgerPageShape> {
  return {
    items: page.items.map((r) => ({ ...r, reason: r.reason as z.output<typeof ledgerPageShape>['items'][number]['reason'], source: r.source as (typeof LEDGER_SOURCES)[number], createdAt: iso(r.createdAt) })),
    nextCursor: page.nextCursor,
  };
}

export const leaderboardShape = z.object({
  scope: z.string().meta({ description: '`all`, `m:YYYY-MM`, `w:YYYY-MM-DD` (Monday), each optionally `|es`/`|en`; `c:<category id>`; `t:<tag id>`' }),
  items: z.array(z.object({ rank: z.int(), userId: z.int(), displayName: z.string(), role: z.string(), points: z.int() })),
  nextCursor: z.string().nullable(),
});

export function leaderboardJson(board: { scope: string; items: LeaderboardEntry[]; nextCursor: string | null }): z.output<typeof leaderboardShape> {
  return { scope: board.scope, items: board.items.map((e) => ({ rank: e.rank, userId: e.userId, displayName: e.displayName, role: e.role, points: e.points })), nextCursor: board.nextCursor };
}

export const badgeListShape = z.object({
  items: z.array(
    z.object({
      id: z.int(),
      slug: z.string(),
      tier,
      name: localized,
      description: localized,
      condition: z.enum(BADGE_CONDITIONS),
      threshold: z.int(),
      windowDays: z.int().nullable(),
      tag: z.string().nullable(),
      category: z.string().nullable(),
      repeatable: z.boolean(),
      awarded: z.int(),
    }),
  ),
});

export const badgeQuerySchema = z.object({ tier: tier.optional().meta({ description: 'Only badges of this tier' }) });

export function badgeListJson(db: Db, query: z.output<typeof badgeQuerySchema>): z.output<typeof badgeListShape> {
  const es = new Map(listBadges(db, 'es').map((b) => [b.id, b]));
  return {
    items: listBadges(db, 'en').filter((b) => !query.tier || b.tier === query.tier).map((b) => ({
      id: b.id,
      slug: b.slug,
      tier: b.tier,
      name: { es: es.get(b.id)!.name, en: b.name },
      description: { es: es.get(b.id)!.description, en: b.description },
      condition: b.condition as (typeof BADGE_CONDITIONS)[number],
      threshold: b.threshold,
      windowDays: b.windowDays,
      tag: b.tag,
      category: b.category,
      repeatable: b.repeatable,
      awarded: b.awarded,
    })),
  };
}

export const badgeCreatedShape = z.object({ id: z.int(), slug: z.string() });
export const idResultShape = z.object({ id: z.int() });

export const rewardShape = z
  .object({
    id: z.int(),
    name: localized,
    description: localized,
    cost: z.int().nullable().meta({ description: 'null: granted by admins only' }),
    stock: z.int().nullable().meta({ description: 'null: unlimited' }),
    activeFrom: dateTime,
    activeUntil: dateTime.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Reward' });

export function rewardJson(r: RewardView): z.output<typeof rewardShape> {
  return { id: r.id, name: { es: r.nameEs, en: r.nameEn }, description: { es: r.descriptionEs, en: r.descriptionEn }, cost: r.cost, stock: r.stock, activeFrom: iso(r.activeFrom), activeUntil: isoOrNull(r.activeUntil), active: r.active };
}

export const rewardListShape = z.object({ items: z.array(rewardShape) });
export const redeemedShape = z.object({ redemptionId: z.int(), balance: z.int() });
export const grantedShape = z.object({ redemptionId: z.int() });
export const redemptionPageShape = pageOf(redemptionShape, z.int().nullable());
export const handledShape = z.object({ id: z.int(), status: z.enum(['fulfilled', 'cancelled']) });

export const candidatesShape = z.object({
  items: z.array(
    z.object({
      userId: z.int(),
      displayName: z.string(),
      accepted: z.int(),
      answers: z.int(),
      helpful: z.int(),
      medianFirstAnswerHours: z.number().nullable(),
      flagsAgainst: z.int(),
      activeDays: z.int(),
      score: z.number(),
    }),
  ),
});

export function candidatesJson(items: (CandidateFigures & { score: number; displayName: string })[]): z.output<typeof candidatesShape> {
  return { items: items.map((c) => ({ userId: c.userId, displayName: c.displayName, accepted: c.accepted, answers: c.answers, helpful: c.helpful, medianFirstAnswerHours: c.medianFirstAnswerHours, flagsAgainst: c.flagsAgainst, activeDays: c.activeDays, score: c.score })) };
}

export const nominatedShape = z.object({ nominationId: z.int() });
export const respondedShape = z.object({ status: z.enum(['probation', 'declined']) });
export const superuserRevokedShape = z.object({ userId: z.int() });
export const nominationAnswerSchema = z.object({ answer: z.enum(['accept', 'decline'], { error: 'field.invalid' }) });
