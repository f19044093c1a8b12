import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { redemptions, rewards, users } from '../../../db/schema/index';
import { canManageReputation, canRedeemRewards } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { memberPoints, writeEntry } from './ledger';

const blankToNull = (v: unknown) => (v === '' || v === undefined || v === null ? null : v);
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    blankToNull,
    z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(min, { error: 'reputation.tooSmall' }).max(max, { error: 'reputation.tooBig' }).nullable(),
  );
/** A date (`YYYY-MM-DD`, UTC midnight) or an epoch-ms number. */
const optionalDate = z.preprocess(
  (v) => {
    const b = blankToNull(v);
    if (typeof b === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(b)) return Date.parse(`${b}T00:00:00Z`);
    return b;
  },
  z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(0, { error: 'field.invalid' }).max(8_640_000_000_000, { error: 'field.invalid' }).nullable(),
);

export const rewardSchema = z
  .object({
    nameEs: z.string().trim().min(1, { error: 'field.required' }).max(80, { error: 'field.tooLong' }),
    nameEn: z.string().trim().min(1, { error: 'field.required' }).max(80, { error: 'field.tooLong' }),
    descriptionEs: z.string().trim().max(500, { error: 'field.tooLong' }).default(''),
    descriptionEn: z.string().trim().max(500, { error: 'field.tooLong' }).default(''),
    /** Empty: grant-only. */
    cost: optionalInt(1, 1_000_000),
    /** Empty: unlimited. */
    stock: optionalInt(0, 1_000_000),
    activeFrom: optionalDate,
    activeUntil: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (r.activeFrom !== null && r.activeUntil !== null && r.activeUntil <= r.activeFrom) ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: 'reward.untilBeforeFrom' });
  });

export type RewardRow = typeof rewards.$inferSelect;

export interface RewardView {
  id: number;
  name: string;
  description: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  cost: number | null;
  stock: number | null;
  activeFrom: number;
  activeUntil: number | null;
  active: boolean;
}

export function isRewardActive(r: Pick<RewardRow, 'activeFrom' | 'activeUntil'>, now: number): boolean {
  return r.activeFrom <= now && (r.activeUntil === null || now < r.activeUntil);
}

function view(r: RewardRow, locale: 'es' | 'en', now: number): RewardView {
  return {
    ...r,
    name: locale === 'es' ? r.nameEs : r.nameEn,
    description: locale === 'es' ? r.descriptionEs : r.descriptionEn,
    active: isRewardActive(r, now),
  };
}

function requireAdmin(actor: Actor | null, now: number): Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageReputation(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins manage rewards.');
  return actor;
}

export function createReward(db: Db, actor: Actor | null, input: unknown, now: number): RewardView {
  requireAdmin(actor, now);
  const data = parseInput(rewardSchema, input);
  const row = db
    .insert(rewards)
    .values({ ...data, activeFrom: data.activeFrom ?? now, createdAt: now })
    .returning()
    .get();
  return view(row, actor!.locale, now);
}

export function updateReward(db: Db, actor: Actor | null, id: number, input: unknown, now: number): RewardView {
  requireAdmin(actor, now);
  const data = parseInput(rewardSchema, input);
  const row = db
    .update(rewards)
    .set({ ...data, activeFrom: data.activeFrom ?? now })
    .where(eq(rewards.id, id))
    .returning()
    .get();
  if (!row) throw new DomainError('NOT_FOUND', 'No such reward.');
  return view(row, actor!.locale, now);
}

/** The catalog: active rewards for members; every reward for admins (`all`). */
export function listRewards(db: Db, locale: 'es' | 'en', now: number, options: { all?: boolean } = {}): RewardView[] {
  return db
    .select()
    .from(rewards)
    .orderBy(sql`${rewards.cost} is null`, rewards.cost, rewards.id)
    .all()
    .map((r) => view(r, locale, now))
    .filter((r) => options.all || r.active);
}

export function getReward(db: Db, id: number, locale: 'es' | 'en', now: number): RewardView {
  const r = db.select().from(rewards).where(eq(rewards.id, id)).get();
  if (!r) throw new DomainError('NOT_FOUND', 'No such reward.');
  return view(r, locale, now);
}

/** Takes one item off the stock; false when none is left (the check and the decrement are one statement). */
function takeStock(db: Db, rewardId: number): boolean {
  return db.run(sql`update rewards set stock = stock - 1 where id = ${rewardId} and (stock is null or stock > 0)`).changes === 1;
}

export const redeemSchema = z.object({ rewardId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }) });

/**
 * A member spends points on a reward. In one immediate transaction: the reward must be active and redeemable, the
 * member must have no request for it still open, enough balance, and an item in stock; the ledger shows the spending.
 */
export function redeemReward(db: Db, actor: Actor | null, input: unknown, now: number): { redemptionId: number; balance: number } {
  const { rewardId } = parseInput(redeemSchema, input);
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to redeem rewards.');
  if (!canRedeemRewards(actor, now)) throw new DomainError('FORBIDDEN', 'You cannot redeem rewards.');
  return db.transaction(
    (tx) => {
      const reward = tx.select().from(rewards).where(eq(rewards.id, rewardId)).get();
      if (!reward) throw new DomainError('NOT_FOUND', 'No such reward.');
      if (!isRewardActive(reward, now)) throw new DomainError('CONFLICT', 'This reward is not available.', { rewardId: 'reward.inactive' });
      if (reward.cost === null) throw new DomainError('CONFLICT', 'This reward is only granted by admins.', { rewardId: 'reward.grantOnly' });
      const open = tx
        .select({ id: redemptions.id })
        .from(redemptions)
        .where(and(eq(redemptions.rewardId, rewardId), eq(redemptions.userId, actor.id), eq(redemptions.status, 'requested')))
        .get();
      if (open) throw new DomainError('CONFLICT', 'You already asked for this reward.', { rewardId: 'reward.alreadyRequested' });
      const { balance } = memberPoints(tx, actor.id);
      if (balance < reward.cost) throw new DomainError('CONFLICT', 'Not enough points.', { rewardId: 'reward.notEnoughPoints' });
      if (!takeStock(tx, rewardId)) throw new DomainError('CONFLICT', 'This reward is out of stock.', { rewardId: 'reward.outOfStock' });
      const redemption = tx.insert(redemptions).values({ rewardId, userId: actor.id, kind: 'redeemed', cost: reward.cost, createdAt: now }).returning({ id: redemptions.id }).get();
      writeEntry(tx, { userId: actor.id, amount: -reward.cost, reason: 'reward.redeemed', source: 'reward', redemptionId: redemption.id }, now);
      return { redemptionId: redemption.id, balance: balance - reward.cost };
    },
    { behavior: 'immediate' },
  );
}

export const grantSchema = z.object({
  rewardId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
  userId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
  note: z.string().trim().max(500, { error: 'field.tooLong' }).default(''),
});

/** An admin grants a reward to a member (no points spent; stock still counts). */
export function grantReward(db: Db, actor: Actor | null, input: unknown, now: number): { redemptionId: number } {
  const admin = requireAdmin(actor, now);
  const data = parseInput(grantSchema, input);
  return db.transaction(
    (tx) => {
      const reward = tx.select().from(rewards).where(eq(rewards.id, data.rewardId)).get();
      if (!reward) throw new DomainError('INVALID', 'No such reward.', { rewardId: 'field.invalid' });
      const member = tx.select({ id: users.id, suspendedUntil: users.suspendedUntil }).from(users).where(eq(users.id, data.userId)).get();
      if (!member) throw new DomainError('INVALID', 'No such member.', { userId: 'field.unknownMember' });
      if (member.suspendedUntil !== null && member.suspendedUntil > now) throw new DomainError('CONFLICT', 'The member is suspended.', { userId: 'reward.memberSuspended' });
      if (!takeStock(tx, reward.id)) throw new DomainError('CONFLICT', 'This reward is out of stock.', { rewardId: 'reward.outOfStock' });
      const r = tx
        .insert(redemptions)
        .values({ rewardId: reward.id, userId: member.id, kind: 'granted', cost: 0, note: data.note, grantedBy: admin.id, createdAt: now })
        .returning({ id: redemptions.id })
        .get();
      return { redemptionId: r.id };
    },
    { behavior: 'immediate' },
  );
}

export const fulfilSchema = z.object({
  status: z.enum(['fulfilled', 'cancelled'], { error: 'field.invalid' }),
  note: z.string().trim().max(500, { error: 'field.tooLong' }).default(''),
});

/**
 * An admin fulfils or cancels a request, with a note the member sees. Cancelling gives the points back (a
 * `reward.refunded` row) and returns the item to the stock.
 */
export function fulfilRedemption(db: Db, actor: Actor | null, redemptionId: number, input: unknown, now: number): { id: number; status: string } {
  const admin = requireAdmin(actor, now);
  const data = parseInput(fulfilSchema, input);
  return db.transaction((tx) => {
    const r = tx.select().from(redemptions).where(eq(redemptions.id, redemptionId)).get();
    if (!r) throw new DomainError('NOT_FOUND', 'No such redemption.');
    if (r.status !== 'requested') throw new DomainError('CONFLICT', 'This request was already handled.', { _: 'reward.alreadyHandled' });
    tx.update(redemptions).set({ status: data.status, note: data.note, handledBy: admin.id, handledAt: now }).where(eq(redemptions.id, r.id)).run();
    if (data.status === 'cancelled') {
      tx.run(sql`update rewards set stock = stock + 1 where id = ${r.rewardId} and stock is not null`);
      if (r.cost > 0) writeEntry(tx, { userId: r.userId, amount: r.cost, reason: 'reward.refunded', source: 'reward', redemptionId: r.id, actorId: admin.id }, now);
    }
    return { id: r.id, status: data.status };
  });
}

export interface RedemptionView {
  id: number;
  rewardId: number;
  rewardName: string;
  userId: number;
  memberName: string;
  kind: 'redeemed' | 'granted';
  cost: number;
  status: 'requested' | 'fulfilled' | 'cancelled';
  note: string;
  createdAt: number;
  handledAt: number | null;
}

export const redemptionQuerySchema = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['requested', 'fulfilled', 'cancelled'], { error: 'field.invalid' }).optional()),
  cursor: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }).optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1).max(100).default(50),
});

/** Redemptions newest first, keyset-paged on id: one member's (profile) or everyone's (admins). */
export function listRedemptions(db: Db, locale: 'es' | 'en', input: unknown, options: { userId?: number } = {}): { items: RedemptionView[]; nextCursor: number | null } {
  const q = parseInput(redemptionQuerySchema, input);
  const rows = db
    .select({ r: redemptions, nameEs: rewards.nameEs, nameEn: rewards.nameEn, memberName: users.displayName })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .innerJoin(users, eq(users.id, redemptions.userId))
    .where(
      and(
        options.userId !== undefined ? eq(redemptions.userId, options.userId) : undefined,
        q.status ? eq(redemptions.status, q.status) : undefined,
        q.cursor ? lt(redemptions.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(redemptions.id))
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const items = rows.map(({ r, nameEs, nameEn, memberName }) => ({
    id: r.id,
    rewardId: r.rewardId,
    rewardName: locale === 'es' ? nameEs : nameEn,
    userId: r.userId,
    memberName,
    kind: r.kind,
    cost: r.cost,
    status: r.status,
    note: r.note,
    createdAt: r.createdAt,
    handledAt: r.handledAt,
  }));
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}
